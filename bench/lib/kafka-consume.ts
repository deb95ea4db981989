/**
 * Raw kafkajs read speed of an existing topic from offset zero: a throw-away consumer group
 * (deleted afterwards) counts messages and bytes with `eachBatch`, nothing decoded or stored —
 * the floor under any consumer that replays the topic.
 */
import type { Kafka } from 'kafkajs';
import { startTimer } from './histogram.ts';
import { deleteGroups } from './consumer-groups.ts';

export interface TopicReadResult {
  topic: string;
  messages: number;
  bytes: number;
  /** From the first batch to the last message counted. */
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
  /** From run() to the first batch: joining the group and the first fetch. */
  joinSeconds: number;
  /** Stopped by `timeoutMs` before reaching `maxMessages` (or the topic's end). */
  timedOut: boolean;
}

/**
 * Reads `topic` from the beginning until `maxMessages` (at most what it holds now) or `timeoutMs`,
 * whichever comes first.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  maxMessages: number,
  timeoutMs: number,
  partitionsConsumedConcurrently = 1,
): Promise<TopicReadResult> {
  const groupId = `bench.read.${Date.now()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  let messages = 0;
  let bytes = 0;
  let firstBatchAt: number | undefined;
  let lastAt = 0;
  const sinceRun = startTimer();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently,
      eachBatch: async ({ batch }) => {
        firstBatchAt ??= sinceRun();
        for (const message of batch.messages) {
          bytes += (message.value?.length ?? 0) + (message.key?.length ?? 0);
        }
        messages += batch.messages.length;
        lastAt = sinceRun();
        if (messages >= maxMessages) done();
      },
    });
    const timer = setTimeout(done, timeoutMs);
    await finished;
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
    await deleteGroups(kafka, [groupId]);
  }
  const seconds = Math.max(0.001, (lastAt - (firstBatchAt ?? 0)) / 1000);
  return {
    topic,
    messages,
    bytes,
    seconds,
    messagesPerSecond: messages / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
    joinSeconds: (firstBatchAt ?? 0) / 1000,
    timedOut: messages < maxMessages,
  };
}
