import type { Pool, PoolClient } from '@motlan/db';
import type { Dossier, DossierOrigin, HistoryStep } from '../domain/dossier.ts';
import type { DossierStatus } from '../domain/lifecycle.ts';
import type { DossierFact } from '../domain/prefill.ts';
import { IDEMPOTENCY_COLUMNS, idempotencyParams, type IdempotencyRecord } from './idempotency-keys.ts';
import { OUTBOX_COLUMNS, outboxParams, type OutboxEvent } from './outbox.ts';

/** A row of `dossiers` (column names as in the migration); `PgDossierStore` maps it to a `Dossier`. */
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
  origin: DossierOrigin;
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

/** A row of `dossiers` as the domain sees it. */
export function toDossier(row: DossierRow): Dossier {
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedure_code,
    unitCode: row.unit_code,
    applicantPersonalId: row.applicant_personal_id,
    status: row.status,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    pausedAt: row.paused_at,
    pausedRemainingDays: row.paused_remaining_days,
    closedAt: row.closed_at,
    requiredCount: row.required_count,
    prefilledCount: row.prefilled_count,
    facts: row.facts,
    documents: row.documents,
    resultFactId: row.result_fact_id,
    reason: row.reason,
    origin: row.origin,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function toRow(dossier: Dossier): DossierRow {
  return {
    id: dossier.id,
    code: dossier.code,
    procedure_code: dossier.procedureCode,
    unit_code: dossier.unitCode,
    applicant_personal_id: dossier.applicantPersonalId,
    status: dossier.status,
    received_at: dossier.receivedAt,
    due_at: dossier.dueAt,
    paused_at: dossier.pausedAt,
    paused_remaining_days: dossier.pausedRemainingDays,
    closed_at: dossier.closedAt,
    required_count: dossier.requiredCount,
    prefilled_count: dossier.prefilledCount,
    facts: dossier.facts,
    documents: dossier.documents,
    result_fact_id: dossier.resultFactId,
    reason: dossier.reason,
    origin: dossier.origin,
    version: dossier.version,
    updated_at: dossier.updatedAt,
  };
}

export function toStep(row: HistoryRow): HistoryStep {
  return {
    sequence: row.sequence,
    eventId: row.event_id,
    eventType: row.event_type,
    from: row.from_status,
    to: row.to_status,
    actor: row.actor,
    reason: row.reason,
    occurredAt: row.occurred_at,
  };
}

export function toHistoryRow(step: HistoryStep): HistoryRow {
  return {
    sequence: step.sequence,
    event_id: step.eventId,
    event_type: step.eventType,
    from_status: step.from,
    to_status: step.to,
    actor: step.actor,
    reason: step.reason,
    occurred_at: step.occurredAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DOSSIER_COLUMNS = `id, code, procedure_code, unit_code, applicant_personal_id, status, received_at, due_at,
  paused_at, paused_remaining_days, closed_at, required_count, prefilled_count, facts, documents, result_fact_id,
  reason, updated_at, origin`;
const HISTORY_COLUMNS =
  'dossier_id, sequence, event_id, event_type, from_status, to_status, actor, reason, occurred_at';

function dossierParams(row: Omit<DossierRow, 'version'>): unknown[] {
  return [
    row.id,
    row.code,
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
    JSON.stringify(row.origin),
  ];
}

function historyParams(dossierId: string, entry: HistoryRow): unknown[] {
  return [
    dossierId,
    entry.sequence,
    entry.event_id,
    entry.event_type,
    entry.from_status,
    entry.to_status,
    entry.actor,
    entry.reason,
    entry.occurred_at,
  ];
}

/**
 * A new dossier, its first step, that step's event and the facts it declares (outbox), and the
 * Idempotency-Key it was made with, in one statement: atomic on its own — the dossier and its
 * facts exist together or not at all — and one round trip instead of a transaction's many (the
 * submission's cost on 2 cores was mostly messages between processes). A key already stored
 * fails the whole statement (`isDuplicateKey`), creating nothing.
 */
export async function insertNewDossier(
  db: Pool | PoolClient,
  row: Omit<DossierRow, 'version'>,
  firstStep: HistoryRow,
  events: readonly OutboxEvent[],
  idempotency?: IdempotencyRecord,
): Promise<void> {
  const dossier = dossierParams(row);
  const step = historyParams(row.id, firstStep);
  const outbox = events.map(outboxParams);
  const key = idempotency ? idempotencyParams(idempotency) : [];
  let used = dossier.length + step.length;
  const outboxRows = outbox.map((params) => {
    const values = `(${placeholders(params.length, used)})`;
    used += params.length;
    return values;
  });
  await db.query(
    `WITH dossier AS (INSERT INTO dossiers (${DOSSIER_COLUMNS}) VALUES (${placeholders(dossier.length)})),
          step AS (INSERT INTO dossier_history (${HISTORY_COLUMNS}) VALUES (${placeholders(step.length, dossier.length)}))
          ${idempotency ? `, idempotency AS (INSERT INTO idempotency_keys (${IDEMPOTENCY_COLUMNS}) VALUES (${placeholders(key.length, used)}))` : ''}
     INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ${outboxRows.join(', ')}`,
    [...dossier, ...step, ...outbox.flat(), ...key],
  );
}

/** `$n, $n+1, ...`: `count` parameters after the first `after`. */
function placeholders(count: number, after = 0): string {
  return Array.from({ length: count }, (_, index) => `$${after + index + 1}`).join(', ');
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
  const params = historyParams(dossierId, entry);
  await tx.query(
    `INSERT INTO dossier_history (${HISTORY_COLUMNS}) VALUES (${placeholders(params.length)})`,
    params,
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
