import { Partitioners, type Kafka } from 'kafkajs';
import { LatencyRecorder, startTimer, type LatencySummary } from '../lib/histogram.ts';
import { withScratchTopic } from '../lib/topics.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { withTimeout } from '../lib/timeout.ts';

export interface KafkaBaselineOptions {
  kafka: Kafka;
  messages: number;
  messageBytes: number;
  partitions: number;
  /** Messages per producer.send call. */
  batchSize: number;
  /** send calls awaiting their acknowledgement at once. */
  sendsInFlight: number;
  /** Upper bound for consuming everything back, so a stuck group fails instead of hanging. */
  consumeTimeoutMs?: number;
}

export interface KafkaProduceResult {
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
  /** Latency of one send call (a whole batch, acks=-1). */
  sendLatency: LatencySummary;
}

export interface KafkaConsumeResult {
  /** From the first batch received to the last message: steady-state fetch speed. */
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
  /** From consumer.run() to the first batch: joining the group and the first fetch. */
  joinSeconds: number;
}

export interface KafkaBaselineResult {
  topic: string;
  partitions: number;
  messages: number;
  messageBytes: number;
  batchSize: number;
  sendsInFlight: number;
  produce: KafkaProduceResult;
  consume: KafkaConsumeResult;
  /** This (client) process after both phases. */
  clientMemory: ProcessMemory;
}

/**
 * Raw kafkajs throughput on a fresh topic: produce every message in batches, then read them all
 * back with a new consumer group. The topic and group are deleted afterwards.
 */
export async function runKafkaBaseline(options: KafkaBaselineOptions): Promise<KafkaBaselineResult> {
  return withScratchTopic(
    options.kafka,
    { prefix: 'bench.baseline', partitions: options.partitions, groups: (topic) => [groupFor(topic)] },
    async (topic) => {
      const produce = await produceAll(topic, options);
      const consume = await consumeAll(topic, options);
      return {
        topic,
        partitions: options.partitions,
        messages: options.messages,
        messageBytes: options.messageBytes,
        batchSize: options.batchSize,
        sendsInFlight: options.sendsInFlight,
        produce,
        consume,
        clientMemory: readProcessMemory(process.pid),
      };
    },
  );
}

function groupFor(topic: string): string {
  return `${topic}.consumer`;
}

function megabytesPerSecond(messages: number, messageBytes: number, seconds: number): number {
  return (messages * messageBytes) / 1e6 / seconds;
}

async function produceAll(topic: string, options: KafkaBaselineOptions): Promise<KafkaProduceResult> {
  const producer = options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const value = Buffer.alloc(options.messageBytes, 'm');
    const sendLatency = new LatencyRecorder();
    let sent = 0;
    // Several senders share one counter, so `sendsInFlight` batches are always awaiting acks.
    const sender = async (): Promise<void> => {
      while (sent < options.messages) {
        const count = Math.min(options.batchSize, options.messages - sent);
        sent += count;
        const elapsed = startTimer();
        await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, () => ({ value })) });
        sendLatency.record(elapsed());
      }
    };
    const elapsed = startTimer();
    await Promise.all(Array.from({ length: options.sendsInFlight }, sender));
    const seconds = elapsed() / 1000;
    return {
      seconds,
      messagesPerSecond: options.messages / seconds,
      megabytesPerSecond: megabytesPerSecond(options.messages, options.messageBytes, seconds),
      sendLatency: sendLatency.summary(),
    };
  } finally {
    await producer.disconnect();
  }
}

async function consumeAll(topic: string, options: KafkaBaselineOptions): Promise<KafkaConsumeResult> {
  const consumer = options.kafka.consumer({ groupId: groupFor(topic) });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let received = 0;
    let firstBatchAt: number | undefined;
    let allReceived!: () => void;
    const done = new Promise<void>((resolve) => (allReceived = resolve));
    const runStartedAt = performance.now();
    await consumer.run({
      eachBatch: async ({ batch }) => {
        firstBatchAt ??= performance.now();
        received += batch.messages.length;
        if (received >= options.messages) allReceived();
      },
    });
    await withTimeout(done, options.consumeTimeoutMs ?? 120_000, `consuming ${options.messages} messages`);
    const finishedAt = performance.now();
    const startedAt = firstBatchAt ?? runStartedAt;
    const seconds = (finishedAt - startedAt) / 1000;
    return {
      seconds,
      messagesPerSecond: received / seconds,
      megabytesPerSecond: megabytesPerSecond(received, options.messageBytes, seconds),
      joinSeconds: (startedAt - runStartedAt) / 1000,
    };
  } finally {
    await consumer.disconnect();
  }
}
