import type { Pool } from '@motlan/db';

export interface DeclarationKey {
  client: string;
  key: string;
  /** sha256 of the declaration as normalised (subject, dossier, each fact's type and value). */
  requestHash: string;
  /** The observation time the declared facts carry, so a retry rebuilds them byte for byte. */
  observedAt: Date;
}

/**
 * Records the key for its first request and returns what is stored under it: this request's
 * record when the key is new, the first request's record when it was used before (compare the
 * hashes). Concurrent first uses both get the one row that won.
 */
export async function claimDeclarationKey(pool: Pool, claim: DeclarationKey): Promise<DeclarationKey> {
  const { rows } = await pool.query<{ request_hash: string; observed_at: Date }>(
    `WITH inserted AS (
       INSERT INTO declaration_keys (client, idempotency_key, request_hash, observed_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING request_hash, observed_at
     )
     SELECT request_hash, observed_at FROM inserted
     UNION ALL
     SELECT request_hash, observed_at FROM declaration_keys WHERE client = $1 AND idempotency_key = $2
     LIMIT 1`,
    [claim.client, claim.key, claim.requestHash, claim.observedAt],
  );
  const row = rows[0]!;
  return { ...claim, requestHash: row.request_hash, observedAt: row.observed_at };
}
