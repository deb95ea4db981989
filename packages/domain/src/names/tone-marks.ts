/**
 * The five Vietnamese tone marks as combining characters (NFD): huyền (grave), sắc (acute), ngã
 * (tilde), hỏi (hook above), nặng (dot below). The vowel marks (circumflex, breve, horn) and đ
 * are letters of their own, not tones.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * A syllable with its tone lifted off the letter that carries it: the toneless letters, then the
 * tone. Two spellings of one syllable that differ only in *where* the tone sits — the old style
 * "hòa", "khỏe", "thủy" and the new style "hoà", "khoẻ", "thuỷ" (oa, oe, uy without a final
 * consonant), or "qúy" for "quý" — give the same result; the tone itself and every letter must
 * still agree. A word with no tone, or with more than one (not a Vietnamese syllable), is
 * returned unchanged, so it only equals itself.
 */
export function toneNeutral(word: string): string {
  const decomposed = word.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS) ?? [];
  if (tones.length !== 1) return word.normalize('NFC');
  // NUL cannot occur in a name (the text validator refuses control characters), so the joined
  // form never equals a real word.
  return `${decomposed.replace(TONE_MARKS, '').normalize('NFC')}\u0000${tones[0]}`;
}
