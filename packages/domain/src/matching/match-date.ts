import { parseIsoDate } from '../dates/iso-date.ts';
import type { FieldMatch } from './field-match.ts';

/**
 * Compares two `YYYY-MM-DD` dates. Nothing is forgiven: a day off is another person. A date that
 * is not a real calendar date never matches, not even itself.
 */
export function matchDate(claimed: string, recorded: string): FieldMatch {
  const a = parseIsoDate(claimed);
  const b = parseIsoDate(recorded);
  const match =
    a !== undefined && b !== undefined && a.year === b.year && a.month === b.month && a.day === b.day;
  return { match, exact: match };
}
