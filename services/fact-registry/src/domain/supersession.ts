import { assuranceRank, type Assurance } from '@motlan/domain';

/** What the registry keeps of a fact to decide which one is current. */
export interface Contender {
  factId: string;
  assurance: Assurance;
  observedAt: string;
  contentHash: string;
}

export interface Decision {
  /** The incoming fact becomes the current one. */
  replace: boolean;
  /** The two disagree in value across assurance levels: keep both, flag the pair. */
  conflict?: { winning: string; losing: string };
}

/**
 * Higher assurance wins (authoritative > verified > self-declared); within one level the later
 * observation wins, the fact id breaking exact ties so any replay order gives the same answer.
 * A self-declared fact therefore never overwrites an authoritative one. Disagreement between
 * levels is not dropped: it is reported as a conflict.
 */
export function decide(current: Contender | undefined, incoming: Contender): Decision {
  if (!current) return { replace: true };
  if (current.factId === incoming.factId) return { replace: false };
  const replace = compare(incoming, current) > 0;
  const levelsDiffer = assuranceRank(incoming.assurance) !== assuranceRank(current.assurance);
  const valuesDiffer = incoming.contentHash !== current.contentHash;
  if (!levelsDiffer || !valuesDiffer) return { replace };
  return {
    replace,
    conflict: replace
      ? { winning: incoming.factId, losing: current.factId }
      : { winning: current.factId, losing: incoming.factId },
  };
}

function compare(a: Contender, b: Contender): number {
  return (
    assuranceRank(a.assurance) - assuranceRank(b.assurance) ||
    Date.parse(a.observedAt) - Date.parse(b.observedAt) ||
    (a.factId > b.factId ? 1 : a.factId < b.factId ? -1 : 0)
  );
}
