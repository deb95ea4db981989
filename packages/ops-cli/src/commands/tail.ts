import type { KafkaMessage } from 'kafkajs';
import { Headers } from '@motlan/kafka';
import type { OperatorContext } from '../operator-kafka.ts';
import { findTopic } from '../declared-topic.ts';
import { decodeRecord, type DecodedRecord } from '../decoded-record.ts';
import { partitionOffsets, readRanges, type PartitionRange } from '../read-records.ts';
import { offsetsAt, scanRecords } from '../scan-records.ts';
import type { CommandOutput } from '../output.ts';

export interface TailOptions {
  from: 'beginning' | 'end';
  limit: number;
  key?: string;
  type?: string;
  /** Only records at or after this instant. */
  since?: Date;
  unmask: boolean;
  /**
   * Where a filtered `--from beginning` tail writes each record (as `recordText`) the moment it is
   * found, in text mode without --unmask; its output's `text` is then only the closing line.
   */
  emit?: (text: string) => void;
}

/** `motlan tail --json`: the records shown and how many were read to find them. */
export interface TailResult {
  topic: string;
  masked: boolean;
  /** Records read from the broker (the filter looked at each); with a filter, at most up to the limit-th match. */
  scanned: number;
  records: DecodedRecord[];
}

/**
 * `motlan tail <topic>`: the records present now, decoded. Without a filter, `--from beginning`
 * gives the first `limit` records of each partition's start and `--from end` the last `limit`,
 * ordered by broker timestamp, then partition and offset (Kafka orders only within a partition).
 *
 * With a filter (key, event type, since) the topic is scanned record by record and nothing but the
 * matches is kept, so memory is bounded by `limit` whatever the topic's size: `--since` starts each
 * partition at the broker's time index; `--from beginning` stops consuming at the `limit`-th match
 * and, in text mode, prints each match as it is found (partitions interleaved, each in offset
 * order); `--from end` reads to the end keeping only the latest `limit` matches.
 */
export async function tailCommand(
  context: OperatorContext,
  topicName: string,
  options: TailOptions,
): Promise<CommandOutput & { json: TailResult }> {
  const topic = findTopic(context.prefix, topicName);
  const offsets = await partitionOffsets(context, topic.name);
  const filtered = options.key !== undefined || options.type !== undefined || options.since !== undefined;
  if (filtered) return filteredTail(context, topic, offsets, options);
  const limit = BigInt(options.limit);
  const ranges: PartitionRange[] = offsets.map(({ partition, start, end }) => {
    if (options.from === 'beginning') {
      const to = BigInt(start) + limit < BigInt(end) ? String(BigInt(start) + limit) : end;
      return { partition, from: start, to };
    }
    const from = BigInt(end) - limit > BigInt(start) ? String(BigInt(end) - limit) : start;
    return { partition, from, to: end };
  });
  const read = await readRanges(context, topic.name, ranges);
  const sorted = read.sort(byTime);
  const chosen = options.from === 'beginning' ? sorted.slice(0, options.limit) : sorted.slice(-options.limit);
  const records = chosen.map(({ partition, message }) =>
    decodeRecord(topic, partition, message, options.unmask),
  );
  return output(topic.declaredName, options, read.length, records);
}

async function filteredTail(
  context: OperatorContext,
  topic: ReturnType<typeof findTopic>,
  offsets: { partition: number; start: string; end: string }[],
  options: TailOptions,
): Promise<CommandOutput & { json: TailResult }> {
  const since = options.since ? await offsetsAt(context, topic.name, options.since) : undefined;
  const ranges = offsets.map(({ partition, start, end }) => {
    const at = since?.get(partition);
    return { partition, from: at !== undefined && BigInt(at) > BigInt(start) ? at : start, to: end };
  });
  const matches = (message: KafkaMessage) =>
    (options.key === undefined || message.key?.toString() === options.key) &&
    (options.type === undefined || message.headers?.[Headers.eventType]?.toString() === options.type) &&
    (options.since === undefined || Number(message.timestamp) >= options.since.getTime());
  // Streaming is for text without --unmask: clear values are shown only once their audit is written.
  const emit = options.emit && !options.unmask && options.from === 'beginning' ? options.emit : undefined;
  const kept: { partition: number; message: KafkaMessage }[] = [];
  const shown: DecodedRecord[] = [];
  const { scanned } = await scanRecords(context, topic.name, ranges, (partition, message) => {
    if (!matches(message)) return 'continue';
    if (options.from === 'end') {
      kept.push({ partition, message });
      // Only the latest `limit` matches are kept while reading on.
      if (kept.length > options.limit) {
        let oldest = 0;
        kept.forEach((record, i) => {
          if (byTime(record, kept[oldest]!) < 0) oldest = i;
        });
        kept.splice(oldest, 1);
      }
      return 'continue';
    }
    const record = decodeRecord(topic, partition, message, options.unmask);
    shown.push(record);
    emit?.(`${recordText(record)}\n\n`);
    return shown.length >= options.limit ? 'stop' : 'continue';
  });
  const records =
    options.from === 'end'
      ? kept
          .sort(byTime)
          .map(({ partition, message }) => decodeRecord(topic, partition, message, options.unmask))
      : shown;
  const result = output(topic.declaredName, options, scanned, records);
  if (emit) {
    result.text = `${records.length} matching record${records.length === 1 ? '' : 's'} on ${topic.declaredName} (${scanned} read)`;
  }
  return result;
}

function output(
  topic: string,
  options: TailOptions,
  scanned: number,
  records: DecodedRecord[],
): CommandOutput & { json: TailResult } {
  return {
    json: { topic, masked: !options.unmask, scanned, records },
    text: records.length === 0 ? `No matching records on ${topic}` : records.map(recordText).join('\n\n'),
  };
}

function byTime(
  a: { partition: number; message: KafkaMessage },
  b: { partition: number; message: KafkaMessage },
): number {
  return (
    Number(a.message.timestamp) - Number(b.message.timestamp) ||
    a.partition - b.partition ||
    Number(BigInt(a.message.offset) - BigInt(b.message.offset))
  );
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
