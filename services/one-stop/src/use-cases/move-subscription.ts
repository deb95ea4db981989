import { MOVE_FACT_TYPE, MOVE_OUT_PROCEDURE } from '../domain/move.ts';
import type { SubscriptionInfo, Subscriptions } from '../mesh/ports.ts';

/**
 * The one subscription one-stop holds at the fact registry: changes of `residence.permanent`, for
 * the move-out registration's purpose (1.004224, the access policy's legal basis), delivered on
 * its own Kafka topic. Listed first and created only when missing, so a restart (or a second
 * instance) keeps the one it has.
 */
export async function ensureMoveSubscription(
  subscriptions: Subscriptions,
): Promise<{ subscription: SubscriptionInfo; created: boolean }> {
  const held = (await subscriptions.list()).find(
    (subscription) =>
      subscription.purpose === MOVE_OUT_PROCEDURE &&
      subscription.delivery === 'DELIVERY_KAFKA' &&
      subscription.factTypes.includes(MOVE_FACT_TYPE),
  );
  if (held) return { subscription: held, created: false };
  return {
    subscription: await subscriptions.createKafka(MOVE_OUT_PROCEDURE, [MOVE_FACT_TYPE]),
    created: true,
  };
}
