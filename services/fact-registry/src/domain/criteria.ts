import { joinFullName, matchDate, matchName, type FullName } from '@motlan/domain';

/**
 * What a lookup may ask of a citizen's record beyond the personal ID: a name (its parts, the
 * whole, or both) and a date of birth. Every given criterion must hold; one not given is not
 * compared.
 */
export interface Criteria {
  /** The given name (tên), or the middle and given names together ("Văn An", as in a passport). */
  givenName?: string;
  /** The family name (họ). */
  familyName?: string;
  /** The full name, family first. */
  fullName?: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
}

/** The facts a record is compared with; an absent fact never matches a criterion about it. */
export interface RecordedIdentity {
  fullName?: FullName;
  dateOfBirth?: string;
}

const NAME_TYPE = 'identity.full_name';
const BIRTH_TYPE = 'identity.date_of_birth';

/**
 * The fact types a lookup with these criteria discloses, whatever it answers: a yes or no to
 * "this name" or "this date of birth" tells about that fact. A name criterion touches
 * `identity.full_name`, a date of birth `identity.date_of_birth`.
 */
export function criteriaFactTypes(criteria: Criteria): string[] {
  const types: string[] = [];
  if (
    criteria.givenName !== undefined ||
    criteria.familyName !== undefined ||
    criteria.fullName !== undefined
  )
    types.push(NAME_TYPE);
  if (criteria.dateOfBirth !== undefined) types.push(BIRTH_TYPE);
  return types;
}

/**
 * True when the recorded identity satisfies every given criterion, compared as VerifyCitizen
 * compares claims (`matchName`: case, spacing and missing diacritics forgiven; `matchDate`:
 * nothing forgiven).
 */
export function matchesCriteria(criteria: Criteria, recorded: RecordedIdentity): boolean {
  const name = recorded.fullName;
  const nameMatches = (claimed: string | undefined, ...candidates: string[]): boolean =>
    claimed === undefined ||
    (name !== undefined && candidates.some((candidate) => matchName(claimed, candidate).match));
  const birthMatches =
    criteria.dateOfBirth === undefined ||
    (recorded.dateOfBirth !== undefined && matchDate(criteria.dateOfBirth, recorded.dateOfBirth).match);
  return (
    birthMatches &&
    nameMatches(criteria.fullName, name ? joinFullName(name) : '') &&
    nameMatches(criteria.familyName, name?.family ?? '') &&
    nameMatches(
      criteria.givenName,
      name?.given ?? '',
      name ? joinFullName({ family: '', middle: name.middle, given: name.given }) : '',
    )
  );
}

export const IDENTITY_TYPES = { name: NAME_TYPE, dateOfBirth: BIRTH_TYPE } as const;
