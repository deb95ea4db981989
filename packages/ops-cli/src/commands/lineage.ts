import { DatabaseEnv, loadConfig, Type } from '@motlan/config';
import { createPool } from '@motlan/db';
import { contentHash } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import { CENSOR, maskPersonalIds } from '@motlan/logger';
import { prefixed, Topics } from '@motlan/kafka';
import { OpsCliErrors } from '../errors.ts';
import { kafkaFailure } from '../kafka-failure.ts';
import { DEFAULT_SEARCH_LIMIT, findRecords, type RecordPosition } from '../find-records.ts';
import type { OperatorContext } from '../operator-kafka.ts';
import type { UnmaskedItem } from '../unmask-audit.ts';
import { table, type CommandOutput } from '../output.ts';

/** `motlan lineage <fact-id> --json`: one fact of the registry, where it came from and who read its kind since. */
export interface FactLineage {
  factId: string;
  /** The citizen's personal ID (masked unless --unmask). */
  subject: string;
  type: string;
  /** The stored value (`[REDACTED]` unless --unmask). */
  value: unknown;
  provenance: {
    sourceSystem: string;
    sourceRecordRef: string;
    sourceRecordVersion: string;
    observedAt: string;
    assurance: number;
    dossierId: string;
  };
  /** When the registry stored it. */
  recordedAt: string;
  contentHash: { stored: string; recomputed: string; matches: boolean };
  /** Whether it is the current fact of its citizen and type; else `supersededBy` names the one that is. */
  current: boolean;
  supersededBy: { factId: string; observedAt: string; sourceSystem: string } | null;
  /** Every decision to disclose the citizen's facts of this type since it was stored, oldest first. */
  disclosures: { occurredAt: string; client: string; purpose: string; outcome: string; discloser: string }[];
  /**
   * Where its record is on citizen.facts.v1 (the record whose motlan-event-id is the fact id), with
   * its trace id; null when the bounded search (`kafkaSearch`) did not find it.
   */
  kafkaPosition: RecordPosition | null;
  /** How the record was looked for: `found`, or `not found: <how far it looked>`. */
  kafkaSearch: string;
}

const DatabaseConfigSchema = Type.Object({ DATABASE_URL: DatabaseEnv.DATABASE_URL });

interface HistoryRow {
  fact_id: string;
  subject: string;
  type: string;
  value: unknown;
  assurance: number;
  source_system: string;
  source_record_ref: string;
  source_record_version: string;
  observed_at: Date;
  dossier_id: string;
  content_hash: string;
  recorded_at: Date;
}

/**
 * `motlan lineage <fact-id> [--database-url URL] [--registry-schema S] [--unmask]`: read-only SQL
 * over the fact registry's schema (FACT_REGISTRY_SCHEMA, default fact_registry): the fact from
 * `fact_history` with its provenance, its content hash recomputed from the stored value
 * (`contentHash` of @motlan/domain, the rule check-fact applies on arrival) against the stored one,
 * whether `current_facts` holds it (else which fact superseded it), and the `disclosure_log`
 * decisions on the citizen's facts of that type since it was stored; given the operator's Kafka,
 * its record on citizen.facts.v1 (event id = fact id, on the subject's partition, a bounded search
 * of `searchLimit` records from a minute before it was stored: `findRecords`). Personal values
 * masked unless `unmask`; a Kafka failure there is said in `kafkaSearch`, not thrown. Throws MOTLAN_OPS_FACT_NOT_FOUND, MOTLAN_CONFIG_INVALID (DATABASE_URL), or the
 * database's error.
 */
export async function lineageCommand(
  env: Record<string, string | undefined>,
  factId: string,
  options: { databaseUrl?: string; registrySchema?: string; unmask: boolean; searchLimit?: number },
  context?: OperatorContext,
): Promise<CommandOutput & { json: FactLineage }> {
  const { DATABASE_URL } = loadConfig(DatabaseConfigSchema, {
    DATABASE_URL: options.databaseUrl ?? env['DATABASE_URL'],
  });
  const schema = options.registrySchema ?? (env['FACT_REGISTRY_SCHEMA'] || 'fact_registry');
  const pool = createPool({ url: DATABASE_URL, schema, max: 1, applicationName: 'motlan-lineage' });
  let lineage: FactLineage;
  let rows: HistoryRow[];
  try {
    ({ rows } = await pool.query<HistoryRow>('SELECT * FROM fact_history WHERE fact_id = $1', [factId]));
    const fact = rows[0];
    if (!fact) {
      throw new MotlanError(OpsCliErrors.factNotFound, `No fact ${factId} in ${schema}.fact_history`, {
        field: 'fact-id',
      });
    }
    const { rows: current } = await pool.query<{ fact_id: string; observed_at: Date; source_system: string }>(
      `SELECT c.fact_id, h.observed_at, h.source_system FROM current_facts c
       JOIN fact_history h ON h.fact_id = c.fact_id WHERE c.subject = $1 AND c.type = $2`,
      [fact.subject, fact.type],
    );
    const { rows: disclosures } = await pool.query<{
      occurred_at: Date;
      client: string;
      purpose: string;
      outcome: string;
      discloser: string;
    }>(
      `SELECT occurred_at, client, purpose, outcome, discloser FROM disclosure_log
       WHERE subject = $1 AND $2 = ANY (fact_types) AND occurred_at >= $3 ORDER BY occurred_at, audit_id`,
      [fact.subject, fact.type, fact.recorded_at],
    );
    const recomputed = contentHash(fact.value);
    const holder = current[0];
    lineage = {
      factId: fact.fact_id,
      subject: options.unmask ? fact.subject : maskPersonalIds(fact.subject),
      type: fact.type,
      value: options.unmask ? fact.value : CENSOR,
      provenance: {
        sourceSystem: fact.source_system,
        sourceRecordRef: fact.source_record_ref,
        sourceRecordVersion: fact.source_record_version,
        observedAt: fact.observed_at.toISOString(),
        assurance: fact.assurance,
        dossierId: fact.dossier_id,
      },
      recordedAt: fact.recorded_at.toISOString(),
      contentHash: { stored: fact.content_hash, recomputed, matches: recomputed === fact.content_hash },
      current: holder?.fact_id === fact.fact_id,
      supersededBy:
        holder && holder.fact_id !== fact.fact_id
          ? {
              factId: holder.fact_id,
              observedAt: holder.observed_at.toISOString(),
              sourceSystem: holder.source_system,
            }
          : null,
      disclosures: disclosures.map((d) => ({
        occurredAt: d.occurred_at.toISOString(),
        client: d.client,
        purpose: d.purpose,
        outcome: d.outcome,
        discloser: d.discloser,
      })),
      kafkaPosition: null,
      kafkaSearch: 'not looked up (no Kafka)',
    };
  } finally {
    await pool.end();
  }
  if (context) {
    const topic = prefixed(Topics.citizenFacts, context.prefix);
    // The record is written before the registry stores the fact (or, for facts declared to the
    // registry, just after): a search from a minute before recorded_at, on the subject's partition.
    try {
      const search = await findRecords(
        context,
        topic.name,
        Topics.citizenFacts.name,
        [{ eventId: factId, key: rows[0]!.subject, after: new Date(lineage.recordedAt) }],
        options.searchLimit ?? DEFAULT_SEARCH_LIMIT,
      );
      lineage.kafkaPosition = search.found.get(factId) ?? null;
      lineage.kafkaSearch = lineage.kafkaPosition ? 'found' : `not found: searched ${search.window}`;
    } catch (error) {
      // The registry's answer stands without Kafka; the position is what is missing, said so.
      lineage.kafkaSearch = `not looked up: ${(kafkaFailure(error) as Error).message}`;
    }
  }
  return { json: lineage, text: lineageText(lineage) };
}

/** What `lineage --unmask` shows in clear: the fact's subject and value. */
export function lineageUnmasked(lineage: FactLineage): UnmaskedItem[] {
  return [{ subject: lineage.subject, what: [lineage.type, `fact ${lineage.factId}`] }];
}

function lineageText(l: FactLineage): string {
  const p = l.provenance;
  return [
    `fact ${l.factId}: ${l.type} of ${l.subject}`,
    `  value        ${JSON.stringify(l.value)}`,
    `  source       ${p.sourceSystem} record ${p.sourceRecordRef} version ${p.sourceRecordVersion}, observed ${p.observedAt}, assurance ${p.assurance}`,
    `  recorded     ${l.recordedAt}`,
    `  content hash ${l.contentHash.matches ? 'matches' : 'DOES NOT MATCH'} (stored ${l.contentHash.stored}, recomputed ${l.contentHash.recomputed})`,
    `  current      ${l.current ? 'yes' : l.supersededBy ? `no: superseded by ${l.supersededBy.factId} (${l.supersededBy.sourceSystem}, observed ${l.supersededBy.observedAt})` : 'no (no current fact of this type)'}`,
    l.kafkaPosition
      ? `  kafka        ${l.kafkaPosition.topic} ${l.kafkaPosition.partition}:${l.kafkaPosition.offset}, written ${l.kafkaPosition.timestamp}, trace ${l.kafkaPosition.traceId ?? 'none'}`
      : `  kafka        ${l.kafkaSearch}`,
    l.disclosures.length === 0
      ? '  disclosures  none since it was recorded'
      : `  disclosures since it was recorded:\n` +
        table(
          ['OCCURRED', 'CLIENT', 'PURPOSE', 'OUTCOME', 'DISCLOSER'],
          l.disclosures.map((d) => [d.occurredAt, d.client, d.purpose, d.outcome, d.discloser]),
        )
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
  ].join('\n');
}
