import { foldDiacritics, hasDiacritics } from './fold-diacritics.ts';

export type NameTolerance = 'case' | 'spacing' | 'diacritics';

export interface NameMatch {
  match: boolean;
  /** Identical once both are in NFC. */
  exact: boolean;
  /** Which differences were forgiven to make them match, in the order case, spacing, diacritics. */
  tolerated: NameTolerance[];
}

/**
 * Compares a claimed name (typed by a citizen or an officer) with a recorded one (from the system
 * of record) and says honestly what it had to forgive: letter case, extra or missing spaces, and
 * *missing* diacritics — a word typed with no marks at all ("Nguyen") matches its marked form
 * ("Nguyễn"). A word typed *with* marks must carry exactly the recorded marks: "Ân" is not "An",
 * and "Nguyên" (a name of its own) is not "Nguyễn". Marks present in the claim but absent from
 * the record are not forgiven either.
 */
export function matchName(claimed: string, recorded: string): NameMatch {
  const a = claimed.normalize('NFC');
  const b = recorded.normalize('NFC');
  if (a === b) return { match: true, exact: true, tolerated: [] };

  const claim = layout(a);
  const record = layout(b);
  if (claim.clusters.length !== record.clusters.length || record.clusters.length === 0) return noMatch();

  let caseNeeded = false;
  let diacriticsNeeded = false;
  // Word by word of the recorded name, so a claim missing a space still lines up letter by letter.
  for (let w = 0; w < record.wordStarts.length; w++) {
    const start = record.wordStarts[w];
    const end = w + 1 < record.wordStarts.length ? record.wordStarts[w + 1] : record.clusters.length;
    const claimedWord = claim.clusters.slice(start, end).join('');
    const recordedWord = record.clusters.slice(start, end).join('');
    if (claimedWord === recordedWord) continue;
    if (lower(claimedWord) === lower(recordedWord)) {
      caseNeeded = true;
      continue;
    }
    if (!hasDiacritics(claimedWord)) {
      const folded = foldDiacritics(recordedWord);
      if (claimedWord === folded) {
        diacriticsNeeded = true;
        continue;
      }
      if (lower(claimedWord) === lower(folded)) {
        diacriticsNeeded = true;
        caseNeeded = true;
        continue;
      }
    }
    return noMatch();
  }

  const tolerated: NameTolerance[] = [];
  if (caseNeeded) tolerated.push('case');
  if (claim.skeleton !== record.skeleton) tolerated.push('spacing');
  if (diacriticsNeeded) tolerated.push('diacritics');
  return { match: true, exact: false, tolerated };
}

interface Layout {
  /** Letters with their combining marks, whitespace left out. */
  clusters: string[];
  /** Index in `clusters` where each word begins. */
  wordStarts: number[];
  /** The text with every cluster replaced by `x`: equal skeletons mean equal spacing. */
  skeleton: string;
}

function layout(text: string): Layout {
  const clusters: string[] = [];
  const wordStarts: number[] = [];
  let skeleton = '';
  let inWord = false;
  for (const char of text) {
    if (/\s/u.test(char)) {
      skeleton += char;
      inWord = false;
    } else if (inWord && /\p{M}/u.test(char)) {
      clusters[clusters.length - 1] += char;
    } else {
      if (!inWord) wordStarts.push(clusters.length);
      clusters.push(char);
      skeleton += 'x';
      inWord = true;
    }
  }
  return { clusters, wordStarts, skeleton };
}

function noMatch(): NameMatch {
  return { match: false, exact: false, tolerated: [] };
}

function lower(text: string): string {
  return text.toLowerCase();
}
