import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SubscriptionStatus } from '../notifications/notification-subscriber.ts';

export interface SubscriptionRoutesOptions {
  /** The running subscriber's status, or the stored progress when none runs. */
  status: () => Promise<SubscriptionStatus>;
}

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const SubscriptionStatusSchema = Type.Object(
  {
    enabled: Type.Boolean({
      description: 'false when MPDB_NOTIFICATIONS_ADDRESS is empty: no subscriber runs',
    }),
    connected: Type.Boolean({ description: 'a notification stream to the fact registry is open' }),
    purpose: Nullable(Type.String({ description: 'the procedure code subscribed for' })),
    subscriptionId: Nullable(Type.String()),
    cursor: Nullable(Type.String({ description: "the last notification handled ('' before the first)" })),
    appliedCount: Type.Integer({ minimum: 0, description: 'notifications that changed a record' }),
    skippedCount: Type.Integer({
      minimum: 0,
      description: 'notifications handled without a change (already so, not held, not acted on, invalid)',
    }),
    lastAppliedAt: Nullable(Type.String({ format: 'date-time' })),
    lastError: Nullable(Type.String({ description: 'the error code that cut the last stream' })),
  },
  { additionalProperties: false },
);

/** `GET /admin/subscription`: where the fact-notification subscriber stands (simulator control, no token). */
export const subscriptionRoutes: FastifyPluginAsyncTypebox<SubscriptionRoutesOptions> = async (
  app,
  options,
) => {
  app.get(
    '/admin/subscription',
    {
      schema: {
        summary:
          'The fact-notification subscriber: subscription, cursor, what it applied, whether it is connected',
        description:
          "This system learns its registrants' changes from the fact registry (StreamNotifications). Counts and " +
          'the cursor are the stored ones, so they survive a restart.',
        tags: ['simulator admin'],
        response: { 200: SubscriptionStatusSchema },
      },
    },
    () => options.status(),
  );
};
