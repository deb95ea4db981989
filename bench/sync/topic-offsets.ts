import type { IHeaders, Kafka } from 'kafkajs';
import { withTimeout } from '../lib/timeout.ts';

/** Partition → high watermark (the offset the next message will get). */
export type EndOffsets = Map<number, number>;

export async function endOffsets(kafka: Kafka, topic: string): Promise<EndOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((entry) => [entry.partition, Number(entry.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** Messages appended between two readings of the same topic's end offsets. */
export function messagesBetween(before: EndOffsets, after: EndOffsets): number {
  let total = 0;
  for (const [partition, end] of after) total += end - (before.get(partition) ?? 0);
  return total;
}

export interface MessageSizes {
  sampled: number;
  keyBytes: number;
  valueBytes: number;
  headerBytes: number;
  headerCount: number;
  /** The headers of the first message read, as text: a real envelope to copy. */
  exampleHeaders: Record<string, string>;
}

function headerEntries(headers: IHeaders | undefined): [string, Buffer][] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((item) => item !== undefined)
      .map((item): [string, Buffer] => [name, Buffer.isBuffer(item) ? item : Buffer.from(String(item))]),
  );
}

/**
 * Reads up to `count` messages appended since `from` (a throw-away consumer group, deleted
 * afterwards) and averages their key, value and header sizes.
 */
export async function sampleMessageSizes(
  kafka: Kafka,
  topic: string,
  from: EndOffsets,
  count: number,
): Promise<MessageSizes> {
  const groupId = `bench.sample.${Date.now()}`;
  const consumer = kafka.consumer({ groupId });
  const totals = { sampled: 0, keyBytes: 0, valueBytes: 0, headerBytes: 0, headerCount: 0 };
  let exampleHeaders: Record<string, string> = {};
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    let enough!: () => void;
    const done = new Promise<void>((resolve) => (enough = resolve));
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (totals.sampled >= count) break;
          const headers = headerEntries(message.headers);
          if (totals.sampled === 0) {
            exampleHeaders = Object.fromEntries(headers.map(([name, value]) => [name, value.toString()]));
          }
          totals.sampled += 1;
          totals.keyBytes += message.key?.length ?? 0;
          totals.valueBytes += message.value?.length ?? 0;
          totals.headerCount += headers.length;
          totals.headerBytes += headers.reduce(
            (sum, [name, value]) => sum + Buffer.byteLength(name) + value.length,
            0,
          );
        }
        if (totals.sampled >= count) enough();
      },
    });
    for (const [partition, offset] of from) consumer.seek({ topic, partition, offset: String(offset) });
    await withTimeout(done, 60_000, `sampling ${count} messages of ${topic}`);
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  const per = (total: number): number => (totals.sampled > 0 ? total / totals.sampled : 0);
  return {
    sampled: totals.sampled,
    keyBytes: per(totals.keyBytes),
    valueBytes: per(totals.valueBytes),
    headerBytes: per(totals.headerBytes),
    headerCount: per(totals.headerCount),
    exampleHeaders,
  };
}
