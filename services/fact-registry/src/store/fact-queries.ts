import { canonicalJson, type Assurance } from '@motlan/domain';
import type { Pool } from '@motlan/db';
import type { Fact__Output } from '@motlan/proto';

const ASSURANCE_BY_RANK: Record<number, Assurance> = {
  1: 'ASSURANCE_SELF_DECLARED',
  2: 'ASSURANCE_VERIFIED',
  3: 'ASSURANCE_AUTHORITATIVE',
};

/** A fact_history row as PostgreSQL returns it. */
export interface HistoryRow {
  fact_id: string;
  subject: string;
  type: string;
  value: unknown;
  assurance: number;
  source_system: string;
  source_record_ref: string;
  source_record_version: string;
  observed_at: Date;
  valid_from: string;
  valid_until: string;
  dossier_id: string;
  content_hash: string;
  recorded_at: Date;
}

/** A fact_history row as the wire Fact (canonical value JSON, provenance). */
export function toFact(row: HistoryRow): Fact__Output {
  return {
    id: row.fact_id,
    subject: { personalId: row.subject },
    type: row.type,
    // jsonb reorders keys; the wire carries the canonical form the content hash was taken of.
    valueJson: canonicalJson(row.value),
    provenance: {
      sourceSystem: row.source_system,
      assurance: ASSURANCE_BY_RANK[row.assurance] ?? 'ASSURANCE_UNSPECIFIED',
      sourceRecordRef: row.source_record_ref,
      sourceRecordVersion: row.source_record_version,
      observedAt: row.observed_at.toISOString(),
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      dossierId: row.dossier_id,
      contentHash: row.content_hash,
    },
  };
}

export interface CurrentFact {
  fact: Fact__Output;
  conflicted: boolean;
}

/** The current fact per requested type (types with none are simply absent). */
export async function currentFacts(
  pool: Pool,
  subject: string,
  types: readonly string[],
): Promise<CurrentFact[]> {
  const { rows } = await pool.query<HistoryRow & { conflicted: boolean }>(
    `SELECT h.*, c.conflicted FROM current_facts c JOIN fact_history h ON h.fact_id = c.fact_id
     WHERE c.subject = $1 AND c.type = ANY($2::text[]) ORDER BY c.type`,
    [subject, types],
  );
  return rows.map((row) => ({ fact: toFact(row), conflicted: row.conflicted }));
}

export interface HistoricalFact {
  fact: Fact__Output;
  current: boolean;
  recordedAt: string;
}

/** Every version of one type for a subject, oldest observation first. */
export async function factHistory(pool: Pool, subject: string, type: string): Promise<HistoricalFact[]> {
  const { rows } = await pool.query<HistoryRow & { current: boolean }>(
    `SELECT h.*, (c.fact_id IS NOT NULL) AS current FROM fact_history h
     LEFT JOIN current_facts c ON c.fact_id = h.fact_id
     WHERE h.subject = $1 AND h.type = $2 ORDER BY h.observed_at, h.fact_id`,
    [subject, type],
  );
  return rows.map((row) => ({
    fact: toFact(row),
    current: row.current,
    recordedAt: row.recorded_at.toISOString(),
  }));
}

export interface DisclosureRow {
  auditId: string;
  discloser: string;
  client: string;
  purpose: string;
  factTypes: string[];
  outcome: string;
  occurredAt: string;
  requestId: string;
}

/** Who read (or tried to read) this subject's facts, newest first. */
export async function disclosures(
  pool: Pool,
  subject: string,
  since?: string,
  limit = 100,
): Promise<DisclosureRow[]> {
  const { rows } = await pool.query<{
    audit_id: string;
    discloser: string;
    client: string;
    purpose: string;
    fact_types: string[];
    outcome: string;
    occurred_at: Date;
    request_id: string;
  }>(
    `SELECT audit_id, discloser, client, purpose, fact_types, outcome, occurred_at, request_id FROM disclosure_log
     WHERE subject = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2) ORDER BY occurred_at DESC, audit_id LIMIT $3`,
    [subject, since ?? null, limit],
  );
  return rows.map((row) => ({
    auditId: row.audit_id,
    discloser: row.discloser,
    client: row.client,
    purpose: row.purpose,
    factTypes: row.fact_types,
    outcome: row.outcome,
    occurredAt: row.occurred_at.toISOString(),
    requestId: row.request_id,
  }));
}

/** A digest of the whole current view, to compare a rebuilt registry with a live one. */
export async function currentViewDigest(pool: Pool): Promise<{ rows: number; digest: string }> {
  const { rows } = await pool.query<{ rows: string; digest: string | null }>(
    `SELECT count(*) AS rows,
            md5(string_agg(subject || '|' || type || '|' || fact_id || '|' || conflicted, ',' ORDER BY subject, type)) AS digest
     FROM current_facts`,
  );
  return { rows: Number(rows[0]?.rows ?? 0), digest: rows[0]?.digest ?? '' };
}
