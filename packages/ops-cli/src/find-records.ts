import { Partitioners } from 'kafkajs';
import { Headers, headerText } from '@motlan/kafka';
import type { OperatorContext } from './operator-kafka.ts';
import { partitionOffsets } from './read-records.ts';
import { offsetsAt, scanRecords } from './scan-records.ts';

/** Where a record is on Kafka, and the envelope it carries there. */
export interface RecordPosition {
  /** The topic as declared (without KAFKA_TOPIC_PREFIX). */
  topic: string;
  partition: number;
  offset: string;
  /** Broker timestamp, ISO 8601. */
  timestamp: string;
  eventType: string | null;
  correlationId: string | null;
  /** The W3C traceparent header, and the trace id in it. */
  traceparent: string | null;
  traceId: string | null;
}

/** A record to look for: its event id (motlan-event-id), its key when known, and a time it was written after. */
export interface SoughtRecord {
  eventId: string;
  /** The record key: with it only the partition the mesh's producers put it on is read. */
  key?: string;
  /** No earlier than this (the broker's time index gives where to start); a minute's slack is added. */
  after: Date;
}

/** What a bounded search found, and how far it looked (said when something was not found). */
export interface RecordSearch {
  found: Map<string, RecordPosition>;
  /** Records read. */
  scanned: number;
  /** How far it looked on each partition, for the operator: e.g. `at most 5000 records per partition from 2026-12-01T06:59:00Z`. */
  window: string;
}

/** How far a search reads on each partition when the caller does not say. */
export const DEFAULT_SEARCH_LIMIT = 5_000;

const SLACK_MS = 60_000;

/**
 * Finds records of `topic` (its name on the broker; `declaredName` is what is reported) by their
 * `motlan-event-id` header, reading at most `perPartition` records on each partition from the
 * first written a minute before the earliest `after` — a bounded search: what lies further is
 * reported not found. A sought record with a key is looked for only on the partition the mesh's
 * producers put that key on (kafkajs's DefaultPartitioner, murmur2 as Java's, which
 * createEventProducer uses); without one, on every partition. Stops as soon as all are found.
 */
export async function findRecords(
  context: OperatorContext,
  topic: string,
  declaredName: string,
  sought: readonly SoughtRecord[],
  perPartition = DEFAULT_SEARCH_LIMIT,
): Promise<RecordSearch> {
  const found = new Map<string, RecordPosition>();
  if (sought.length === 0) return { found, scanned: 0, window: 'nothing sought' };
  const earliest = new Date(Math.min(...sought.map((s) => s.after.getTime())) - SLACK_MS);
  const window = `at most ${perPartition} records per partition from ${earliest.toISOString()}`;
  const offsets = await partitionOffsets(context, topic);
  const partitionOf = keyPartitioner(topic, offsets.length);
  const partitions = new Set(
    sought.flatMap((s) => (s.key === undefined ? offsets.map((o) => o.partition) : [partitionOf(s.key)])),
  );
  const starts = await offsetsAt(context, topic, earliest);
  const ranges = offsets
    .filter((o) => partitions.has(o.partition))
    .map(({ partition, start, end }) => {
      const at = starts.get(partition) ?? start;
      const from = BigInt(at) > BigInt(start) ? BigInt(at) : BigInt(start);
      const to = from + BigInt(perPartition) < BigInt(end) ? from + BigInt(perPartition) : BigInt(end);
      return { partition, from: String(from), to: String(to) };
    });
  const wanted = new Set(sought.map((s) => s.eventId));
  const { scanned } = await scanRecords(context, topic, ranges, (partition, message) => {
    const eventId = headerText(message.headers, Headers.eventId);
    if (eventId === undefined || !wanted.has(eventId) || found.has(eventId)) return 'continue';
    const traceparent = headerText(message.headers, Headers.traceparent) ?? null;
    found.set(eventId, {
      topic: declaredName,
      partition,
      offset: message.offset,
      timestamp: new Date(Number(message.timestamp)).toISOString(),
      eventType: headerText(message.headers, Headers.eventType) ?? null,
      correlationId: headerText(message.headers, Headers.correlationId) ?? null,
      traceparent,
      traceId: traceIdOf(traceparent),
    });
    return found.size === wanted.size ? 'stop' : 'continue';
  });
  return { found, scanned, window };
}

/** The trace id of a W3C traceparent (`00-<trace id>-<span id>-<flags>`), or null. */
export function traceIdOf(traceparent: string | null | undefined): string | null {
  const match = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent ?? '');
  return match ? match[1]! : null;
}

/** The partition a keyed record lands on, as the mesh's producers choose it. */
function keyPartitioner(topic: string, partitions: number): (key: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return (key) => partitioner({ topic, partitionMetadata, message: { key, value: null } });
}
