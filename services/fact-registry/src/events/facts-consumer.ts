import type { Registry } from 'prom-client';
import { pgProcessedEvents, type Pool } from '@motlan/db';
import {
  onceOnly,
  startEventConsumer,
  Topics,
  type EventConsumer,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { Fact__Output } from '@motlan/proto';
import { checkFact } from '../domain/check-fact.ts';
import { applyFact } from '../store/apply-fact.ts';

export interface FactsConsumerSettings {
  kafka: Kafka;
  pool: Pool;
  groupId: string;
  logger: Logger;
  registry?: Registry;
  concurrency: number;
  topic?: TopicDefinition<Fact__Output>;
  onSettled?: (partition: number, offset: string) => void;
}

/**
 * citizen.facts.v1 → the registry. Each event is checked against the catalog (a bad one is
 * dead-lettered, not retried) and applied once, in one transaction with its event id.
 */
export function startFactsConsumer(settings: FactsConsumerSettings): Promise<EventConsumer> {
  const processed = pgProcessedEvents(settings.pool);
  const apply = onceOnly<Fact__Output, Parameters<Parameters<typeof processed.runOnce>[1]>[0]>(
    processed,
    async (event, tx) => {
      checkFact(event.value);
      await applyFact(tx, event.value);
    },
  );
  return startEventConsumer<Fact__Output>({
    kafka: settings.kafka,
    groupId: settings.groupId,
    topic: settings.topic ?? Topics.citizenFacts,
    logger: settings.logger,
    ...(settings.registry ? { registry: settings.registry } : {}),
    partitionsConsumedConcurrently: settings.concurrency,
    ...(settings.onSettled ? { onSettled: settings.onSettled } : {}),
    handler: apply,
  });
}
