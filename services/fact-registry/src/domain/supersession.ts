import { assuranceRank, type Assurance } from '@motlan/domain';

/** What the registry keeps of a fact to decide which one is current. */
export interface Contender {
  factId: string;
  assurance: Assurance;
  observedAt: string;
  contentHash: string;
  /** `provenance.source_system`, e.g. `national-population-db`. */
  sourceSystem: string;
  /** `provenance.source_record_ref`: the record in that system the fact was read from. */
  sourceRecordRef: string;
  /** `provenance.source_record_version`: the record's version in that system ('' when unknown). */
  sourceRecordVersion: string;
}

export interface Decision {
  /** The incoming fact becomes the current one. */
  replace: boolean;
  /** The two disagree in value across assurance levels: keep both, flag the pair. */
  conflict?: { winning: string; losing: string };
}

/**
 * Higher assurance wins (authoritative > verified > self-declared). Within one level:
 * - two versions of one source record (same `sourceSystem` and `sourceRecordRef`) are ordered by
 *   `sourceRecordVersion`, as `fact.proto` says: the source's own version counter, not its clock,
 *   which can run backwards between versions (a correction stamped with the original event's
 *   time, a replica with a skewed clock). Versions compare as integers when both are decimal
 *   integers (so `10` beats `9`); otherwise (empty, or another scheme) they give no order;
 * - everything else — facts from different sources or records, equal or incomparable versions —
 *   is ordered by the source's observation time, the later winning;
 * - the fact id breaks exact ties so any replay order gives the same answer.
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
    compareVersions(a, b) ||
    Date.parse(a.observedAt) - Date.parse(b.observedAt) ||
    (a.factId > b.factId ? 1 : a.factId < b.factId ? -1 : 0)
  );
}

const INTEGER = /^[0-9]+$/;

/**
 * The order of two versions of the same source record: positive when `a` is newer, 0 when they
 * are of different records (or name no record), equal, or not both integers. Integers of any length compare exactly
 * (no float rounding): by length once leading zeros are dropped, then digit by digit.
 */
export function compareVersions(
  a: Pick<Contender, 'sourceSystem' | 'sourceRecordRef' | 'sourceRecordVersion'>,
  b: Pick<Contender, 'sourceSystem' | 'sourceRecordRef' | 'sourceRecordVersion'>,
): number {
  if (a.sourceRecordRef === '') return 0; // no record named: nothing says the two are one record
  if (a.sourceSystem !== b.sourceSystem || a.sourceRecordRef !== b.sourceRecordRef) return 0;
  if (!INTEGER.test(a.sourceRecordVersion) || !INTEGER.test(b.sourceRecordVersion)) return 0;
  const x = a.sourceRecordVersion.replace(/^0+(?=.)/, '');
  const y = b.sourceRecordVersion.replace(/^0+(?=.)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
