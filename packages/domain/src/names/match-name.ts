import { foldDiacritics, hasDiacritics } from './fold-diacritics.ts';
import { foldLookalikes } from './lookalikes.ts';
import { isNamePunctuation } from './name-punctuation.ts';
import { toneNeutral } from './tone-marks.ts';

/**
 * A difference `matchName` forgave:
 * - `case` — letter case;
 * - `spacing` — extra, missing or other whitespace;
 * - `diacritics` — a word typed with no marks at all ("Nguyen" for "Nguyễn");
 * - `tone_placement` — the tone on another vowel of the syllable, old and new style ("Hoà" for
 *   "Hòa", "Thuỷ" for "Thủy");
 * - `punctuation` — hyphens, apostrophes, dots present, absent or of another form ("H’Hen" or
 *   "H Hen" for "H'Hen", "Y Moan" for "Y-Moan");
 * - `lookalike` — a code point drawn like a Vietnamese letter (Ð U+00D0 or Ɖ for Đ, fullwidth
 *   letters); see `foldLookalikes` for what is and is not one.
 */
export type NameTolerance =
  'case' | 'spacing' | 'diacritics' | 'tone_placement' | 'punctuation' | 'lookalike';

/** The order `tolerated` lists them in. */
export const NAME_TOLERANCES: readonly NameTolerance[] = [
  'case',
  'spacing',
  'diacritics',
  'tone_placement',
  'punctuation',
  'lookalike',
];

export interface NameMatch {
  match: boolean;
  /** Identical once both are in NFC. */
  exact: boolean;
  /** Which differences were forgiven to make them match, in the order of `NAME_TOLERANCES`. */
  tolerated: NameTolerance[];
}

/** Per word, the sets of tolerances tried, smallest first: the first that makes the words equal wins. */
const WORD_TOLERANCES: readonly (readonly NameTolerance[])[] = [
  ['case'],
  ['tone_placement'],
  ['case', 'tone_placement'],
  ['diacritics'],
  ['case', 'diacritics'],
];

/**
 * Compares a claimed name (typed by a citizen or an officer) with a recorded one (from the system
 * of record) and says honestly what it had to forgive (see `NameTolerance`): two spellings of the
 * same Vietnamese name match. Unicode forms never matter (both are compared in NFC, so NFD input
 * is exact). What is *not* forgiven: a word typed with marks must carry the recorded letters and
 * tone — "Ân" is not "An", "Nguyên" (a name of its own) is not "Nguyễn", "Hòa" is not "Hà" and
 * not the unmarked "Hoa" of a record — and the letters, once separators are set aside, must be
 * the same letters in the same order.
 */
export function matchName(claimed: string, recorded: string): NameMatch {
  const a = claimed.normalize('NFC');
  const b = recorded.normalize('NFC');
  if (a === b) return { match: true, exact: true, tolerated: [] };

  let needed = compareNames(a, b);
  if (needed === undefined) {
    const foldedA = foldLookalikes(a);
    const foldedB = foldLookalikes(b);
    if (foldedA === a && foldedB === b) return noMatch();
    needed = compareNames(foldedA, foldedB);
    if (needed === undefined) return noMatch();
    needed.add('lookalike');
  }
  return { match: true, exact: false, tolerated: NAME_TOLERANCES.filter((t) => needed.has(t)) };
}

function compareNames(a: string, b: string): Set<NameTolerance> | undefined {
  const claim = layout(a);
  const record = layout(b);
  if (claim.clusters.length !== record.clusters.length || record.clusters.length === 0) return undefined;

  const needed = new Set<NameTolerance>();
  // Word by word of the recorded name, so a claim missing a space still lines up letter by letter.
  for (let w = 0; w < record.wordStarts.length; w++) {
    const start = record.wordStarts[w];
    const end = w + 1 < record.wordStarts.length ? record.wordStarts[w + 1] : record.clusters.length;
    const forgiven = compareWords(
      claim.clusters.slice(start, end).join(''),
      record.clusters.slice(start, end).join(''),
    );
    if (forgiven === undefined) return undefined;
    for (const tolerance of forgiven) needed.add(tolerance);
  }
  for (let i = 0; i < claim.gaps.length; i++) {
    const gapA = claim.gaps[i];
    const gapB = record.gaps[i];
    if (gapA === gapB) continue;
    // A hyphen typed as a space is one punctuation difference, not a spacing one as well.
    needed.add(punctuationOf(gapA) === punctuationOf(gapB) ? 'spacing' : 'punctuation');
  }
  return needed;
}

function compareWords(claimed: string, recorded: string): readonly NameTolerance[] | undefined {
  if (claimed === recorded) return [];
  return WORD_TOLERANCES.find((tolerances) => equalUnder(claimed, recorded, tolerances));
}

function equalUnder(claimed: string, recorded: string, tolerances: readonly NameTolerance[]): boolean {
  let a = claimed;
  let b = recorded;
  if (tolerances.includes('case')) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  if (tolerances.includes('diacritics')) {
    // Only a word typed with no marks at all: marks typed are marks claimed.
    if (hasDiacritics(a)) return false;
    b = foldDiacritics(b);
  }
  if (tolerances.includes('tone_placement')) {
    a = toneNeutral(a);
    b = toneNeutral(b);
  }
  return a === b;
}

interface Layout {
  /** Letters with their combining marks; whitespace and punctuation left out. */
  clusters: string[];
  /** Index in `clusters` where each word begins (after whitespace or punctuation). */
  wordStarts: number[];
  /** `gaps[i]`: the whitespace and punctuation before cluster i; the last entry trails the name. */
  gaps: string[];
}

function layout(text: string): Layout {
  const clusters: string[] = [];
  const wordStarts: number[] = [];
  const gaps: string[] = [''];
  let inWord = false;
  for (const char of text) {
    if (/\s/u.test(char) || isNamePunctuation(char)) {
      gaps[gaps.length - 1] += char;
      inWord = false;
    } else if (inWord && /\p{M}/u.test(char)) {
      clusters[clusters.length - 1] += char;
    } else {
      if (!inWord) wordStarts.push(clusters.length);
      clusters.push(char);
      gaps.push('');
      inWord = true;
    }
  }
  return { clusters, wordStarts, gaps };
}

function punctuationOf(gap: string): string {
  return [...gap].filter((char) => !/\s/u.test(char)).join('');
}

function noMatch(): NameMatch {
  return { match: false, exact: false, tolerated: [] };
}
