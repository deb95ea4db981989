import { declaredFacts, type DeclaredFact } from '@motlan/domain';
import type { DossierFact, SuppliedFact } from './prefill.ts';

/**
 * The dossier's facts with each declared fact in the entry of its type, carrying the declared
 * fact's id and provenance. Matched by type, never by position: the applicant may supply facts in
 * any order, and the procedure's order is not theirs (issue 10, part 8). Entries of other types
 * are kept as they are; a declared type the dossier has no entry for is appended (a procedure
 * whose required facts changed since the dossier was received).
 */
export function withDeclaredFacts(
  facts: readonly DossierFact[],
  declared: readonly DeclaredFact[],
): DossierFact[] {
  const byType = new Map(declared.map((fact) => [fact.type, supplied(fact)]));
  const merged = facts.map((fact) => {
    const replacement = byType.get(fact.type);
    byType.delete(fact.type);
    return replacement ?? fact;
  });
  return [...merged, ...byType.values()];
}

function supplied(fact: DeclaredFact): DossierFact {
  return {
    type: fact.type,
    origin: 'supplied',
    value: JSON.parse(fact.valueJson) as unknown,
    sourceSystem: fact.provenance.sourceSystem,
    assurance: fact.provenance.assurance,
    sourceRecordRef: fact.provenance.sourceRecordRef,
    observedAt: fact.provenance.observedAt,
    factId: fact.id,
  };
}

/**
 * The one-stop shop's client name in the access policy (`infra/policies/access-policy.json`,
 * where it may declare): the source system of every fact an applicant types into a dossier.
 */
export const DECLARING_CLIENT = 'one-stop';

/**
 * What the applicant typed in, as the self-declared facts the registry's DeclareFacts would make
 * of it (one builder: @motlan/domain's declaredFacts), the one-stop shop their source and
 * `dossier/<dossier id>` their record. None typed in: none declared.
 */
export function declareSupplied(
  personalId: string,
  dossierId: string,
  facts: readonly SuppliedFact[],
  now: Date,
): DeclaredFact[] {
  return facts.length === 0 ? [] : declaredFacts({ personalId, dossierId, facts }, DECLARING_CLIENT, { now });
}
