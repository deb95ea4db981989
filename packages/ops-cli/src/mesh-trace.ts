import { assertSchemaName, type Pool } from '@motlan/db';
import { maskPersonalIds } from '@motlan/logger';
import { prefixed, Topics, type TopicDefinition } from '@motlan/kafka';
import { DEFAULT_SEARCH_LIMIT, findRecords, type RecordPosition, type SoughtRecord } from './find-records.ts';
import { kafkaFailure } from './kafka-failure.ts';
import type { OperatorContext } from './operator-kafka.ts';

/** A dossier code as one-stop makes it (services/one-stop/src/domain/dossier.ts `dossierCode`): `MT-YYYYMMDD-NNNNNN`. */
export const DOSSIER_CODE = /^MT-\d{8}-\d{6}$/;

/** What to trace: a request id (x-request-id, the correlation id of what it caused) or a dossier code. */
export type TraceQuery = { requestId: string } | { dossierCode: string };

/** The schemas a trace reads (SELECTs only), each a service's own. */
export interface TraceSchemas {
  /** ONE_STOP_SCHEMA (one_stop): dossiers, dossier_history, outbox. */
  oneStop: string;
  /** FACT_REGISTRY_SCHEMA (fact_registry): fact_history. */
  registry: string;
  /** Every schema whose audit_log (@motlan/access) is read for disclosures: audit verify's defaults. */
  audit: readonly string[];
}

/** What kind of hop: a dossier transition, a record on Kafka, a fact stored, a disclosure answered. */
export type TraceHopKind = 'dossier-step' | 'record-produced' | 'fact-recorded' | 'disclosure';

/** One thing the mesh kept about the request or dossier. */
export interface TraceHop {
  /** When it happened, ISO 8601 (the time the service recorded). */
  at: string;
  /** Milliseconds since the trace's first hop. */
  sinceStartMs: number;
  /** The service that did it (one-stop, fact-registry, population-adapter, ...). */
  service: string;
  kind: TraceHopKind;
  /** What happened, for a person; personal IDs masked. */
  what: string;
  requestId: string | null;
  /** The W3C trace id, where the mesh kept one (a Kafka record's traceparent header). */
  traceId: string | null;
  /** The event id of the step, record or fact; the audit id of a disclosure. */
  eventId: string | null;
  /** Where the record is on Kafka (record-produced hops, when the bounded search found it). */
  kafka: RecordPosition | null;
}

/** `motlan trace --json`, and what the web console renders: one request's or one dossier's way through the mesh. */
export interface MeshTrace {
  query: { kind: 'request' | 'dossier'; value: string };
  /** The dossier traced, or the dossier the request acted on (the first when several). */
  dossier: {
    id: string;
    code: string;
    procedureCode: string;
    unitCode: string;
    status: string;
    receivedAt: string;
  } | null;
  /** Every request id seen (a dossier's steps each came with one). */
  requestIds: string[];
  /** Every trace id seen on its records. */
  traceIds: string[];
  /** Oldest first. */
  hops: TraceHop[];
  /** First to last hop, in milliseconds (0 with fewer than two hops). */
  durationMs: number;
  /** What was not found or could not be read (a schema without its tables, a record beyond the search). */
  notes: string[];
}

interface OutboxRow {
  event_id: string;
  topic: string;
  key: string;
  event_type: string;
  correlation_id: string;
  created_at: Date;
  published_at: Date | null;
}

interface StepRow {
  dossier_id: string;
  event_id: string;
  event_type: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
  occurred_at: Date;
}

interface FactRow {
  fact_id: string;
  type: string;
  source_system: string;
  dossier_id: string;
  recorded_at: Date;
}

interface DisclosureRow {
  audit_id: string;
  discloser: string;
  client: string;
  purpose: string;
  fact_types: string[];
  outcome: string;
  occurred_at: Date;
  request_id: string;
}

interface DossierRow {
  id: string;
  code: string;
  procedure_code: string;
  unit_code: string;
  status: string;
  received_at: Date;
}

/**
 * Follows one request or one dossier through what the mesh keeps (SELECTs only, on the services'
 * schemas through `pool`, whose role must read them; nothing of a service is imported):
 * - a dossier code: the dossier (one-stop `dossiers`), its steps (`dossier_history`), the facts it
 *   caused (the registry's `fact_history` by dossier id), and the requests behind them: each step's
 *   and fact's event in one-stop's `outbox` carries its request id as correlation id;
 * - a request id: what carried it: outbox events with it as correlation id, the steps and facts
 *   those events are, and the dossier they belong to;
 * - for every request id so found, the disclosures answered for it (`audit_log` of each audit schema,
 *   the discloser named by its chain);
 * - given the operator's Kafka, where each outbox event is on its topic, and its trace id
 *   (`traceparent` header): a bounded search (`findRecords`, `searchLimit` records per partition).
 *
 * A Kafka failure (out of reach, a refused right) leaves positions and trace ids out, with a note.
 * Not kept anywhere, so not shown: HTTP and gRPC requests that left no row (a read is shown by its
 * disclosure), records a service produced without an outbox (adapters' facts, notifications), and
 * consumption times. Schemas without their tables are skipped with a note.
 */
export async function traceMesh(
  pool: Pool,
  schemas: TraceSchemas,
  query: TraceQuery,
  kafka?: { context: OperatorContext; searchLimit?: number },
): Promise<MeshTrace> {
  const notes: string[] = [];
  const oneStop = await tablesOf(pool, schemas.oneStop, ['dossiers', 'dossier_history', 'outbox'], notes);
  const registry = await tablesOf(pool, schemas.registry, ['fact_history'], notes);
  const q = (schema: string) => `"${assertSchemaName(schema)}"`;

  let dossiers: DossierRow[] = [];
  let steps: StepRow[] = [];
  let facts: FactRow[] = [];
  let outbox: OutboxRow[] = [];
  const requestIds = new Set<string>();

  if ('dossierCode' in query) {
    if (oneStop) {
      dossiers = (
        await pool.query<DossierRow>(`SELECT * FROM ${q(schemas.oneStop)}.dossiers WHERE code = $1`, [
          query.dossierCode,
        ])
      ).rows;
    }
    const dossier = dossiers[0];
    if (!dossier) {
      notes.push(`no dossier ${query.dossierCode} in ${schemas.oneStop}.dossiers`);
    } else {
      steps = (
        await pool.query<StepRow>(
          `SELECT * FROM ${q(schemas.oneStop)}.dossier_history WHERE dossier_id = $1 ORDER BY sequence`,
          [dossier.id],
        )
      ).rows;
      if (registry) {
        facts = (
          await pool.query<FactRow>(
            `SELECT * FROM ${q(schemas.registry)}.fact_history WHERE dossier_id = $1 ORDER BY recorded_at`,
            [dossier.id],
          )
        ).rows;
      }
      const eventIds = [...steps.map((s) => s.event_id), ...facts.map((f) => f.fact_id)];
      outbox = (
        await pool.query<OutboxRow>(
          `SELECT * FROM ${q(schemas.oneStop)}.outbox WHERE event_id = ANY($1::text[]) OR key = $2 ORDER BY seq`,
          [eventIds, dossier.id],
        )
      ).rows;
      outbox.forEach((o) => requestIds.add(o.correlation_id));
    }
  } else {
    requestIds.add(query.requestId);
    if (oneStop) {
      outbox = (
        await pool.query<OutboxRow>(
          `SELECT * FROM ${q(schemas.oneStop)}.outbox WHERE correlation_id = $1 ORDER BY seq`,
          [query.requestId],
        )
      ).rows;
      const eventIds = outbox.map((o) => o.event_id);
      steps = (
        await pool.query<StepRow>(
          `SELECT * FROM ${q(schemas.oneStop)}.dossier_history WHERE event_id::text = ANY($1::text[])
           ORDER BY occurred_at, sequence`,
          [eventIds],
        )
      ).rows;
      const dossierIds = [...new Set(steps.map((s) => s.dossier_id))];
      dossiers = (
        await pool.query<DossierRow>(
          `SELECT * FROM ${q(schemas.oneStop)}.dossiers WHERE id = ANY($1::uuid[]) ORDER BY received_at`,
          [dossierIds],
        )
      ).rows;
      if (registry) {
        facts = (
          await pool.query<FactRow>(
            `SELECT * FROM ${q(schemas.registry)}.fact_history WHERE fact_id = ANY($1::text[]) ORDER BY recorded_at`,
            [eventIds],
          )
        ).rows;
      }
    }
  }

  const disclosures: DisclosureRow[] = [];
  for (const schema of schemas.audit) {
    if (!(await tablesOf(pool, schema, ['audit_log', 'audit_chains'], notes))) continue;
    const { rows } = await pool.query<DisclosureRow>(
      `SELECT l.audit_id, c.discloser, l.client, l.purpose, l.fact_types, l.outcome, l.occurred_at, l.request_id
       FROM ${q(schema)}.audit_log l JOIN ${q(schema)}.audit_chains c ON c.chain = l.chain
       WHERE l.request_id = ANY($1::text[]) ORDER BY l.occurred_at, l.sequence`,
      [[...requestIds]],
    );
    disclosures.push(...rows);
  }

  let positions = new Map<string, RecordPosition>();
  if (kafka) {
    try {
      positions = await locate(kafka.context, outbox, kafka.searchLimit, notes);
    } catch (error) {
      // What the databases keep is the trace; Kafka only adds positions and trace ids.
      notes.push(`Kafka positions not looked up: ${(kafkaFailure(error) as Error).message}`);
    }
  } else if (outbox.length > 0) {
    notes.push('Kafka positions not looked up');
  }
  const requestOf = new Map(outbox.map((o) => [o.event_id, o.correlation_id]));
  const hops: Omit<TraceHop, 'sinceStartMs'>[] = [
    ...steps.map((s) => ({
      at: s.occurred_at.toISOString(),
      service: 'one-stop',
      kind: 'dossier-step' as const,
      what: maskPersonalIds(
        `${s.event_type}: ${s.from_status ?? '(new)'} → ${s.to_status} by ${s.actor}${s.reason ? ` (${s.reason})` : ''}`,
      ),
      requestId: requestOf.get(s.event_id) ?? null,
      traceId: positions.get(s.event_id)?.traceId ?? null,
      eventId: s.event_id,
      kafka: null,
    })),
    ...outbox.map((o) => {
      const position = positions.get(o.event_id) ?? null;
      return {
        at: (o.published_at ?? o.created_at).toISOString(),
        service: 'one-stop',
        kind: 'record-produced' as const,
        what: o.published_at
          ? `${o.event_type} published to ${o.topic}${position ? ` ${position.partition}:${position.offset}` : ''}`
          : `${o.event_type} for ${o.topic} still in the outbox (not yet published)`,
        requestId: o.correlation_id,
        traceId: position?.traceId ?? null,
        eventId: o.event_id,
        kafka: position,
      };
    }),
    ...facts.map((f) => ({
      at: f.recorded_at.toISOString(),
      service: 'fact-registry',
      kind: 'fact-recorded' as const,
      what: `${f.type} from ${f.source_system} stored (fact_history)`,
      requestId: requestOf.get(f.fact_id) ?? null,
      traceId: positions.get(f.fact_id)?.traceId ?? null,
      eventId: f.fact_id,
      kafka: null,
    })),
    ...disclosures.map((d) => ({
      at: d.occurred_at.toISOString(),
      service: d.discloser,
      kind: 'disclosure' as const,
      what: maskPersonalIds(`${d.outcome} ${d.client} ${d.fact_types.join(', ')} for ${d.purpose}`),
      requestId: d.request_id,
      traceId: null,
      eventId: d.audit_id,
      kafka: null,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const start = hops.length > 0 ? Date.parse(hops[0]!.at) : 0;
  const dossier = dossiers[0];
  return {
    query:
      'dossierCode' in query
        ? { kind: 'dossier', value: query.dossierCode }
        : { kind: 'request', value: query.requestId },
    dossier: dossier
      ? {
          id: dossier.id,
          code: dossier.code,
          procedureCode: dossier.procedure_code,
          unitCode: dossier.unit_code,
          status: dossier.status,
          receivedAt: dossier.received_at.toISOString(),
        }
      : null,
    requestIds: [...requestIds],
    traceIds: [...new Set(hops.map((h) => h.traceId).filter((t): t is string => t !== null))],
    hops: hops.map((h) => ({ ...h, sinceStartMs: Date.parse(h.at) - start })),
    durationMs: hops.length > 1 ? Date.parse(hops.at(-1)!.at) - start : 0,
    notes,
  };
}

/** Within one instant: the step, then the record it produced, then the fact stored, then reads. */
const KIND_ORDER: Record<TraceHopKind, number> = {
  'dossier-step': 0,
  'record-produced': 1,
  'fact-recorded': 2,
  disclosure: 3,
};

/** Where each published outbox event is on its topic (one bounded search per topic). */
async function locate(
  context: OperatorContext,
  outbox: readonly OutboxRow[],
  searchLimit = DEFAULT_SEARCH_LIMIT,
  notes: string[],
): Promise<Map<string, RecordPosition>> {
  const positions = new Map<string, RecordPosition>();
  const published = outbox.filter((o) => o.published_at !== null);
  for (const topicName of new Set(published.map((o) => o.topic))) {
    const declared = (Object.values(Topics) as TopicDefinition[]).find((t) => t.name === topicName);
    if (!declared) {
      notes.push(`outbox names ${topicName}, not a declared topic: not looked up`);
      continue;
    }
    const sought: SoughtRecord[] = published
      .filter((o) => o.topic === topicName)
      .map((o) => ({ eventId: o.event_id, key: o.key, after: o.created_at }));
    const search = await findRecords(
      context,
      prefixed(declared, context.prefix).name,
      topicName,
      sought,
      searchLimit,
    );
    search.found.forEach((position, eventId) => positions.set(eventId, position));
    const missing = sought.length - search.found.size;
    if (missing > 0) notes.push(`${missing} record(s) of ${topicName} not found: searched ${search.window}`);
  }
  return positions;
}

/** Whether `schema` has every one of `tables` (a note when not: that part of the trace is skipped). */
async function tablesOf(
  pool: Pool,
  schema: string,
  tables: readonly string[],
  notes: string[],
): Promise<boolean> {
  const { rows } = await pool.query<{ missing: string[] }>(
    `SELECT array_agg(t) FILTER (WHERE to_regclass(format('%I.%I', $1::text, t)) IS NULL) AS missing
     FROM unnest($2::text[]) AS t`,
    [assertSchemaName(schema), tables],
  );
  const missing = rows[0]?.missing ?? null;
  if (missing && missing.length > 0) {
    notes.push(`${schema} has no ${missing.join(', ')}: not read`);
    return false;
  }
  return true;
}
