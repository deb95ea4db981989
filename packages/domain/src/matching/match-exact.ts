import type { Sex } from '../codes/sex.ts';
import type { FieldMatch } from './field-match.ts';

/** Strict equality for coded values (sex, codes from a code list): they match or they do not. */
export function matchExact<T extends string | number | boolean>(claimed: T, recorded: T): FieldMatch {
  const match = claimed === recorded;
  return { match, exact: match };
}

export function matchSex(claimed: Sex, recorded: Sex): FieldMatch {
  return matchExact(claimed, recorded);
}
