import type { Pool, PoolClient } from '@motlan/db';

/** A creating call made with an Idempotency-Key, as stored with what it created. */
export interface IdempotencyRecord {
  /** The calling client (certificate name, or `anonymous`). */
  scope: string;
  key: string;
  /** Hash of the operation and its request (see `fingerprintOf`). */
  fingerprint: string;
  /** HTTP status of the first answer. */
  status: number;
  /** The first answer's body. */
  answer: object;
  dossierId: string;
}

export const IDEMPOTENCY_COLUMNS = 'scope, key, fingerprint, status, answer, dossier_id';

export function idempotencyParams(record: IdempotencyRecord): unknown[] {
  return [
    record.scope,
    record.key,
    record.fingerprint,
    record.status,
    JSON.stringify(record.answer),
    record.dossierId,
  ];
}

/** The stored first answer for this client's key, if a call with it committed. */
export async function findIdempotencyRecord(
  db: Pool | PoolClient,
  scope: string,
  key: string,
): Promise<Pick<IdempotencyRecord, 'fingerprint' | 'status' | 'answer'> | undefined> {
  const { rows } = await db.query<{ fingerprint: string; status: number; answer: object }>(
    'SELECT fingerprint, status, answer FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  return rows[0];
}

/** Whether a database error is the key's primary key refusing a second insert (a racing retry). */
export function isDuplicateKey(error: unknown): boolean {
  const pg = error as { code?: string; constraint?: string };
  return pg.code === '23505' && pg.constraint === 'idempotency_keys_pkey';
}
