import { validateFactValue } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import type { ServerStream } from '@motlan/grpc';
import type { Logger } from '@motlan/logger';
import type { factsV1 } from '@motlan/proto';
import { Counter, Gauge, type Registry } from 'prom-client';
import { notificationEffect, SUBSCRIBED_FACT_TYPES } from '../domain/notification-effects.ts';
import { SimulatorErrors } from '../errors.ts';
import type { HandleResult, NotificationsStore } from '../store/notifications-store.ts';
import type { FactSubscriptionsApi } from './fact-subscriptions-client.ts';
import { DEFAULT_RETRY, retryDelay, type RetrySettings } from './retry-delay.ts';

export interface NotificationSubscriberDeps {
  api: FactSubscriptionsApi;
  store: NotificationsStore;
  /** The procedure code the subscription is made for (the policy's legal basis). */
  purpose: string;
  logger: Logger;
  registry?: Registry;
  retry?: RetrySettings;
  now?: () => number;
}

/** What `GET /admin/subscription` shows. */
export interface SubscriptionStatus {
  /** False when MPDB_NOTIFICATIONS_ADDRESS is empty: no subscriber runs. */
  enabled: boolean;
  /** A notification stream is open to the registry. */
  connected: boolean;
  purpose: string | null;
  subscriptionId: string | null;
  /** The cursor of the last notification handled ('' before the first); null before any subscription. */
  cursor: string | null;
  /** Notifications that changed a record. */
  appliedCount: number;
  /** Notifications handled without a change (already so, a citizen not held, a change not acted on, an invalid value). */
  skippedCount: number;
  lastAppliedAt: string | null;
  /** The code of the error that cut the last stream (no personal data), or null. */
  lastError: string | null;
}

/**
 * This system as a subscriber of the mesh (tell us once): it makes sure it has a stream
 * subscription (`DELIVERY_GRPC_STREAM`) for its purpose, creating one for the fact types it acts
 * on when there is none, then reads StreamNotifications from the cursor it stored and applies
 * each notification once (`NotificationsStore.handle`: the change, the id and the cursor in one
 * transaction). When the stream fails, ends, or the registry is away, it reconnects after a
 * growing wait and resumes from the stored cursor, however long it was away. `stop` cancels
 * the stream after the notification in hand is applied.
 */
export class NotificationSubscriber {
  private readonly now: () => number;
  private readonly retry: RetrySettings;
  private readonly applied: Counter<'type'>;
  private readonly skipped: Counter<'reason'>;
  private readonly reconnects: Counter;
  private readonly connectedGauge: Gauge;
  private running = false;
  private loop: Promise<void> | undefined;
  private stream: ServerStream<factsV1.Notification__Output> | undefined;
  private wake: (() => void) | undefined;
  private subscriptionId: string | null = null;
  private connected = false;
  private lastError: string | null = null;

  constructor(private readonly deps: NotificationSubscriberDeps) {
    this.now = deps.now ?? Date.now;
    this.retry = deps.retry ?? DEFAULT_RETRY;
    const registers = deps.registry ? [deps.registry] : [];
    this.applied = new Counter({
      name: 'mpdb_sim_notifications_applied_total',
      help: 'Fact notifications that changed a personnel record, by fact type',
      labelNames: ['type'],
      registers,
    });
    this.skipped = new Counter({
      name: 'mpdb_sim_notifications_skipped_total',
      help: 'Fact notifications handled without a change, by reason (unchanged, not_held, ignored, invalid, duplicate)',
      labelNames: ['reason'],
      registers,
    });
    this.reconnects = new Counter({
      name: 'mpdb_sim_notifications_reconnects_total',
      help: 'Notification streams opened again after one failed or ended',
      registers,
    });
    this.connectedGauge = new Gauge({
      name: 'mpdb_sim_notifications_stream_connected',
      help: '1 while a notification stream to the fact registry is open',
      registers,
    });
  }

  /** Starts following in the background; resolves at once (the registry may not be up yet). */
  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the notification in hand: the stream cancelled, the wait cut short, the client closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.stream?.cancel();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.deps.api.close();
  }

  async status(): Promise<SubscriptionStatus> {
    const progress =
      this.subscriptionId === null
        ? await this.deps.store.latest()
        : await this.deps.store.find(this.subscriptionId);
    return {
      enabled: true,
      connected: this.connected,
      purpose: this.deps.purpose,
      subscriptionId: progress?.subscriptionId ?? this.subscriptionId,
      cursor: progress?.cursor ?? null,
      appliedCount: progress?.appliedCount ?? 0,
      skippedCount: progress?.skippedCount ?? 0,
      lastAppliedAt: progress?.lastAppliedAt ?? null,
      lastError: this.lastError,
    };
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let opened = false;
    while (this.running) {
      try {
        const subscriptionId = await this.ensureSubscription();
        const { cursor } = await this.deps.store.progress(subscriptionId, this.deps.purpose);
        if (!this.running) break;
        if (opened) this.reconnects.inc();
        opened = true;
        this.stream = this.deps.api.stream(subscriptionId, cursor);
        this.setConnected(true);
        this.deps.logger.info({ subscriptionId, after: cursor }, 'following fact notifications');
        for await (const notification of this.stream) {
          await this.apply(subscriptionId, notification);
          attempt = 0;
          this.lastError = null;
        }
        if (this.running)
          this.deps.logger.warn({ subscriptionId }, 'the registry ended the notification stream');
      } catch (error) {
        if (!this.running) break;
        this.lastError = error instanceof MotlanError ? error.code : 'MOTLAN_INTERNAL';
        this.deps.logger.warn(
          { err: error instanceof MotlanError ? { code: error.code, message: error.message } : error },
          'notification stream failed; reconnecting',
        );
      } finally {
        this.stream = undefined;
        this.setConnected(false);
      }
      if (!this.running) break;
      await this.pause(retryDelay(attempt, this.retry));
      attempt += 1;
    }
  }

  /** The stream subscription for the purpose: the existing one, else a new one for SUBSCRIBED_FACT_TYPES. */
  private async ensureSubscription(): Promise<string> {
    const existing = (await this.deps.api.list()).find(
      (subscription) =>
        subscription.purpose === this.deps.purpose && subscription.delivery === 'DELIVERY_GRPC_STREAM',
    );
    const subscription =
      existing ??
      (await this.deps.api.create({ purpose: this.deps.purpose, factTypes: SUBSCRIBED_FACT_TYPES }));
    if (!existing) {
      this.deps.logger.info(
        { subscriptionId: subscription.id, purpose: this.deps.purpose, factTypes: SUBSCRIBED_FACT_TYPES },
        'subscribed to fact notifications',
      );
    }
    this.subscriptionId = subscription.id;
    return subscription.id;
  }

  private async apply(subscriptionId: string, notification: factsV1.Notification__Output): Promise<void> {
    if (!notification.id || !notification.cursor) {
      throw new MotlanError(
        SimulatorErrors.notificationUnusable,
        'The registry sent a notification without an id or a cursor',
        { field: notification.id ? 'cursor' : 'id' },
      );
    }
    const fact = notification.fact;
    const factType = fact?.type ?? '';
    const value = fact ? checkedValue(factType, fact.valueJson) : undefined;
    const at = new Date(this.now());
    const result: HandleResult = await this.deps.store.handle(
      {
        id: notification.id,
        subscriptionId,
        cursor: notification.cursor,
        factType,
        personalId: fact?.subject?.personalId ?? '',
      },
      at,
      value === undefined
        ? 'invalid'
        : (record) => notificationEffect(record, { type: factType, value }, at.toISOString()),
    );
    if (result.outcome === 'applied') this.applied.inc({ type: factType });
    else this.skipped.inc({ reason: result.outcome });
    this.deps.logger.debug(
      {
        notificationId: notification.id,
        factType,
        outcome: result.outcome,
        feedCursor: 'entry' in result ? result.entry?.ViTri : undefined,
      },
      'fact notification handled',
    );
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    this.connectedGauge.set(connected ? 1 : 0);
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** The notified value checked against the catalog (text in NFC); undefined when it fails or is no JSON. */
function checkedValue(type: string, valueJson: string): unknown {
  try {
    return validateFactValue(type, JSON.parse(valueJson) as unknown);
  } catch {
    return undefined;
  }
}
