import type { Registry } from 'prom-client';
import { pgProcessedEvents, withTransaction, type Pool } from '@motlan/db';
import {
  onceOnly,
  startEventConsumer,
  Topics,
  type EventConsumer,
  type IncomingEvent,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { Fact__Output } from '@motlan/proto';
import { checkFact } from '../domain/check-fact.ts';
import { applyFacts } from '../store/apply-facts.ts';
import { recordDiscrepancies } from '../store/record-discrepancies.ts';

export interface FactsConsumerSettings {
  kafka: Kafka;
  pool: Pool;
  groupId: string;
  logger: Logger;
  registry?: Registry;
  concurrency: number;
  topic?: TopicDefinition<Fact__Output>;
  /** Track discrepancies between sources in the same transaction (default true; REGISTRY_DISCREPANCIES). */
  discrepancies?: boolean;
  onSettled?: (partition: number, offset: string) => void;
  /** Called after each transaction that applied facts commits (the notification relay wakes). */
  onApplied?: () => void;
}

/**
 * citizen.facts.v1 → the registry. A fetched batch is applied in one transaction together with
 * its event ids (each event once); if any fact in it fails the catalog check, the batch is
 * replayed event by event so the bad one is dead-lettered, not retried, and the rest apply.
 * Discrepancies between sources are brought up to date in the same transaction (recordDiscrepancies).
 */
export function startFactsConsumer(settings: FactsConsumerSettings): Promise<EventConsumer> {
  const detect = settings.discrepancies ?? true;
  const applyOne = onceOnly(
    pgProcessedEvents(settings.pool),
    async (event: IncomingEvent<Fact__Output>, tx) => {
      checkFact(event.value);
      await applyFacts(tx, [event.value]);
      if (detect) await recordDiscrepancies(tx, [event.value]);
    },
  );
  const applyEvent = async (event: IncomingEvent<Fact__Output>) => {
    const outcome = await applyOne(event);
    settings.onApplied?.();
    return outcome;
  };
  const applyBatch = async (events: IncomingEvent<Fact__Output>[]) => {
    const outcome = await withTransaction(settings.pool, async (tx) => {
      const { rows } = await tx.query<{ event_id: string }>(
        `INSERT INTO processed_events (event_id) SELECT unnest($1::text[])
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [events.map((event) => event.envelope.eventId)],
      );
      const fresh = new Set(rows.map((row) => row.event_id));
      const facts = events
        .filter((event) => fresh.delete(event.envelope.eventId))
        .map((event) => event.value);
      facts.forEach(checkFact);
      await applyFacts(tx, facts);
      if (detect) await recordDiscrepancies(tx, facts);
      return { duplicates: events.length - facts.length };
    });
    settings.onApplied?.();
    return outcome;
  };
  return startEventConsumer<Fact__Output>({
    kafka: settings.kafka,
    groupId: settings.groupId,
    topic: settings.topic ?? Topics.citizenFacts,
    logger: settings.logger,
    ...(settings.registry ? { registry: settings.registry } : {}),
    partitionsConsumedConcurrently: settings.concurrency,
    ...(settings.onSettled ? { onSettled: settings.onSettled } : {}),
    handler: applyEvent,
    batchHandler: applyBatch,
  });
}
