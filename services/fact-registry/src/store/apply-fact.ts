import type { PoolClient } from '@motlan/db';
import { assuranceRank, type Assurance } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';
import { decide, type Contender } from '../domain/supersession.ts';

export type ApplyOutcome = 'current' | 'history-only' | 'already-known';

/**
 * Applies one fact inside the caller's transaction: appended to history (once per fact id),
 * then the current view updated if it wins, and a disagreement across assurance levels recorded.
 */
export async function applyFact(tx: PoolClient, fact: Fact__Output): Promise<ApplyOutcome> {
  const provenance = fact.provenance!;
  const subject = fact.subject!.personalId;
  const inserted = await tx.query(
    `INSERT INTO fact_history (fact_id, subject, type, value, assurance, source_system, source_record_ref,
       source_record_version, observed_at, valid_from, valid_until, dossier_id, content_hash)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (fact_id) DO NOTHING`,
    [
      fact.id,
      subject,
      fact.type,
      fact.valueJson,
      assuranceRank(provenance.assurance as Assurance),
      provenance.sourceSystem,
      provenance.sourceRecordRef,
      provenance.sourceRecordVersion,
      provenance.observedAt,
      provenance.validFrom,
      provenance.validUntil,
      provenance.dossierId,
      provenance.contentHash,
    ],
  );
  if (inserted.rowCount === 0) return 'already-known';

  const { rows } = await tx.query<{
    fact_id: string;
    assurance: number;
    observed_at: Date;
    content_hash: string;
  }>(
    'SELECT fact_id, assurance, observed_at, content_hash FROM current_facts WHERE subject = $1 AND type = $2 FOR UPDATE',
    [subject, fact.type],
  );
  const current = rows[0] ? contenderOf(rows[0]) : undefined;
  const incoming: Contender = {
    factId: fact.id,
    assurance: provenance.assurance as Assurance,
    observedAt: provenance.observedAt,
    contentHash: provenance.contentHash,
  };
  const decision = decide(current, incoming);
  if (decision.conflict) {
    await tx.query(
      `INSERT INTO fact_conflicts (subject, type, winning_fact_id, losing_fact_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [subject, fact.type, decision.conflict.winning, decision.conflict.losing],
    );
  }
  if (decision.replace) {
    await tx.query(
      `INSERT INTO current_facts (subject, type, fact_id, assurance, observed_at, content_hash, conflicted)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (subject, type) DO UPDATE SET fact_id = EXCLUDED.fact_id, assurance = EXCLUDED.assurance,
         observed_at = EXCLUDED.observed_at, content_hash = EXCLUDED.content_hash, conflicted = EXCLUDED.conflicted`,
      [
        subject,
        fact.type,
        fact.id,
        assuranceRank(incoming.assurance),
        incoming.observedAt,
        incoming.contentHash,
        decision.conflict !== undefined,
      ],
    );
    return 'current';
  }
  if (decision.conflict) {
    await tx.query('UPDATE current_facts SET conflicted = true WHERE subject = $1 AND type = $2', [
      subject,
      fact.type,
    ]);
  }
  return 'history-only';
}

const BY_RANK: Record<number, Assurance> = {
  1: 'ASSURANCE_SELF_DECLARED',
  2: 'ASSURANCE_VERIFIED',
  3: 'ASSURANCE_AUTHORITATIVE',
};

function contenderOf(row: {
  fact_id: string;
  assurance: number;
  observed_at: Date;
  content_hash: string;
}): Contender {
  return {
    factId: row.fact_id,
    assurance: BY_RANK[row.assurance] ?? 'ASSURANCE_SELF_DECLARED',
    observedAt: row.observed_at.toISOString(),
    contentHash: row.content_hash,
  };
}
