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
    handler: async ({ value }) =>
      (await storeDisclosures(settings.pool, [value])) === 0 ? 'duplicate' : undefined,
    // The citizen's view may trail by a moment: a trickle of links is fetched in batches.
    gatherFetches: { minBytes: 64 * 1024, maxWaitMs: 100 },
    // A fetched batch is one statement: each dossier or read makes several links at once.
    batchHandler: async (events) => {
      const stored = await storeDisclosures(
        settings.pool,
        events.map((event) => event.value),
      );
      return { duplicates: events.length - stored };
    },
  });
}

/** Inserts audit links into disclosure_log; resolves with how many were new (by audit id). */
async function storeDisclosures(pool: Pool, links: auditV1.AccessAudited__Output[]): Promise<number> {
  const rows = links.map((link) => ({
    audit_id: link.auditId,
    subject: link.personalId,
    discloser: link.discloser,
    client: link.client,
    purpose: link.purpose,
    fact_types: link.factTypes,
    outcome: link.outcome,
    occurred_at: link.occurredAt,
    request_id: link.requestId,
  }));
  const inserted = await pool.query(
    `INSERT INTO disclosure_log (audit_id, subject, discloser, client, purpose, fact_types, outcome, occurred_at, request_id)
     SELECT audit_id, subject, discloser, client, purpose,
            ARRAY(SELECT jsonb_array_elements_text(fact_types)), outcome, occurred_at, request_id
     FROM jsonb_to_recordset($1::jsonb) AS link(audit_id text, subject text, discloser text, client text,
       purpose text, fact_types jsonb, outcome text, occurred_at timestamptz, request_id text)
     ON CONFLICT (audit_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return inserted.rowCount ?? 0;
}
