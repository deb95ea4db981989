import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { OperatorContext } from './operator-kafka.ts';

/** Offsets `[from, to)` of one partition to read (Kafka offsets as decimal strings). */
export interface PartitionRange {
  partition: number;
  from: string;
  to: string;
}

/** Start (oldest kept) and end (next to be written) offsets of every partition of a topic. */
export async function partitionOffsets(
  context: OperatorContext,
  topic: string,
): Promise<{ partition: number; start: string; end: string }[]> {
  const admin = context.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets
      .map((o) => ({ partition: o.partition, start: o.low, end: o.high }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads exactly the given offset ranges of `topic` and resolves once every range is read (or
 * `timeoutMs` passed: MOTLAN_UNAVAILABLE). kafkajs reads only through a consumer group, so this
 * uses a throwaway one of the operator's (`<prefix>operator-<uuid>`, or the context's `readerGroup`), commits nothing and deletes
 * it afterwards: the mesh's own groups and offsets are never touched.
 */
export async function readRanges(
  context: OperatorContext,
  topic: string,
  ranges: readonly PartitionRange[],
  timeoutMs = 30_000,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const pending = new Map(
    ranges.filter((r) => BigInt(r.from) < BigInt(r.to)).map((r) => [r.partition, r] as const),
  );
  if (pending.size === 0) return [];
  const groupId = `${context.prefix}${context.readerGroup ?? 'operator-'}${randomUUID()}`;
  const consumer = context.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  const read: { partition: number; message: KafkaMessage }[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = new Set<string>();
    let finish!: () => void;
    let fail!: (error: Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    timer = setTimeout(
      () =>
        fail(new MotlanError(CommonErrors.unavailable, `Reading ${topic} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const range = pending.get(partition);
        if (!range) return;
        const offset = BigInt(message.offset);
        // A fetch made before the seek below took effect may hand a record twice.
        const id = `${partition}:${message.offset}`;
        if (offset >= BigInt(range.from) && offset < BigInt(range.to) && !seen.has(id)) {
          seen.add(id);
          read.push({ partition, message });
        }
        if (offset >= BigInt(range.to) - 1n) {
          pending.delete(partition);
          consumer.pause([{ topic, partitions: [partition] }]);
          if (pending.size === 0) {
            clearTimeout(timer);
            finish();
          }
        }
      },
    });
    for (const range of pending.values())
      consumer.seek({ topic, partition: range.partition, offset: range.from });
    // Partitions with nothing to read are not fetched at all (the group starts them at offset zero).
    const idle = ranges.map((r) => r.partition).filter((p) => !pending.has(p));
    if (idle.length > 0) consumer.pause([{ topic, partitions: idle }]);
    await done;
    return read;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    const admin = context.kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect());
  }
}
