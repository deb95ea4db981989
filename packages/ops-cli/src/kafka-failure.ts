import { CommonErrors, isMotlanError, MotlanError } from '@motlan/errors';

/**
 * A kafkajs failure as a MotlanError an operator can act on: a refused right
 * (`*_AUTHORIZATION_FAILED`) as MOTLAN_PERMISSION_DENIED naming the grant and the admin step, a
 * broker out of reach as MOTLAN_UNAVAILABLE naming KAFKA_BROKERS. MotlanErrors pass unchanged.
 */
export function kafkaFailure(error: unknown): unknown {
  if (isMotlanError(error)) return error;
  const { type, name, message } = error as { type?: string; name?: string; message?: string };
  if (type?.endsWith('AUTHORIZATION_FAILED')) {
    return new MotlanError(
      CommonErrors.permissionDenied,
      `Kafka refused the operator identity (${type}): its grant is KafkaGrants.operator in packages/kafka/src/topic-access.ts, applied by the admin step (pnpm topics, pnpm start)`,
      { cause: error },
    );
  }
  if (
    name === 'KafkaJSConnectionError' ||
    name === 'KafkaJSNumberOfRetriesExceeded' ||
    name === 'KafkaJSNonRetriableError'
  ) {
    return new MotlanError(CommonErrors.unavailable, `Kafka out of reach (KAFKA_BROKERS): ${message ?? ''}`, {
      cause: error,
    });
  }
  return error;
}
