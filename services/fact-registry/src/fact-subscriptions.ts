import { randomUUID } from 'node:crypto';
import { subscriptionScope, type AuditTrail, type DisclosureGuard, type Policy } from '@motlan/access';
import type { Pool } from '@motlan/db';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { isNotificationSubscriber, notificationsTopic, prefixed } from '@motlan/kafka';
import type { factsV1 } from '@motlan/proto';
import { untraced } from '@motlan/telemetry';
import type { Bell } from './bell.ts';
import { checkPurpose, checkTypes } from './domain/request-checks.ts';
import { RegistryErrors } from './errors.ts';
import type { Caller } from './fact-registry.ts';
import type { NotificationRelease } from './notification-release.ts';
import { notificationsAfter, parseCursor, START, formatCursor, type Cursor } from './store/notifications.ts';
import {
  clientSubscription,
  clientSubscriptions,
  deleteSubscription,
  insertSubscription,
  type Delivery,
  type StoredSubscription,
} from './store/subscriptions.ts';

/**
 * The audit subject of a subscription decision: not one citizen but all those the subscription
 * covers (each delivery is then audited under the citizen's own personal ID).
 */
export const SUBSCRIPTION_AUDIT_SUBJECT = '*';

export interface SubscriptionRequest {
  purpose: string;
  factTypes: string[];
  delivery: Delivery;
}

/** A subscription as both APIs answer it. */
export interface SubscriptionView {
  id: string;
  client: string;
  purpose: string;
  factTypes: string[];
  citizensHeldBy: string;
  delivery: Delivery;
  /** The Kafka topic its notifications go to (delivery kafka), else ''. */
  topic: string;
  createdAt: string;
}

export interface NotificationPage {
  notifications: factsV1.Notification__Output[];
  /** The cursor to ask after next: the last one read, or the one given when there was none. */
  next: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_BATCH = 500;

/**
 * Tell us once: a client subscribes to changes of fact types, under a purpose the policy grants
 * those types for, for the citizens the policy's `subscribes.citizensHeldBy` names. Creating one is
 * decided and audited like a read (MOTLAN_PURPOSE_NOT_ALLOWED on the same terms); the changes it
 * matches are recorded with the facts (store/apply-facts.ts) and leave through NotificationRelease
 * — on the client's Kafka topic (events/notification-relay.ts), a REST page or a gRPC stream.
 */
export class FactSubscriptions {
  constructor(
    private readonly pool: Pool,
    private readonly policy: Policy,
    private readonly guard: DisclosureGuard,
    private readonly trail: AuditTrail,
    private readonly gate: NotificationRelease,
    private readonly topicPrefix: string,
    /** Rung when facts were applied: idle streams look again at once. */
    private readonly bell: Bell,
    /** How long an idle stream waits when nobody rings before looking again, ms. */
    private readonly idleMs = 250,
  ) {}

  /**
   * Refusals, in order: bad input (400, nothing audited); delivery kafka for a client with no
   * topic (422 MOTLAN_SUBSCRIPTION_DELIVERY_UNAVAILABLE); no `subscribes` in the policy (403
   * MOTLAN_SUBSCRIPTION_NOT_ALLOWED, audited denied); types not granted for the purpose (403
   * MOTLAN_PURPOSE_NOT_ALLOWED, audited denied by the DisclosureGuard as a read would be).
   */
  async create(caller: Caller, request: SubscriptionRequest): Promise<SubscriptionView> {
    checkPurpose(request.purpose);
    checkTypes(request.factTypes);
    const factTypes = [...new Set(request.factTypes)].sort();
    if (request.delivery === 'kafka' && !isNotificationSubscriber(caller.client)) {
      throw new MotlanError(
        RegistryErrors.subscriptionDeliveryUnavailable,
        `No notifications topic is provisioned for ${caller.client}; subscribe with delivery grpc-stream`,
        { field: 'delivery' },
      );
    }
    const decision = { ...caller, subject: SUBSCRIPTION_AUDIT_SUBJECT, purpose: request.purpose, factTypes };
    const citizensHeldBy = subscriptionScope(this.policy, caller.client);
    if (citizensHeldBy === undefined) {
      await this.trail.record({ ...decision, outcome: 'denied' });
      throw new MotlanError(
        RegistryErrors.subscriptionNotAllowed,
        `The access policy names no citizens ${caller.client} may subscribe for`,
      );
    }
    await this.guard.authorize(decision);
    return this.view(
      await insertSubscription(this.pool, {
        id: randomUUID(),
        client: caller.client,
        purpose: request.purpose,
        factTypes,
        citizensHeldBy,
        delivery: request.delivery,
      }),
    );
  }

  async list(caller: Caller): Promise<SubscriptionView[]> {
    return (await clientSubscriptions(this.pool, caller.client)).map((subscription) =>
      this.view(subscription),
    );
  }

  async get(caller: Caller, id: string): Promise<SubscriptionView> {
    return this.view(await this.owned(caller, id));
  }

  /** Ends the subscription: nothing more is matched to it; what was matched before stays readable by no one. */
  async delete(caller: Caller, id: string): Promise<void> {
    checkId(id);
    if (!(await deleteSubscription(this.pool, caller.client, id))) throw notFound(id);
  }

  /** Up to `limit` notifications after the cursor `after` ('' = from the start), each audited as it leaves. */
  async page(caller: Caller, id: string, after: string, limit: number): Promise<NotificationPage> {
    await this.owned(caller, id);
    const cursor = cursorOf(after);
    const pending = await notificationsAfter(this.pool, id, cursor, limit);
    const released = await this.gate.release(pending);
    return {
      notifications: released.map((entry) => entry.notification),
      next: pending.at(-1)?.notification.cursor ?? formatCursor(cursor),
    };
  }

  /**
   * Sends the notifications after `after`, then each new one, until `signal` aborts (the caller
   * left or the server stops). `send` resolving means the transport took it (a slow reader holds
   * only its own stream). Ends with MOTLAN_SUBSCRIPTION_NOT_FOUND when the subscription is deleted.
   */
  async stream(
    caller: Caller,
    id: string,
    after: string,
    send: (notification: factsV1.Notification__Output) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    await this.owned(caller, id);
    let cursor = cursorOf(after);
    while (!signal.aborted) {
      const seen = this.bell.count;
      // The stream is one span for as long as it lasts (@motlan/grpc): its looks for something
      // new are no spans of it, or an idle stream would add a few every second; what it releases
      // (the disclosure, its audit) is.
      const pending = await untraced(() => notificationsAfter(this.pool, id, cursor, STREAM_BATCH));
      if (pending.length === 0) {
        await untraced(async () => {
          await this.owned(caller, id);
          await this.bell.wait(this.idleMs, signal, seen);
        });
        continue;
      }
      for (const entry of await this.gate.release(pending)) {
        if (signal.aborted) return;
        await send(entry.notification);
      }
      cursor = parseCursor(pending.at(-1)!.notification.cursor)!;
    }
  }

  private async owned(caller: Caller, id: string): Promise<StoredSubscription> {
    checkId(id);
    const subscription = await clientSubscription(this.pool, caller.client, id);
    if (!subscription) throw notFound(id);
    return subscription;
  }

  private view(subscription: StoredSubscription): SubscriptionView {
    return {
      id: subscription.id,
      client: subscription.client,
      purpose: subscription.purpose,
      factTypes: subscription.factTypes,
      citizensHeldBy: subscription.citizensHeldBy,
      delivery: subscription.delivery,
      topic:
        subscription.delivery === 'kafka' && isNotificationSubscriber(subscription.client)
          ? prefixed(notificationsTopic(subscription.client), this.topicPrefix).name
          : '',
      createdAt: subscription.createdAt.toISOString(),
    };
  }
}

function checkId(id: string): void {
  if (!UUID.test(id)) throw new MotlanError(CommonErrors.validation, 'id must be a UUID', { field: 'id' });
}

function cursorOf(after: string): Cursor {
  if (after === '') return START;
  const cursor = parseCursor(after);
  if (!cursor) {
    throw new MotlanError(CommonErrors.validation, 'after must be a cursor this registry handed out', {
      field: 'after',
    });
  }
  return cursor;
}

const notFound = (id: string) =>
  new MotlanError(RegistryErrors.subscriptionNotFound, `No subscription ${id} of this client`, {
    field: 'id',
  });
