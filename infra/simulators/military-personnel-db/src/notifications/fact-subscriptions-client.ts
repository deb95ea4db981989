import { grpcChannelCredentials, type TlsMaterial } from '@motlan/access';
import { createGrpcClient, type ServerStream } from '@motlan/grpc';
import type { factsV1 } from '@motlan/proto';

/** The fact registry's gRPC service this system subscribes through. */
export const FACT_SUBSCRIPTIONS_SERVICE = 'motlan.facts.v1.FactSubscriptions';

/**
 * What the subscriber needs of the registry's FactSubscriptions (small, so a test can stand in
 * for it); every call is made as this system's certificate identity.
 */
export interface FactSubscriptionsApi {
  /** The caller's own subscriptions, oldest first. */
  list(): Promise<factsV1.Subscription__Output[]>;
  create(request: { purpose: string; factTypes: readonly string[] }): Promise<factsV1.Subscription__Output>;
  /** The subscription's notifications after `after` ('' = from its beginning), then live. */
  stream(subscriptionId: string, after: string): ServerStream<factsV1.Notification__Output>;
  close(): void;
}

export interface FactSubscriptionsClientSettings {
  /** The registry's gRPC `host:port`. */
  address: string;
  /** This system's mutual-TLS material (identity `military-personnel-db`). */
  tls: TlsMaterial;
  /** Deadline of the unary calls (ms). */
  deadlineMs?: number;
}

/** FactSubscriptions over gRPC with mutual TLS; the stream itself has no deadline (it lasts). */
export function factSubscriptionsClient(settings: FactSubscriptionsClientSettings): FactSubscriptionsApi {
  const client = createGrpcClient(FACT_SUBSCRIPTIONS_SERVICE, {
    address: settings.address,
    credentials: grpcChannelCredentials(settings.tls),
    defaultDeadlineMs: settings.deadlineMs ?? 10_000,
    // The registry's development certificate names localhost: an IP address is no TLS server name
    // (RFC 6066), and Node warns when given one.
    channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
  });
  return {
    async list() {
      const response = await client.call<factsV1.ListSubscriptionsResponse__Output>('ListSubscriptions', {});
      return response.subscriptions;
    },
    create: (request) =>
      client.call<factsV1.Subscription__Output>('CreateSubscription', {
        purpose: request.purpose,
        factTypes: [...request.factTypes],
        delivery: 'DELIVERY_GRPC_STREAM',
      }),
    stream: (subscriptionId, after) =>
      client.stream<factsV1.Notification__Output>('StreamNotifications', { subscriptionId, after }),
    close: () => client.close(),
  };
}
