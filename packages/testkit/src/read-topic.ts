import type { Kafka, KafkaMessage } from 'kafkajs';
import { KafkaTestClient } from '@motlan/kafka';
import { uniqueName } from './test-env.ts';

/**
 * Reads raw records from a topic from the beginning with a throwaway consumer group until
 * `count` have arrived or `timeoutMs` passes; returns what arrived (the caller asserts).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 15_000,
): Promise<(KafkaMessage & { partition: number })[]> {
  const consumer = kafka.consumer({
    groupId: uniqueName(`${KafkaTestClient.groupPrefix}reader`),
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 200,
  });
  const received: (KafkaMessage & { partition: number })[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          received.push({ ...message, partition });
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
