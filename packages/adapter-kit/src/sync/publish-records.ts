import { EventTypes, Topics, type EventProducer, type OutgoingEvent } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from '../contract.ts';
import { mapRecords, type RejectedRecord } from './map-records.ts';

export const FACT_RECORDED = EventTypes.factRecorded;

export interface Published<R> {
  /** Facts published. */
  facts: number;
  /** Records that could not be mapped; nothing of them was published. */
  rejected: RejectedRecord<R>[];
  /** Subjects whose records (at least one) were published. */
  subjects: string[];
}

/**
 * Publishes the facts of upstream records to citizen.facts.v1, keyed by subject (ordered per
 * citizen). The event id is the fact id, itself derived from the record version, so publishing
 * the same record version again is recognised downstream as the same event. A record that cannot
 * be mapped publishes nothing and is returned in `rejected` (for the caller to quarantine); the
 * others are published all the same.
 */
export async function publishRecords<R>(
  producer: EventProducer,
  adapter: SourceAdapter<R>,
  records: { record: R; observedAt: string }[],
  topic = Topics.citizenFacts,
): Promise<Published<R>> {
  const { mapped, rejected } = mapRecords(adapter, records);
  await publishFacts(
    producer,
    mapped.flatMap((entry) => entry.facts),
    topic,
  );
  return {
    facts: mapped.reduce((sum, entry) => sum + entry.facts.length, 0),
    rejected,
    subjects: [...new Set(mapped.map((entry) => entry.subject))],
  };
}

export async function publishFacts(
  producer: EventProducer,
  facts: Fact__Output[],
  topic = Topics.citizenFacts,
): Promise<void> {
  const events: OutgoingEvent<Fact__Output>[] = facts.map((fact) => ({
    key: fact.subject!.personalId,
    value: fact,
    eventType: FACT_RECORDED,
    eventId: fact.id,
  }));
  if (events.length > 0) await producer.publish(topic, events);
}
