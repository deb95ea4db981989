import { Topics, type EventProducer, type OutgoingEvent } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from '../contract.ts';
import { stampFacts } from '../fact-stamp.ts';

export const FACT_RECORDED = 'fact.recorded';

/**
 * Publishes the facts of upstream records to citizen.facts.v1, keyed by subject (ordered per
 * citizen). The event id is the fact id, itself derived from the record version, so publishing
 * the same record version again is recognised downstream as the same event.
 */
export async function publishRecords<R>(
  producer: EventProducer,
  adapter: SourceAdapter<R>,
  records: { record: R; observedAt: string }[],
  topic = Topics.citizenFacts,
): Promise<number> {
  const events: OutgoingEvent<Fact__Output>[] = records.flatMap(({ record, observedAt }) =>
    stampFacts(adapter, record, observedAt).map((fact) => ({
      key: fact.subject!.personalId,
      value: fact,
      eventType: FACT_RECORDED,
      eventId: fact.id,
    })),
  );
  await producer.publish(topic, events);
  return events.length;
}
