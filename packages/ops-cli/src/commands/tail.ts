import { Headers } from '@motlan/kafka';
import type { OperatorContext } from '../operator-kafka.ts';
import { findTopic } from '../declared-topic.ts';
import { decodeRecord, type DecodedRecord } from '../decoded-record.ts';
import { partitionOffsets, readRanges, type PartitionRange } from '../read-records.ts';
import type { CommandOutput } from '../output.ts';

export interface TailOptions {
  from: 'beginning' | 'end';
  limit: number;
  key?: string;
  type?: string;
  /** Only records at or after this instant. */
  since?: Date;
  unmask: boolean;
}

/**
 * `motlan tail <topic>`: the records present now, decoded, oldest first. `--from beginning` gives
 * the first `limit` records, `--from end` the last `limit`; filters (key, event type, since) are
 * applied before the limit, so with a filter the whole topic is read. Ordered by broker timestamp,
 * then partition and offset (Kafka orders only within a partition).
 */
export async function tailCommand(
  context: OperatorContext,
  topicName: string,
  options: TailOptions,
): Promise<CommandOutput> {
  const topic = findTopic(context.prefix, topicName);
  const offsets = await partitionOffsets(context, topic.name);
  const filtered = options.key !== undefined || options.type !== undefined || options.since !== undefined;
  const limit = BigInt(options.limit);
  const ranges: PartitionRange[] = offsets.map(({ partition, start, end }) => {
    if (filtered) return { partition, from: start, to: end };
    if (options.from === 'beginning') {
      const to = BigInt(start) + limit < BigInt(end) ? String(BigInt(start) + limit) : end;
      return { partition, from: start, to };
    }
    const from = BigInt(end) - limit > BigInt(start) ? String(BigInt(end) - limit) : start;
    return { partition, from, to: end };
  });
  const read = await readRanges(context, topic.name, ranges);
  const matching = read
    .filter(({ message }) => options.key === undefined || message.key?.toString() === options.key)
    .filter(
      ({ message }) =>
        options.type === undefined || message.headers?.[Headers.eventType]?.toString() === options.type,
    )
    .filter(
      ({ message }) => options.since === undefined || Number(message.timestamp) >= options.since.getTime(),
    )
    .sort(
      (a, b) =>
        Number(a.message.timestamp) - Number(b.message.timestamp) ||
        a.partition - b.partition ||
        Number(BigInt(a.message.offset) - BigInt(b.message.offset)),
    );
  const chosen =
    options.from === 'beginning' ? matching.slice(0, options.limit) : matching.slice(-options.limit);
  const records = chosen.map(({ partition, message }) =>
    decodeRecord(topic, partition, message, options.unmask),
  );
  return {
    json: { topic: topic.declaredName, masked: !options.unmask, records },
    text:
      records.length === 0
        ? `No matching records on ${topic.declaredName}`
        : records.map(recordText).join('\n\n'),
  };
}

/** A record for a terminal: where it is, its envelope headers, then its decoded value. */
export function recordText(record: DecodedRecord): string {
  const headerLines = Object.entries(record.headers).map(([name, value]) => `  ${name}: ${value}`);
  return [
    `${record.topic} ${record.partition}:${record.offset} ${record.timestamp} key=${record.key}`,
    ...headerLines,
    record.decodedWith
      ? `  decoded with ${record.decodedWith}:\n${indent(JSON.stringify(record.value, null, 2))}`
      : `  undecodable: ${record.undecodable}`,
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
