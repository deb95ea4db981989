import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { toRestFact } from '@motlan/proto';
import type { FactSubscriptions } from '../fact-subscriptions.ts';
import { restCaller } from './caller.ts';

const denied = { 401: ProblemRef, 403: ProblemRef, ...problemResponses };
const IdParam = Type.Object({ id: Type.String({ description: 'Subscription id (UUID)' }) });

const SubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    client: Type.String({ description: 'The subscriber: its certificate’s identity' }),
    purpose: Type.String({
      description: 'Procedure code: the legal basis, checked against the access policy',
    }),
    factTypes: Type.Array(Type.String()),
    citizensHeldBy: Type.String({
      description: 'The citizens it covers: those this source system holds a record of (from the policy)',
    }),
    delivery: Type.Union([Type.Literal('kafka'), Type.Literal('grpc-stream')]),
    topic: Type.String({ description: 'The Kafka topic of its notifications (delivery kafka), else empty' }),
    createdAt: Type.String(),
  },
  { $id: 'Subscription' },
);

/**
 * Subscriptions over REST: the same operations, checks and audit as FactSubscriptions over gRPC.
 * Notifications are read here page by page (`after` = the last cursor applied); gRPC streams them
 * and Kafka delivers them to subscribers that have a topic.
 */
export function registerSubscriptionRoutes(app: HttpApp, subscriptions: FactSubscriptions): void {
  app.addSchema(SubscriptionSchema);

  app.post(
    '/v1/subscriptions',
    {
      schema: {
        tags: ['subscriptions'],
        summary:
          'Subscribe to changes of fact types, for the citizens the policy gives this client a legal basis for',
        description:
          'Decided and audited like a read of those types for the purpose: 403 MOTLAN_PURPOSE_NOT_ALLOWED ' +
          'when the purpose does not grant them, 403 MOTLAN_SUBSCRIPTION_NOT_ALLOWED when the policy ' +
          'names no citizens the client may subscribe for, 422 MOTLAN_SUBSCRIPTION_DELIVERY_UNAVAILABLE ' +
          'for delivery kafka when no topic is provisioned for the client.',
        body: Type.Object({
          purpose: Type.String({ description: 'Procedure code' }),
          // The catalog holds a few dozen types: more is not a request anyone means.
          factTypes: Type.Array(Type.String(), { minItems: 1, maxItems: 100 }),
          delivery: Type.Union([Type.Literal('kafka'), Type.Literal('grpc-stream')]),
        }),
        response: { 201: Type.Ref('Subscription'), 422: ProblemRef, ...denied },
      },
    },
    async (request, reply) => {
      const subscription = await subscriptions.create(restCaller(request), request.body);
      return reply.status(201).header('location', `/v1/subscriptions/${subscription.id}`).send(subscription);
    },
  );

  app.get(
    '/v1/subscriptions',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'This client’s subscriptions, oldest first',
        response: { 200: Type.Object({ subscriptions: Type.Array(Type.Ref('Subscription')) }), ...denied },
      },
    },
    async (request) => ({ subscriptions: await subscriptions.list(restCaller(request)) }),
  );

  app.get(
    '/v1/subscriptions/:id',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'One of this client’s subscriptions',
        params: IdParam,
        response: { 200: Type.Ref('Subscription'), ...denied },
      },
    },
    async (request) => subscriptions.get(restCaller(request), request.params.id),
  );

  app.delete(
    '/v1/subscriptions/:id',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'End one of this client’s subscriptions: nothing more is matched to it',
        params: IdParam,
        response: { 204: Type.Null(), ...denied },
      },
    },
    async (request, reply) => {
      await subscriptions.delete(restCaller(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/subscriptions/:id/notifications',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Notifications after a cursor, in order; each one returned is audited as a disclosure',
        params: IdParam,
        querystring: Type.Object({
          after: Type.Optional(
            Type.String({
              maxLength: 41,
              description: 'The cursor of the last notification applied; absent = from the start',
            }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: {
          200: Type.Object({
            notifications: Type.Array(
              Type.Object({
                id: Type.String({ description: 'Stable: apply each id once' }),
                subscriptionId: Type.String(),
                cursor: Type.String(),
                purpose: Type.String(),
                fact: Type.Ref('Fact'),
                supersedesFactId: Type.String({
                  description: 'The fact it replaced as current; empty for the first',
                }),
                changedAt: Type.String(),
              }),
            ),
            next: Type.String({ description: 'Pass as `after` for the next page' }),
          }),
          ...denied,
        },
      },
    },
    async (request) => {
      const page = await subscriptions.page(
        restCaller(request),
        request.params.id,
        request.query.after ?? '',
        request.query.limit ?? 100,
      );
      return {
        notifications: page.notifications.map((notification) => ({
          ...notification,
          fact: toRestFact(notification.fact!),
        })),
        next: page.next,
      };
    },
  );
}
