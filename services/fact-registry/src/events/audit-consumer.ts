import type { Registry } from 'prom-client';
import type { Pool } from '@motlan/db';
import {
  startEventConsumer,
  Topics,
  type EventConsumer,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { auditV1 } from '@motlan/proto';

/**
 * access.audit.v1 → disclosure_log: the citizen's "who used my data" view across every service
 * that discloses facts. Keyed by audit id, so a redelivered link is stored once.
 */
export function startAuditConsumer(settings: {
  kafka: Kafka;
  pool: Pool;
  groupId: string;
  logger: Logger;
  registry?: Registry;
  topic?: TopicDefinition<auditV1.AccessAudited__Output>;
}): Promise<EventConsumer> {
  return startEventConsumer<auditV1.AccessAudited__Output>({
    kafka: settings.kafka,
    groupId: settings.groupId,
    topic: settings.topic ?? Topics.accessAudit,
    logger: settings.logger,
    ...(settings.registry ? { registry: settings.registry } : {}),
    handler: async ({ value }) => {
      const inserted = await settings.pool.query(
        `INSERT INTO disclosure_log (audit_id, subject, discloser, client, purpose, fact_types, outcome, occurred_at, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (audit_id) DO NOTHING`,
        [
          value.auditId,
          value.personalId,
          value.discloser,
          value.client,
          value.purpose,
          value.factTypes,
          value.outcome,
          value.occurredAt,
          value.requestId,
        ],
      );
      return inserted.rowCount === 0 ? 'duplicate' : undefined;
    },
  });
}
