/**
 * Every Kafka wire name in one place: envelope headers, dead-letter naming and headers, and
 * retry defaults. Topics themselves are declared in topics.ts, event types (the value of
 * Headers.eventType) in event-types.ts. Request metadata (HTTP headers and gRPC metadata keys such
 * as `x-request-id`) lives lower, in @motlan/domain's requests/request-metadata.ts, because
 * @motlan/http and @motlan/grpc, which do not depend on Kafka, name them too.
 */
export const Headers = {
  eventId: 'motlan-event-id',
  eventType: 'motlan-event-type',
  /** Full name of the protobuf message in the value, e.g. `motlan.common.v1.Fact`. */
  schema: 'motlan-schema',
  producer: 'motlan-producer',
  correlationId: 'motlan-correlation-id',
  /** W3C trace context. */
  traceparent: 'traceparent',
} as const;

export const DeadLetterHeaders = {
  originalTopic: 'motlan-dlq-original-topic',
  originalPartition: 'motlan-dlq-original-partition',
  originalOffset: 'motlan-dlq-original-offset',
  originalTimestamp: 'motlan-dlq-original-timestamp',
  error: 'motlan-dlq-error',
  errorCode: 'motlan-dlq-error-code',
  attempts: 'motlan-dlq-attempts',
  consumerGroup: 'motlan-dlq-consumer-group',
  failedAt: 'motlan-dlq-failed-at',
} as const;

export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return topic + DEAD_LETTER_SUFFIX;
}

export const RetryDefaults = {
  /** Attempts at handling one message before it is dead-lettered (retryable errors only). */
  attempts: 5,
  initialBackoffMs: 100,
  maxBackoffMs: 5_000,
} as const;
