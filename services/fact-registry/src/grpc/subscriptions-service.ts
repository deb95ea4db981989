import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { grpcClientIdentity } from '@motlan/access';
import { RequestMetadata } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { grpc, ServerStreamHandler, ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { factsV1 } from '@motlan/proto';
import type { Caller } from '../fact-registry.ts';
import type { FactSubscriptions, SubscriptionView } from '../fact-subscriptions.ts';
import type { Delivery } from '../store/subscriptions.ts';

function callerOf(
  call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>,
): Caller {
  const requestId = call.metadata.get(RequestMetadata.requestId)[0];
  return { client: grpcClientIdentity(call), requestId: requestId ? String(requestId) : randomUUID() };
}

/** The wire's Delivery enum (names, as proto-loader gives them) ↔ the REST spelling. */
const DELIVERY_BY_WIRE: Record<string, Delivery> = {
  DELIVERY_KAFKA: 'kafka',
  DELIVERY_GRPC_STREAM: 'grpc-stream',
};
const WIRE_DELIVERY: Record<Delivery, factsV1.Delivery> = {
  kafka: 'DELIVERY_KAFKA',
  'grpc-stream': 'DELIVERY_GRPC_STREAM',
};

const toWire = (view: SubscriptionView): factsV1.Subscription => ({
  ...view,
  delivery: WIRE_DELIVERY[view.delivery],
});

const bind = <Req, Res>(handler: UnaryHandler<Req, Res>) => handler as ServiceBinding['handlers'][string];

/** motlan.facts.v1.FactSubscriptions over gRPC (mutual TLS: the subscriber is its certificate). */
export function subscriptionsBinding(subscriptions: FactSubscriptions): ServiceBinding {
  const create: UnaryHandler<factsV1.CreateSubscriptionRequest__Output, factsV1.Subscription> = async (
    request,
    call,
  ) => {
    const delivery = DELIVERY_BY_WIRE[String(request.delivery)];
    if (!delivery) {
      throw new MotlanError(
        CommonErrors.validation,
        'delivery must be DELIVERY_KAFKA or DELIVERY_GRPC_STREAM',
        {
          field: 'delivery',
        },
      );
    }
    return toWire(
      await subscriptions.create(callerOf(call), {
        purpose: request.purpose,
        factTypes: request.factTypes,
        delivery,
      }),
    );
  };

  const list: UnaryHandler<
    factsV1.ListSubscriptionsRequest__Output,
    factsV1.ListSubscriptionsResponse
  > = async (_request, call) => ({ subscriptions: (await subscriptions.list(callerOf(call))).map(toWire) });

  const remove: UnaryHandler<
    factsV1.DeleteSubscriptionRequest__Output,
    factsV1.DeleteSubscriptionResponse
  > = async (request, call) => {
    await subscriptions.delete(callerOf(call), request.id);
    return {};
  };

  const stream: ServerStreamHandler<
    factsV1.StreamNotificationsRequest__Output,
    factsV1.Notification
  > = async (request, call, signal) =>
    subscriptions.stream(
      callerOf(call),
      request.subscriptionId,
      request.after,
      async (notification) => {
        // A reader that does not keep up holds only its own stream, never the registry.
        if (!call.write(notification)) await once(call, 'drain', { signal }).catch(() => undefined);
      },
      signal,
    );

  return {
    name: 'motlan.facts.v1.FactSubscriptions',
    handlers: {
      CreateSubscription: bind(create),
      ListSubscriptions: bind(list),
      DeleteSubscription: bind(remove),
    },
    streams: { StreamNotifications: stream as ServerStreamHandler<never, unknown> },
  };
}
