import { normalizeName } from './normalize-name.ts';

/** A Vietnamese full name in its three parts: họ (family), tên đệm (middle), tên (given). */
export interface NameParts {
  family: string;
  /** Every word between the first and the last; empty when the name has two words or fewer. */
  middle: string;
  given: string;
}

/**
 * Splits a full name written family-first: the first word is the family name, the last word the
 * given name, the rest the middle name. A one-word name is taken as a given name alone.
 */
export function splitFullName(fullName: string): NameParts {
  const normalized = normalizeName(fullName);
  const words = normalized === '' ? [] : normalized.split(' ');
  if (words.length === 0) return { family: '', middle: '', given: '' };
  if (words.length === 1) return { family: '', middle: '', given: words[0] };
  return {
    family: words[0],
    middle: words.slice(1, -1).join(' '),
    given: words[words.length - 1],
  };
}

/** The full name from its parts, family first, empty parts skipped, normalized. */
export function joinFullName(parts: NameParts): string {
  return normalizeName(
    [parts.family, parts.middle, parts.given].filter((part) => part.trim() !== '').join(' '),
  );
}
