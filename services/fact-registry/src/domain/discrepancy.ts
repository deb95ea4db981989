import {
  assuranceRank,
  canonicalJson,
  matchDate,
  matchName,
  parsePartialDate,
  type Assurance,
} from '@motlan/domain';

/**
 * The fact types whose values two sources are compared on (issue 13 part 4): identity and
 * permanent residence, the facts both the population database and a sector registry may hold.
 */
export const COMPARED_FACT_TYPES: readonly string[] = [
  'identity.full_name',
  'identity.date_of_birth',
  'identity.sex',
  'residence.permanent',
];

/** Only sources at least this sure take part: a citizen's own declaration never makes a discrepancy. */
export const MIN_COMPARED_ASSURANCE: Assurance = 'ASSURANCE_VERIFIED';
export const MIN_COMPARED_RANK = assuranceRank(MIN_COMPARED_ASSURANCE);

export function isComparedType(type: string): boolean {
  return COMPARED_FACT_TYPES.includes(type);
}

/**
 * Whether two sources' values (parsed JSON, as the catalog shapes them) of one compared fact type
 * say the same thing. Symmetric.
 * - `identity.full_name`: `matchName` of @motlan/domain on `full`, the tolerant matching of
 *   VerifyCitizen (case, spacing, Unicode form, tone placement, unmarked words, lookalikes agree;
 *   another letter, another order or another word does not), tried both ways since neither
 *   source is the claim.
 * - `identity.date_of_birth`: `matchDate` (the population adapter's rule): a full date and a
 *   partial one agree when the partial one contains it; two partial dates agree when the less
 *   precise contains the other; a day off disagrees.
 * - any other type: the canonical JSON of the values.
 */
export function valuesAgree(type: string, a: unknown, b: unknown): boolean {
  if (type === 'identity.full_name') {
    const nameA = fullNameOf(a);
    const nameB = fullNameOf(b);
    if (nameA !== undefined && nameB !== undefined) {
      return matchName(nameA, nameB).match || matchName(nameB, nameA).match;
    }
  }
  if (type === 'identity.date_of_birth') {
    const dateA = dateOf(a);
    const dateB = dateOf(b);
    if (dateA !== undefined && dateB !== undefined) return datesAgree(dateA, dateB);
  }
  return canonicalJson(a) === canonicalJson(b);
}

/** Whether every value agrees with every other (fewer than two values always agree). */
export function allAgree(type: string, values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      if (!valuesAgree(type, values[i], values[j])) return false;
    }
  }
  return true;
}

function fullNameOf(value: unknown): string | undefined {
  const full = (value as { full?: unknown } | null)?.full;
  return typeof full === 'string' ? full : undefined;
}

function dateOf(value: unknown): string | undefined {
  const date = (value as { date?: unknown } | null)?.date;
  return typeof date === 'string' && parsePartialDate(date) !== undefined ? date : undefined;
}

function datesAgree(a: string, b: string): boolean {
  const partA = parsePartialDate(a)!;
  const partB = parsePartialDate(b)!;
  if (partA.precision === 'day') return matchDate(a, b).match;
  if (partB.precision === 'day') return matchDate(b, a).match;
  // Both partial: agree on every part both know.
  return (
    partA.year === partB.year &&
    (partA.month === undefined || partB.month === undefined || partA.month === partB.month)
  );
}
