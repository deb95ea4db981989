import type { Pool } from '@motlan/db';
import { assuranceRank, type SourceSystem } from '@motlan/domain';

/** The register that says who exists: only its authoritative facts vouch for a subject. */
export const SUBJECT_REGISTER: SourceSystem = 'national-population-db';

/**
 * Whether the registry holds an authoritative fact about this personal ID from the national
 * population database (any type, current or superseded) — the mark that the mesh can verify the
 * subject. Declarations are only taken for such subjects (services/fact-registry/README.md).
 */
export async function isKnownSubject(pool: Pool, personalId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `SELECT 1 FROM fact_history WHERE subject = $1 AND source_system = $2 AND assurance = $3 LIMIT 1`,
    [personalId, SUBJECT_REGISTER, assuranceRank('ASSURANCE_AUTHORITATIVE')],
  );
  return (rowCount ?? 0) > 0;
}
