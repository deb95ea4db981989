/** How far a fact can be trusted, named as in `motlan.common.v1.Assurance`. */
export const ASSURANCES = [
  'ASSURANCE_SELF_DECLARED',
  'ASSURANCE_VERIFIED',
  'ASSURANCE_AUTHORITATIVE',
] as const;
export type Assurance = (typeof ASSURANCES)[number];

const RANKS: Readonly<Record<Assurance | 'ASSURANCE_UNSPECIFIED', number>> = {
  ASSURANCE_UNSPECIFIED: 0,
  ASSURANCE_SELF_DECLARED: 1,
  ASSURANCE_VERIFIED: 2,
  ASSURANCE_AUTHORITATIVE: 3,
};

export function isAssurance(value: unknown): value is Assurance {
  return typeof value === 'string' && (ASSURANCES as readonly string[]).includes(value);
}

/** The proto enum's number: higher is more trusted; the unset value ranks below everything. */
export function assuranceRank(assurance: Assurance | 'ASSURANCE_UNSPECIFIED'): number {
  return RANKS[assurance] ?? 0;
}

/**
 * Negative when `a` is less trusted than `b`, zero when equal, positive when more; usable as a
 * sort comparator (ascending trust).
 */
export function compareAssurance(
  a: Assurance | 'ASSURANCE_UNSPECIFIED',
  b: Assurance | 'ASSURANCE_UNSPECIFIED',
): number {
  return Math.sign(assuranceRank(a) - assuranceRank(b));
}
