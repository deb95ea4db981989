import type { Pool } from '@motlan/db';
import type { Fact__Output } from '@motlan/proto';
import { toFact, type HistoryRow } from './fact-queries.ts';

export type DiscrepancyState = 'open' | 'resolved';

export interface DiscrepancyEntry {
  id: string;
  /** Listing cursor: pass as `after` to continue. */
  cursor: string;
  personalId: string;
  factType: string;
  state: DiscrepancyState;
  sourceSystems: string[];
  /** The latest fact of each source compared, in the order of `sourceSystems`. */
  values: Fact__Output[];
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
}

export interface DiscrepancyFilter {
  /** Only those this source system is part of; undefined: all (an operator's view). */
  sourceSystem: string | undefined;
  state?: DiscrepancyState;
  factType?: string;
  /** Cursor of the last entry already seen ('' or absent: from the start). */
  after?: string;
  limit: number;
}

/** The discrepancies one source system is part of (or all), oldest first, with the facts compared. */
export async function listDiscrepancies(pool: Pool, filter: DiscrepancyFilter): Promise<DiscrepancyEntry[]> {
  const { rows } = await pool.query<{
    id: string;
    seq: string;
    subject: string;
    type: string;
    source_systems: string[];
    fact_ids: string[];
    state: DiscrepancyState;
    opened_at: Date;
    updated_at: Date;
    resolved_at: Date | null;
  }>(
    `SELECT id, seq, subject, type, source_systems, fact_ids, state, opened_at, updated_at, resolved_at
     FROM discrepancies
     WHERE ($1::text IS NULL OR source_systems @> ARRAY[$1::text]) AND ($2::text IS NULL OR state = $2)
       AND ($3::text IS NULL OR type = $3) AND seq > $4
     ORDER BY seq LIMIT $5`,
    [
      filter.sourceSystem ?? null,
      filter.state ?? null,
      filter.factType ?? null,
      filter.after || '0',
      filter.limit,
    ],
  );
  if (rows.length === 0) return [];
  const facts = await pool.query<HistoryRow>('SELECT * FROM fact_history WHERE fact_id = ANY($1::text[])', [
    rows.flatMap((row) => row.fact_ids),
  ]);
  const byId = new Map(facts.rows.map((row) => [row.fact_id, toFact(row)]));
  return rows.map((row) => ({
    id: row.id,
    cursor: row.seq,
    personalId: row.subject,
    factType: row.type,
    state: row.state,
    sourceSystems: row.source_systems,
    values: row.fact_ids.map((factId) => byId.get(factId)!),
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(row.resolved_at ? { resolvedAt: row.resolved_at.toISOString() } : {}),
  }));
}

export interface DiscrepancyCount {
  sourceSystems: string[];
  factType: string;
  open: number;
  resolved: number;
}

/** Open and resolved discrepancies per set of sources compared (a pair, as a rule) and fact type. */
export async function countDiscrepancies(pool: Pool): Promise<DiscrepancyCount[]> {
  const { rows } = await pool.query<{
    source_systems: string[];
    type: string;
    open: string;
    resolved: string;
  }>(
    `SELECT source_systems, type, count(*) FILTER (WHERE state = 'open') AS open,
       count(*) FILTER (WHERE state = 'resolved') AS resolved
     FROM discrepancies GROUP BY source_systems, type ORDER BY source_systems, type`,
  );
  return rows.map((row) => ({
    sourceSystems: row.source_systems,
    factType: row.type,
    open: Number(row.open),
    resolved: Number(row.resolved),
  }));
}
