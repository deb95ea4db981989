import {
  Partitioners,
  type Consumer,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { Registry } from 'prom-client';
import { CommonErrors, isMotlanError, MotlanError } from '@motlan/errors';
import type { Logger } from '@motlan/logger';
import { messageCodec } from '@motlan/proto';
import { RetryDefaults } from './definitions.ts';
import { sendToDeadLetter } from './dead-letter.ts';
import { readEnvelope, type Envelope } from './envelope.ts';
import { consumerMetrics, type ConsumeOutcome } from './consumer-metrics.ts';
import { inBatchSpan, inConsumerSpan } from './trace-context.ts';
import type { TopicDefinition } from './topics.ts';

export interface IncomingEvent<T> {
  key: string;
  value: T;
  envelope: Envelope;
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  headers: IHeaders;
}

/** Resolves 'duplicate' when the event had been applied before (see `onceOnly`). */
export type EventHandler<T> = (event: IncomingEvent<T>) => Promise<void | 'duplicate'>;

export interface RetryPolicy {
  attempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface EventConsumerSettings<T> {
  kafka: Kafka;
  groupId: string;
  topic: TopicDefinition<T>;
  handler: EventHandler<T>;
  logger: Logger;
  registry?: Registry;
  retry?: Partial<RetryPolicy>;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  /** Called once a message is settled (applied, duplicate or dead-lettered), e.g. to track catch-up. */
  onSettled?: (partition: number, offset: string) => void;
  /**
   * Applies the decodable events of one fetched batch together (e.g. in one transaction). When it
   * throws, the batch is handled again event by event through `handler`, so one bad event is
   * retried or dead-lettered on its own and the others still apply.
   */
  batchHandler?: (events: IncomingEvent<T>[]) => Promise<{ duplicates: number } | void>;
  /**
   * For a consumer nobody waits on: let the broker hold a fetch until `minBytes` have gathered or
   * `maxWaitMs` passed, so a trickle of events arrives in batches (one transaction and one offset
   * commit per batch) instead of one fetch per event. Default: answer as soon as anything is there.
   */
  gatherFetches?: { minBytes: number; maxWaitMs: number };
}

export interface EventConsumer {
  /**
   * Stops fetching, lets the message in hand finish, commits offsets, leaves the group (the next
   * member is assigned its partitions at once instead of after the session timeout) and
   * disconnects. A stop during the join waits for the join to settle first.
   */
  stop(): Promise<void>;
  /** Whether the consumer is a member of its group now: false while it joins, rebalances or restarts after a crash. */
  joined(): boolean;
  /** Resolves the first time the consumer has joined its group (never, if it stops before). */
  whenJoined: Promise<void>;
  /**
   * False once kafkajs gave up on it: a crash it does not restart from (a group or topic the
   * identity is not granted, say). Such a consumer consumes nothing until the process restarts.
   */
  running(): boolean;
}

/**
 * Consumes one topic: decodes each value with the topic's protobuf message, hands it to the
 * handler, retries retryable failures with backoff, and sends what still fails — or cannot be
 * decoded at all — to the dead-letter topic with its full envelope, then moves on.
 * Resolves once the consumer is connected and subscribed; it joins its group in the background, so
 * a service answers reads while its consumer (re)joins — a join waits for the group's previous
 * members up to their session timeout (`joined()` and `whenJoined` tell when it is done).
 */
export async function startEventConsumer<T extends object>(
  settings: EventConsumerSettings<T>,
): Promise<EventConsumer> {
  const { kafka, groupId, topic, handler } = settings;
  const retry: RetryPolicy = { ...RetryDefaults, ...settings.retry };
  const logger = settings.logger.child({ component: 'consumer', topic: topic.name, groupId });
  const metrics = consumerMetrics(settings.registry ?? new Registry());
  const codec = messageCodec<T>(topic.payload);
  // A short fetch wait keeps stop() (which waits for the fetch in flight) quick.
  const consumer: Consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: settings.gatherFetches?.maxWaitMs ?? 500,
    ...(settings.gatherFetches ? { minBytes: settings.gatherFetches.minBytes } : {}),
  });
  const deadLetters: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let stopping = false;

  const decode = (
    message: KafkaMessage,
  ): { event?: Omit<IncomingEvent<T>, 'topic' | 'partition'>; why?: string } => {
    const envelope = readEnvelope(message.headers);
    if (!envelope) return { why: 'missing envelope headers (event id, type or schema)' };
    if (envelope.schema !== topic.payload) {
      return { why: `schema ${envelope.schema} is not the topic's ${topic.payload}` };
    }
    if (!message.value) return { why: 'empty value' };
    try {
      const value = codec.decode(message.value);
      return {
        event: {
          key: message.key?.toString() ?? '',
          value,
          envelope,
          offset: message.offset,
          timestamp: message.timestamp,
          headers: message.headers ?? {},
        },
      };
    } catch (error) {
      return { why: `value is not a ${topic.payload}: ${(error as Error).message}` };
    }
  };

  const count = (outcome: ConsumeOutcome, by = 1) =>
    metrics.outcomes.inc({ topic: topic.name, group: groupId, outcome }, by);

  const handle = async (partition: number, message: KafkaMessage): Promise<void> => {
    const decoded = decode(message);
    if (!decoded.event) {
      logger.warn(
        { partition, offset: message.offset, reason: decoded.why },
        'undecodable message dead-lettered',
      );
      await sendToDeadLetter(deadLetters, {
        topic: topic.name,
        partition,
        message,
        error: { code: CommonErrors.undecodable.code, message: decoded.why ?? 'undecodable' },
        attempts: 0,
        groupId,
      });
      count('dead_lettered');
      return;
    }
    const event: IncomingEvent<T> = { ...decoded.event, topic: topic.name, partition };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await inConsumerSpan(topic.name, groupId, message.headers, () => handler(event));
        count(outcome === 'duplicate' ? 'duplicate' : 'applied');
        return;
      } catch (error) {
        const retryable = !isMotlanError(error) || error.canRetry;
        if (!retryable || attempt >= retry.attempts || stopping) {
          if (stopping && retryable) throw error; // not committed: redelivered after restart
          const failure = isMotlanError(error)
            ? error
            : new MotlanError(CommonErrors.internal, String(error));
          logger.warn(
            {
              partition,
              offset: message.offset,
              code: failure.code,
              attempt,
              eventId: event.envelope.eventId,
            },
            'message dead-lettered',
          );
          await sendToDeadLetter(deadLetters, {
            topic: topic.name,
            partition,
            message,
            error: { code: failure.code, message: (error as Error).message ?? String(error) },
            attempts: attempt,
            groupId,
          });
          count('dead_lettered');
          return;
        }
        count('retried');
        const backoff = Math.min(retry.maxBackoffMs, retry.initialBackoffMs * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, backoff));
      }
    }
  };

  await deadLetters.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: settings.fromBeginning ?? true });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    metrics.lag.set(
      { topic: payload.topic, group: groupId, partition: String(payload.partition) },
      Number(payload.offsetLag),
    );
  });
  let member = false;
  let gaveUp = false;
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) return;
    gaveUp = true;
    logger.error({ err: payload.error }, 'consumer crashed and is not restarted');
  });
  let markJoined = () => {};
  const whenJoined = new Promise<void>((resolve) => (markJoined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => {
    member = true;
    markJoined();
    logger.debug('consumer joined its group');
  });
  // kafkajs leaves the group on each of these; it says GROUP_JOIN again once it is back in.
  for (const left of [
    consumer.events.REBALANCING,
    consumer.events.CRASH,
    consumer.events.STOP,
    consumer.events.DISCONNECT,
  ]) {
    consumer.on(left, () => (member = false));
  }
  const batchHandler = settings.batchHandler;
  // Not awaited: kafkajs's run resolves only once the consumer has joined and synced its group.
  // Its crashes are handled (and retried) by kafkajs itself; what could still reject is logged.
  const running = consumer
    .run({
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently ?? 1,
      ...(batchHandler
        ? {
            eachBatchAutoResolve: false,
            eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
              const decoded = batch.messages.map((message) => decode(message).event);
              if (decoded.length > 0 && decoded.every((event) => event !== undefined)) {
                const events = decoded.map((event) => ({
                  ...event!,
                  topic: topic.name,
                  partition: batch.partition,
                }));
                try {
                  const result = await inBatchSpan(
                    topic.name,
                    groupId,
                    batch.messages.map((message) => message.headers),
                    () => batchHandler(events),
                  );
                  const duplicates = result?.duplicates ?? 0;
                  count('applied', events.length - duplicates);
                  if (duplicates > 0) count('duplicate', duplicates);
                  for (const message of batch.messages) {
                    resolveOffset(message.offset);
                    settings.onSettled?.(batch.partition, message.offset);
                  }
                  await heartbeat();
                  return;
                } catch (error) {
                  logger.debug(
                    { err: error, size: events.length },
                    'batch failed; handling its events one by one',
                  );
                }
              }
              for (const message of batch.messages) {
                if (!isRunning() || isStale()) return;
                await handle(batch.partition, message);
                resolveOffset(message.offset);
                settings.onSettled?.(batch.partition, message.offset);
                await heartbeat();
              }
            },
          }
        : {
            eachMessage: async ({ partition, message }) => {
              await handle(partition, message);
              settings.onSettled?.(partition, message.offset);
            },
          }),
    })
    .catch((error: unknown) => logger.error({ err: error }, 'consumer could not run'));

  return {
    joined: () => member,
    whenJoined,
    running: () => !gaveUp,
    async stop() {
      stopping = true;
      // Stopping kafkajs in the middle of its join would leave a runner that starts fetching after.
      await running;
      await consumer.stop();
      await consumer.disconnect();
      await deadLetters.disconnect();
    },
  };
}
