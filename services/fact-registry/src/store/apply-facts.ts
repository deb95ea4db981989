import type { PoolClient } from '@motlan/db';
import { assuranceRank, type Assurance } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';
import { decide, type Contender } from '../domain/supersession.ts';
import { recordNotifications, type FactChange } from './notifications.ts';

interface Current extends Contender {
  conflicted: boolean;
  changed: boolean;
}

const BY_RANK: Record<number, Assurance> = {
  1: 'ASSURANCE_SELF_DECLARED',
  2: 'ASSURANCE_VERIFIED',
  3: 'ASSURANCE_AUTHORITATIVE',
};

const keyOf = (subject: string, type: string) => `${subject}\u0000${type}`;

/**
 * Applies facts, in order, inside the caller's transaction, with a handful of statements for the
 * whole batch: new ones appended to history (once per fact id), the current view moved where a
 * fact wins, disagreements across assurance levels recorded, and every change of a current value
 * turned into the notifications of the subscriptions it matches (store/notifications.ts). Applying the same facts one at a
 * time gives the same result: decisions are made in order against the view as it evolves.
 */
export async function applyFacts(tx: PoolClient, facts: Fact__Output[]): Promise<number> {
  if (facts.length === 0) return 0;
  const inserted = await tx.query<{ fact_id: string }>(
    `INSERT INTO fact_history (fact_id, subject, type, value, assurance, source_system, source_record_ref,
       source_record_version, observed_at, valid_from, valid_until, dossier_id, content_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::smallint[], $6::text[], $7::text[],
       $8::text[], $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[])
     ON CONFLICT (fact_id) DO NOTHING RETURNING fact_id`,
    [
      facts.map((fact) => fact.id),
      facts.map((fact) => fact.subject!.personalId),
      facts.map((fact) => fact.type),
      facts.map((fact) => fact.valueJson),
      facts.map((fact) => assuranceRank(fact.provenance!.assurance as Assurance)),
      facts.map((fact) => fact.provenance!.sourceSystem),
      facts.map((fact) => fact.provenance!.sourceRecordRef),
      facts.map((fact) => fact.provenance!.sourceRecordVersion),
      facts.map((fact) => fact.provenance!.observedAt),
      facts.map((fact) => fact.provenance!.validFrom),
      facts.map((fact) => fact.provenance!.validUntil),
      facts.map((fact) => fact.provenance!.dossierId),
      facts.map((fact) => fact.provenance!.contentHash),
    ],
  );
  const fresh = new Set(inserted.rows.map((row) => row.fact_id));
  const incoming = facts.filter((fact) => fresh.delete(fact.id)); // first occurrence of each new id
  if (incoming.length === 0) return 0;

  const keys = [
    ...new Map(incoming.map((fact) => [keyOf(fact.subject!.personalId, fact.type), fact])).values(),
  ];
  const { rows } = await tx.query<{
    subject: string;
    type: string;
    fact_id: string;
    assurance: number;
    observed_at: Date;
    content_hash: string;
    conflicted: boolean;
    source_system: string;
    source_record_ref: string;
    source_record_version: string;
  }>(
    // The current fact's source record and version come from its history row: supersession
    // orders versions of one record by version, so the SQL path must decide on the same inputs
    // as the pure function.
    `SELECT c.subject, c.type, c.fact_id, c.assurance, c.observed_at, c.content_hash, c.conflicted,
       h.source_system, h.source_record_ref, h.source_record_version
     FROM current_facts c JOIN unnest($1::text[], $2::text[]) AS k(subject, type)
       ON c.subject = k.subject AND c.type = k.type
     JOIN fact_history h ON h.fact_id = c.fact_id
     FOR UPDATE OF c`,
    [keys.map((fact) => fact.subject!.personalId), keys.map((fact) => fact.type)],
  );
  const view = new Map<string, Current>(
    rows.map((row) => [
      keyOf(row.subject, row.type),
      {
        factId: row.fact_id,
        assurance: BY_RANK[row.assurance] ?? 'ASSURANCE_SELF_DECLARED',
        observedAt: row.observed_at.toISOString(),
        contentHash: row.content_hash,
        sourceSystem: row.source_system,
        sourceRecordRef: row.source_record_ref,
        sourceRecordVersion: row.source_record_version,
        conflicted: row.conflicted,
        changed: false,
      },
    ]),
  );
  const conflicts: { subject: string; type: string; winning: string; losing: string }[] = [];
  const changes: FactChange[] = [];
  const subjects = new Map<string, { subject: string; type: string }>();
  for (const fact of incoming) {
    const key = keyOf(fact.subject!.personalId, fact.type);
    subjects.set(key, { subject: fact.subject!.personalId, type: fact.type });
    const contender: Contender = {
      factId: fact.id,
      assurance: fact.provenance!.assurance as Assurance,
      observedAt: fact.provenance!.observedAt,
      contentHash: fact.provenance!.contentHash,
      sourceSystem: fact.provenance!.sourceSystem,
      sourceRecordRef: fact.provenance!.sourceRecordRef,
      sourceRecordVersion: fact.provenance!.sourceRecordVersion,
    };
    const current = view.get(key);
    const decision = decide(current, contender);
    if (decision.conflict) conflicts.push({ ...subjects.get(key)!, ...decision.conflict });
    if (decision.replace) {
      // A new version that says the same thing is not a change anyone is told about.
      if (current?.contentHash !== contender.contentHash) {
        changes.push({
          subject: fact.subject!.personalId,
          type: fact.type,
          factId: fact.id,
          supersedesFactId: current?.factId,
        });
      }
      view.set(key, { ...contender, conflicted: decision.conflict !== undefined, changed: true });
    } else if (decision.conflict && current) {
      view.set(key, { ...current, conflicted: true, changed: true });
    }
  }

  const changed = [...view].filter(([, current]) => current.changed);
  if (changed.length > 0) {
    await tx.query(
      `INSERT INTO current_facts (subject, type, fact_id, assurance, observed_at, content_hash, conflicted)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::timestamptz[], $6::text[], $7::boolean[])
       ON CONFLICT (subject, type) DO UPDATE SET fact_id = EXCLUDED.fact_id, assurance = EXCLUDED.assurance,
         observed_at = EXCLUDED.observed_at, content_hash = EXCLUDED.content_hash, conflicted = EXCLUDED.conflicted`,
      [
        changed.map(([key]) => subjects.get(key)!.subject),
        changed.map(([key]) => subjects.get(key)!.type),
        changed.map(([, current]) => current.factId),
        changed.map(([, current]) => assuranceRank(current.assurance)),
        changed.map(([, current]) => current.observedAt),
        changed.map(([, current]) => current.contentHash),
        changed.map(([, current]) => current.conflicted),
      ],
    );
  }
  if (conflicts.length > 0) {
    await tx.query(
      `INSERT INTO fact_conflicts (subject, type, winning_fact_id, losing_fact_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [
        conflicts.map((conflict) => conflict.subject),
        conflicts.map((conflict) => conflict.type),
        conflicts.map((conflict) => conflict.winning),
        conflicts.map((conflict) => conflict.losing),
      ],
    );
  }
  await recordNotifications(tx, changes);
  return incoming.length;
}
