import { randomUUID } from 'node:crypto';
import { grpcClientIdentity, grpcServerCredentials, loadTlsMaterial } from '@motlan/access';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { startGrpcServer, type grpc, type RunningGrpcServer } from '@motlan/grpc';
import type { Logger } from '@motlan/logger';
import type { factsV1 } from '@motlan/proto';

type Subscription = factsV1.Subscription__Output;
type Notification = factsV1.Notification__Output;
type StreamCall = grpc.ServerWritableStream<factsV1.StreamNotificationsRequest__Output, Notification>;

/**
 * A stand-in for the fact registry's FactSubscriptions, served over gRPC with mutual TLS as the
 * registry's own certificate: subscriptions per caller (its certificate's identity), a
 * notification log whose cursor is the position (1, 2, …), and streams that catch up from
 * `after` and then follow what `publish` adds. `cut()` fails every open stream (UNAVAILABLE), as
 * a registry going away does; `redeliverLast` makes the next streams start one notification
 * early (at-least-once).
 */
export class FactRegistryFake {
  readonly subscriptions: Subscription[] = [];
  readonly log: Notification[] = [];
  /** Every StreamNotifications request, in order: who asked, for which subscription, after what. */
  readonly streamRequests: { client: string; subscriptionId: string; after: string }[] = [];
  readonly creates: { client: string; request: factsV1.CreateSubscriptionRequest__Output }[] = [];
  redeliverLast = false;
  private readonly live = new Set<{ call: StreamCall; fail: () => void }>();
  private server: RunningGrpcServer | undefined;
  private lastPort = 0;

  constructor(
    private readonly certDir: string,
    private readonly logger: Logger,
  ) {}

  /** The port it listens on, or last listened on while stopped. */
  get port(): number {
    return this.lastPort;
  }

  get openStreams(): number {
    return this.live.size;
  }

  async start(port = 0): Promise<void> {
    this.server = await startGrpcServer({
      logger: this.logger,
      port,
      credentials: grpcServerCredentials(loadTlsMaterial(this.certDir, 'fact-registry')),
      services: [
        {
          name: 'motlan.facts.v1.FactSubscriptions',
          handlers: {
            ListSubscriptions: async (_request: never, call: grpc.ServerUnaryCall<unknown, unknown>) => {
              const client = grpcClientIdentity(call);
              return { subscriptions: this.subscriptions.filter((s) => s.client === client) };
            },
            CreateSubscription: async (
              request: factsV1.CreateSubscriptionRequest__Output,
              call: grpc.ServerUnaryCall<unknown, unknown>,
            ) => {
              const client = grpcClientIdentity(call);
              this.creates.push({ client, request });
              const subscription: Subscription = {
                id: randomUUID(),
                client,
                purpose: request.purpose,
                factTypes: request.factTypes,
                citizensHeldBy: 'military-personnel-db',
                delivery: request.delivery,
                topic: '',
                createdAt: new Date().toISOString(),
              };
              this.subscriptions.push(subscription);
              return subscription;
            },
          },
          streams: {
            StreamNotifications: (request: factsV1.StreamNotificationsRequest__Output, call: StreamCall) =>
              this.stream(request, call),
          },
        },
      ],
    });
    this.lastPort = this.server.port;
  }

  async stop(): Promise<void> {
    this.cut();
    await this.server?.stop(100);
    this.server = undefined;
  }

  /** Appends a notification about `personalId`'s new `type` fact to every subscription's log and to open streams. */
  publish(subscriptionId: string, personalId: string, type: string, value: unknown): Notification {
    const notification: Notification = {
      id: randomUUID(),
      subscriptionId,
      cursor: String(this.log.length + 1),
      purpose: '1.004222',
      fact: {
        id: randomUUID(),
        subject: { personalId },
        type,
        valueJson: JSON.stringify(value),
        provenance: {
          sourceSystem: 'national-population-db',
          assurance: 'ASSURANCE_AUTHORITATIVE',
          sourceRecordRef: personalId,
          sourceRecordVersion: '2',
          observedAt: new Date().toISOString(),
          validFrom: '',
          validUntil: '',
          dossierId: '',
          contentHash: '',
        },
      },
      supersedesFactId: randomUUID(),
      changedAt: new Date().toISOString(),
    };
    return this.append(notification);
  }

  /** Appends a notification again (same id, a new position), as an at-least-once registry may. */
  redeliver(notification: Notification): Notification {
    return this.append({ ...notification, cursor: String(this.log.length + 1) });
  }

  /** Fails every open stream with UNAVAILABLE, as a registry going away does. */
  cut(): void {
    for (const stream of [...this.live]) stream.fail();
  }

  private append(notification: Notification): Notification {
    this.log.push(notification);
    for (const stream of this.live) stream.call.write(notification);
    return notification;
  }

  private stream(request: factsV1.StreamNotificationsRequest__Output, call: StreamCall): Promise<void> {
    const client = grpcClientIdentity(call as unknown as grpc.ServerUnaryCall<unknown, unknown>);
    this.streamRequests.push({ client, subscriptionId: request.subscriptionId, after: request.after });
    if (!this.subscriptions.some((s) => s.id === request.subscriptionId && s.client === client)) {
      return Promise.reject(new MotlanError(CommonErrors.notFound, 'no such subscription'));
    }
    let from = request.after === '' ? 0 : Number(request.after);
    if (this.redeliverLast) from = Math.max(0, from - 1);
    for (const notification of this.log.slice(from)) call.write(notification);
    return new Promise<void>((resolve, reject) => {
      const entry = {
        call,
        fail: () => {
          this.live.delete(entry);
          reject(new MotlanError(CommonErrors.unavailable, 'registry going away'));
        },
      };
      this.live.add(entry);
      call.on('cancelled', () => {
        this.live.delete(entry);
        resolve();
      });
    });
  }
}
