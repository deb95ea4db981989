import type { Pool, PoolClient } from '@motlan/db';
import type { DossierStatus } from '../domain/lifecycle.ts';
import type { DossierFact } from '../domain/prefill.ts';

export interface DossierRow {
  id: string;
  code: string;
  procedure_code: string;
  unit_code: string;
  applicant_personal_id: string;
  status: DossierStatus;
  received_at: Date;
  due_at: Date;
  paused_at: Date | null;
  paused_remaining_days: number | null;
  closed_at: Date | null;
  required_count: number;
  prefilled_count: number;
  facts: DossierFact[];
  documents: string[];
  result_fact_id: string | null;
  reason: string | null;
  version: number;
  updated_at: Date;
}

export interface HistoryRow {
  sequence: number;
  event_id: string;
  event_type: string;
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  actor: string;
  reason: string | null;
  occurred_at: Date;
}

export interface RatingRow {
  score: number;
  comment: string | null;
  rated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Inserts a new dossier and gives it its code: `codePrefix` and the next number of
 * dossier_code_seq, at least six digits, taken in the same statement.
 */
export async function insertDossier(
  tx: PoolClient,
  row: Omit<DossierRow, 'version' | 'code'>,
  codePrefix: string,
): Promise<string> {
  const { rows } = await tx.query<{ code: string }>(
    `INSERT INTO dossiers (id, code, procedure_code, unit_code, applicant_personal_id, status, received_at,
       due_at, paused_at, paused_remaining_days, closed_at, required_count, prefilled_count, facts, documents,
       result_fact_id, reason, updated_at)
     VALUES ($1, (SELECT $2 || lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('dossier_code_seq') AS n),
       $3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
     RETURNING code`,
    [
      row.id,
      codePrefix,
      row.procedure_code,
      row.unit_code,
      row.applicant_personal_id,
      row.status,
      row.received_at,
      row.due_at,
      row.paused_at,
      row.paused_remaining_days,
      row.closed_at,
      row.required_count,
      row.prefilled_count,
      JSON.stringify(row.facts),
      JSON.stringify(row.documents),
      row.result_fact_id,
      row.reason,
      row.updated_at,
    ],
  );
  return rows[0]!.code;
}

/** A dossier by id or code; `forUpdate` locks the row for the rest of the transaction. */
export async function findDossier(
  db: Pool | PoolClient,
  idOrCode: string,
  forUpdate = false,
): Promise<DossierRow | undefined> {
  const column = UUID.test(idOrCode) ? 'id' : 'code';
  const { rows } = await db.query<DossierRow>(
    `SELECT * FROM dossiers WHERE ${column} = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [UUID.test(idOrCode) ? idOrCode.toLowerCase() : idOrCode],
  );
  return rows[0];
}

export async function updateDossier(tx: PoolClient, row: DossierRow): Promise<void> {
  await tx.query(
    `UPDATE dossiers SET status = $2, due_at = $3, paused_at = $4, paused_remaining_days = $5, closed_at = $6,
       prefilled_count = $7, facts = $8, documents = $9, result_fact_id = $10, reason = $11,
       version = version + 1, updated_at = $12
     WHERE id = $1`,
    [
      row.id,
      row.status,
      row.due_at,
      row.paused_at,
      row.paused_remaining_days,
      row.closed_at,
      row.prefilled_count,
      JSON.stringify(row.facts),
      JSON.stringify(row.documents),
      row.result_fact_id,
      row.reason,
      row.updated_at,
    ],
  );
}

export async function appendHistory(tx: PoolClient, dossierId: string, entry: HistoryRow): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_history (dossier_id, sequence, event_id, event_type, from_status, to_status, actor,
       reason, occurred_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      dossierId,
      entry.sequence,
      entry.event_id,
      entry.event_type,
      entry.from_status,
      entry.to_status,
      entry.actor,
      entry.reason,
      entry.occurred_at,
    ],
  );
}

export async function lastSequence(tx: PoolClient, dossierId: string): Promise<number> {
  const { rows } = await tx.query<{ max: number | null }>(
    'SELECT max(sequence) AS max FROM dossier_history WHERE dossier_id = $1',
    [dossierId],
  );
  return rows[0]?.max ?? 0;
}

export async function history(db: Pool, dossierId: string): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    'SELECT * FROM dossier_history WHERE dossier_id = $1 ORDER BY sequence',
    [dossierId],
  );
  return rows;
}

export async function findRating(db: Pool | PoolClient, dossierId: string): Promise<RatingRow | undefined> {
  const { rows } = await db.query<RatingRow>(
    'SELECT score, comment, rated_at FROM dossier_ratings WHERE dossier_id = $1',
    [dossierId],
  );
  return rows[0];
}

export async function insertRating(
  tx: PoolClient,
  dossierId: string,
  rating: { score: number; comment: string | null; ratedAt: Date },
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO dossier_ratings (dossier_id, score, comment, rated_at) VALUES ($1,$2,$3,$4)
     ON CONFLICT DO NOTHING`,
    [dossierId, rating.score, rating.comment, rating.ratedAt],
  );
  return result.rowCount === 1;
}
