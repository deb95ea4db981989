import type { Sex } from '../codes/sex.ts';

/** The first year the century/sex digit can express (digit 0/1) and the last (digit 8/9). */
export const FIRST_ENCODABLE_YEAR = 1900;
export const LAST_ENCODABLE_YEAR = 2399;

export interface CenturySex {
  /** First year of the century, e.g. 1900 for 1900–1999. */
  century: number;
  sex: Sex;
}

/** The fourth digit of a personal ID: 0/1 = 1900s male/female, 2/3 = 2000s, ... 8/9 = 2300s. */
export function decodeCenturySex(digit: number): CenturySex {
  return {
    century: FIRST_ENCODABLE_YEAR + Math.floor(digit / 2) * 100,
    sex: digit % 2 === 0 ? 'male' : 'female',
  };
}

/** The digit for a birth year and sex; the year must lie in 1900–2399. */
export function encodeCenturySex(birthYear: number, sex: Sex): number {
  return Math.floor((birthYear - FIRST_ENCODABLE_YEAR) / 100) * 2 + (sex === 'female' ? 1 : 0);
}
