import { randomUUID } from 'node:crypto';
import type { PoolClient } from '@motlan/db';
import { DiscrepancyEventTypes } from '@motlan/kafka';
import type { Fact__Output, factsV1 } from '@motlan/proto';
import { allAgree, isComparedType, MIN_COMPARED_RANK } from '../domain/discrepancy.ts';
import { toFact, type HistoryRow } from './fact-queries.ts';

type Transition = 'opened' | 'updated' | 'resolved';

const STATE_OF: Record<Transition, factsV1.DiscrepancyEvent__Output['state']> = {
  opened: 'DISCREPANCY_STATE_OPENED',
  updated: 'DISCREPANCY_STATE_UPDATED',
  resolved: 'DISCREPANCY_STATE_RESOLVED',
};

interface OpenRow {
  id: string;
  subject: string;
  type: string;
  source_systems: string[];
  fact_ids: string[];
  opened_at: Date;
}

/** A row of `discrepancies` as written back (upsert by id). */
interface DiscrepancyWrite {
  id: string;
  subject: string;
  type: string;
  source_systems: string[];
  fact_ids: string[];
  state: 'open' | 'resolved';
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
}

interface OutboxWrite {
  event_id: string;
  discrepancy_id: string;
  subject: string;
  event_type: string;
  payload: factsV1.DiscrepancyEvent__Output;
}

const keyOf = (subject: string, type: string) => `${subject}\u0000${type}`;

/**
 * Brings `discrepancies` up to date for the (citizen, compared type) pairs the given facts touch,
 * inside the caller's transaction (the one that applied them), in at most four statements per
 * batch: the latest fact of each source system with assurance verified or above (from
 * fact_history), the open discrepancies of the pairs held by two sources or more (locked), one
 * upsert of the transitions and one insert of their events into `discrepancy_outbox`. Sources are
 * compared every one with every other by `valuesAgree`; a pair whose sources disagree is opened
 * (or updated, when the facts compared changed), one whose sources agree again is resolved.
 * Idempotent: the state is derived from fact_history, so the same facts again change nothing.
 * Returns the number of transitions.
 */
export async function recordDiscrepancies(tx: PoolClient, facts: readonly Fact__Output[]): Promise<number> {
  const pairs = new Map<string, { subject: string; type: string }>();
  for (const fact of facts) {
    if (!isComparedType(fact.type)) continue;
    const subject = fact.subject!.personalId;
    pairs.set(keyOf(subject, fact.type), { subject, type: fact.type });
  }
  if (pairs.size === 0) return 0;
  const subjects = [...pairs.values()].map((pair) => pair.subject);
  const types = [...pairs.values()].map((pair) => pair.type);

  const latest = await tx.query<HistoryRow>(
    `SELECT DISTINCT ON (h.subject, h.type, h.source_system) h.*
     FROM fact_history h JOIN unnest($1::text[], $2::text[]) AS k(subject, type)
       ON h.subject = k.subject AND h.type = k.type
     WHERE h.assurance >= $3
     ORDER BY h.subject, h.type, h.source_system, h.observed_at DESC, h.recorded_at DESC, h.fact_id DESC`,
    [subjects, types, MIN_COMPARED_RANK],
  );
  const sources = new Map<string, HistoryRow[]>();
  for (const row of latest.rows) {
    const key = keyOf(row.subject, row.type);
    sources.set(key, [...(sources.get(key) ?? []), row]); // sorted by source system (ORDER BY)
  }
  // History is append-only, so a pair with one source never had two: nothing can be open for it.
  // A population sync (one source per citizen) then costs this one read per batch.
  const compared = [...pairs].filter(([key]) => (sources.get(key)?.length ?? 0) >= 2);
  if (compared.length === 0) return 0;
  const open = await tx.query<OpenRow>(
    `SELECT d.id, d.subject, d.type, d.source_systems, d.fact_ids, d.opened_at
     FROM discrepancies d JOIN unnest($1::text[], $2::text[]) AS k(subject, type)
       ON d.subject = k.subject AND d.type = k.type
     WHERE d.state = 'open'
     FOR UPDATE OF d`,
    [compared.map(([, pair]) => pair.subject), compared.map(([, pair]) => pair.type)],
  );
  const openByKey = new Map(open.rows.map((row) => [keyOf(row.subject, row.type), row]));

  const now = new Date().toISOString();
  const writes: DiscrepancyWrite[] = [];
  const events: OutboxWrite[] = [];
  for (const [key, { subject, type }] of compared) {
    const rows = sources.get(key)!;
    const values = rows.map((row) => row.value);
    const disagree = !allAgree(type, values);
    const current = openByKey.get(key);
    const sourceSystems = rows.map((row) => row.source_system);
    const factIds = rows.map((row) => row.fact_id);

    let transition: Transition | undefined;
    if (disagree && current === undefined) transition = 'opened';
    else if (disagree && !sameList(current!.fact_ids, factIds)) transition = 'updated';
    else if (!disagree && current !== undefined) transition = 'resolved';
    if (transition === undefined) continue;

    const write: DiscrepancyWrite = {
      id: current?.id ?? randomUUID(),
      subject,
      type,
      source_systems: sourceSystems,
      fact_ids: factIds,
      state: transition === 'resolved' ? 'resolved' : 'open',
      opened_at: current?.opened_at.toISOString() ?? now,
      updated_at: now,
      resolved_at: transition === 'resolved' ? now : null,
    };
    writes.push(write);
    const eventId = randomUUID();
    events.push({
      event_id: eventId,
      discrepancy_id: write.id,
      subject,
      event_type: DiscrepancyEventTypes[transition],
      payload: {
        id: eventId,
        discrepancyId: write.id,
        state: STATE_OF[transition],
        subject: { personalId: subject },
        factType: type,
        values: rows.map((row): Fact__Output => toFact(row)),
        openedAt: write.opened_at,
        resolvedAt: write.resolved_at ?? '',
      },
    });
  }
  if (writes.length === 0) return 0;

  await tx.query(
    `INSERT INTO discrepancies (id, subject, type, source_systems, fact_ids, state, opened_at, updated_at, resolved_at)
     SELECT x.id, x.subject, x.type, x.source_systems, x.fact_ids, x.state, x.opened_at, x.updated_at, x.resolved_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, subject text, type text, source_systems text[],
       fact_ids text[], state text, opened_at timestamptz, updated_at timestamptz, resolved_at timestamptz)
     ON CONFLICT (id) DO UPDATE SET source_systems = EXCLUDED.source_systems, fact_ids = EXCLUDED.fact_ids,
       state = EXCLUDED.state, updated_at = EXCLUDED.updated_at, resolved_at = EXCLUDED.resolved_at`,
    [JSON.stringify(writes)],
  );
  // One event per (citizen, type) per batch; batches of one citizen commit in order (one
  // partition), so the relay's seq order keeps each citizen's events in order.
  await tx.query(
    `INSERT INTO discrepancy_outbox (event_id, discrepancy_id, subject, event_type, payload)
     SELECT x.event_id, x.discrepancy_id, x.subject, x.event_type, x.payload
     FROM jsonb_to_recordset($1::jsonb)
       AS x(event_id uuid, discrepancy_id uuid, subject text, event_type text, payload jsonb)`,
    [JSON.stringify(events)],
  );
  return writes.length;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
