import { Partitioners, type IHeaders, type Kafka, type Message } from 'kafkajs';
import { LatencyRecorder, startTimer, type LatencySummary } from '../lib/histogram.ts';
import { withScratchTopic } from '../lib/topics.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';

/** What each produced message looks like: sized like the messages of the pipeline it is compared with. */
export interface ProducedMessageShape {
  /** Length of the (distinct, ASCII) keys; 0 for no key. */
  keyBytes: number;
  valueBytes: number;
  /** Headers sent with every message, e.g. a real envelope copied from the topic. */
  headers?: Record<string, string>;
}

export interface KafkaProduceBaselineOptions {
  kafka: Kafka;
  messages: number;
  shape: ProducedMessageShape;
  partitions: number;
  /** Messages per producer.send call. */
  batchSize: number;
  /** send calls awaiting their acknowledgement at once. */
  sendsInFlight: number;
}

export interface KafkaProduceBaselineResult {
  topic: string;
  messages: number;
  shape: ProducedMessageShape;
  /** Key + value + header names and values: the payload bytes of one message. */
  messageBytes: number;
  partitions: number;
  batchSize: number;
  sendsInFlight: number;
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
  /** Latency of one send call (a whole batch, acks=-1). */
  sendLatency: LatencySummary;
  /** This (client) process after producing. */
  clientMemory: ProcessMemory;
}

/** The bytes one message carries besides protocol framing. */
export function messagePayloadBytes(shape: ProducedMessageShape): number {
  const headerBytes = Object.entries(shape.headers ?? {}).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
  return shape.keyBytes + shape.valueBytes + headerBytes;
}

/**
 * Raw kafkajs produce of keyed messages of a given shape into a fresh topic (deleted afterwards):
 * a plain producer (not idempotent), acks=-1, no compression, `sendsInFlight` batches of
 * `batchSize` messages awaiting acknowledgement at once. Keys vary, so the default partitioner
 * spreads them over every partition as a keyed pipeline's would be.
 */
export async function runKafkaProduceBaseline(
  options: KafkaProduceBaselineOptions,
): Promise<KafkaProduceBaselineResult> {
  return withScratchTopic(
    options.kafka,
    { prefix: 'bench.produce', partitions: options.partitions },
    async (topic) => {
      const producer = options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      try {
        const value = Buffer.alloc(options.shape.valueBytes, 'v');
        const headers: IHeaders | undefined = options.shape.headers
          ? { ...options.shape.headers }
          : undefined;
        const keyFor = (index: number): string | null =>
          options.shape.keyBytes > 0
            ? String(index).padStart(options.shape.keyBytes, '0').slice(-options.shape.keyBytes)
            : null;
        // One batch of distinct keys, reused by every send: building messages is not what is measured.
        const batch: Message[] = Array.from({ length: options.batchSize }, (_, index) => ({
          key: keyFor(index * 7_919),
          value,
          ...(headers ? { headers } : {}),
        }));
        const sendLatency = new LatencyRecorder();
        let sent = 0;
        const sender = async (): Promise<void> => {
          while (sent < options.messages) {
            const count = Math.min(options.batchSize, options.messages - sent);
            sent += count;
            const elapsed = startTimer();
            await producer.send({
              topic,
              acks: -1,
              messages: count === batch.length ? batch : batch.slice(0, count),
            });
            sendLatency.record(elapsed());
          }
        };
        const elapsed = startTimer();
        await Promise.all(Array.from({ length: options.sendsInFlight }, sender));
        const seconds = elapsed() / 1000;
        const messageBytes = messagePayloadBytes(options.shape);
        return {
          topic,
          messages: options.messages,
          shape: options.shape,
          messageBytes,
          partitions: options.partitions,
          batchSize: options.batchSize,
          sendsInFlight: options.sendsInFlight,
          seconds,
          messagesPerSecond: options.messages / seconds,
          megabytesPerSecond: (options.messages * messageBytes) / 1e6 / seconds,
          sendLatency: sendLatency.summary(),
          clientMemory: readProcessMemory(process.pid),
        };
      } finally {
        await producer.disconnect();
      }
    },
  );
}
