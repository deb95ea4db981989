import { parseIsoDate } from './iso-date.ts';

/** Which parts of a date are known: the year only, the year and month, or the full day. */
export type DatePrecision = 'year' | 'month' | 'day';

export const DATE_PRECISIONS: readonly DatePrecision[] = ['year', 'month', 'day'];

export interface PartialDate {
  year: number;
  /** 1–12, absent when only the year is known. */
  month?: number;
  /** 1–31, absent unless the full day is known. */
  day?: number;
  precision: DatePrecision;
}

const PARTIAL = /^(\d{4})(?:-(\d{2}))?$/;

/**
 * Parses a date of ISO 8601 reduced precision — `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the same
 * forms as HL7 FHIR's `date`) — into its known parts. Undefined for anything else, for a month
 * outside 1–12 and for a day the month does not have.
 *
 * Population records write an unknown day or month as `00` (`19450000`, `19520700`): older
 * citizens' births were often registered long after with only the year known.
 */
export function parsePartialDate(text: string): PartialDate | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.length === 10) {
    const full = parseIsoDate(text);
    return full && { ...full, precision: 'day' };
  }
  const parts = PARTIAL.exec(text);
  if (parts === null) return undefined;
  const year = Number(parts[1]);
  if (parts[2] === undefined) return { year, precision: 'year' };
  const month = Number(parts[2]);
  return month >= 1 && month <= 12 ? { year, month, precision: 'month' } : undefined;
}

/** The precision a partial date's form says, or undefined when it is not one. */
export function precisionOf(text: string): DatePrecision | undefined {
  return parsePartialDate(text)?.precision;
}
