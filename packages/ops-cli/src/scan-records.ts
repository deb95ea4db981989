import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { OperatorContext } from './operator-kafka.ts';
import type { PartitionRange } from './read-records.ts';

/** What `visit` answers for one record: `stop` ends the scan at once (nothing more is fetched). */
export type ScanVerdict = 'stop' | 'continue';

/** How a scan ended: records handed to `visit`, and whether every range was read to its end. */
export interface ScanSummary {
  scanned: number;
  complete: boolean;
}

/**
 * Hands every record of the offset ranges `[from, to)` of `topic` to `visit`, one at a time in
 * offset order within a partition, and keeps none of them: memory is bounded by kafkajs's fetch
 * (maxBytesPerPartition), whatever the ranges' length. Ends when every range is read, or at once
 * when `visit` answers `stop`. Reads with a throwaway group of the operator's
 * (`<prefix>operator-<uuid>`), commits nothing and deletes it afterwards, as `readRanges` does.
 * Rejects with MOTLAN_UNAVAILABLE after `timeoutMs`.
 */
export async function scanRecords(
  context: OperatorContext,
  topic: string,
  ranges: readonly PartitionRange[],
  visit: (partition: number, message: KafkaMessage) => ScanVerdict,
  timeoutMs = 60_000,
): Promise<ScanSummary> {
  const pending = new Map(
    ranges.filter((r) => BigInt(r.from) < BigInt(r.to)).map((r) => [r.partition, r] as const),
  );
  const summary: ScanSummary = { scanned: 0, complete: true };
  if (pending.size === 0) return summary;
  const groupId = `${context.prefix}operator-${randomUUID()}`;
  const consumer = context.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
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
    const end = () => {
      stopped = true;
      consumer.pause([{ topic }]);
      clearTimeout(timer);
      finish();
    };
    const next = new Map([...pending.values()].map((r) => [r.partition, BigInt(r.from)]));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        // Records of a batch already fetched keep coming after a stop or a pause: ignored.
        const range = pending.get(partition);
        if (stopped || !range) return;
        const offset = BigInt(message.offset);
        // A fetch made before the seek below took effect may hand a record twice, or one before it.
        if (offset < next.get(partition)! || offset >= BigInt(range.to)) return;
        next.set(partition, offset + 1n);
        summary.scanned += 1;
        if (visit(partition, message) === 'stop') {
          summary.complete = false;
          end();
          return;
        }
        if (offset >= BigInt(range.to) - 1n) {
          pending.delete(partition);
          consumer.pause([{ topic, partitions: [partition] }]);
          if (pending.size === 0) end();
        }
      },
    });
    for (const range of pending.values())
      consumer.seek({ topic, partition: range.partition, offset: range.from });
    const idle = ranges.map((r) => r.partition).filter((p) => !pending.has(p));
    if (idle.length > 0) consumer.pause([{ topic, partitions: idle }]);
    await done;
    return summary;
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

/**
 * The first offset of every partition of `topic` written at or after `time` (the end where none
 * is), by the broker's time index: where a scan that only wants records since then starts.
 */
export async function offsetsAt(
  context: OperatorContext,
  topic: string,
  time: Date,
): Promise<Map<number, string>> {
  const admin = context.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, time.getTime());
    return new Map(offsets.map((o) => [o.partition, o.offset]));
  } finally {
    await admin.disconnect();
  }
}
