import { parseIsoDate } from '../dates/iso-date.ts';
import { parsePartialDate, type DatePrecision } from '../dates/partial-date.ts';
import type { FieldMatch } from './field-match.ts';

/** A date comparison; `precision` is how much of the recorded date was known and compared. */
export interface DateMatch extends FieldMatch {
  precision: DatePrecision;
}

/**
 * Compares a claimed full date (`YYYY-MM-DD`) with a recorded one, which may be partial
 * (`YYYY-MM` or `YYYY`: the record knows only the month and year, or only the year).
 *
 * Nothing is forgiven on the parts that are known: a day off is another person. A recorded
 * partial date matches a claim that agrees on every known part — the record cannot contradict
 * the rest — and the match is never `exact`; `precision` says what was compared, so a caller can
 * report the match as partial. A claim that is itself partial, or not a real calendar date,
 * never matches (people know their own date of birth; the record is what may be incomplete).
 */
export function matchDate(claimed: string, recorded: string): DateMatch {
  const a = parseIsoDate(claimed);
  const b = parsePartialDate(recorded);
  if (a === undefined || b === undefined) {
    return { match: false, exact: false, precision: b?.precision ?? 'day' };
  }
  const match =
    a.year === b.year &&
    (b.month === undefined || a.month === b.month) &&
    (b.day === undefined || a.day === b.day);
  return { match, exact: match && b.precision === 'day', precision: b.precision };
}
