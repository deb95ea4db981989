/**
 * Punctuation inside a name: hyphens (Y-Moan, and their look-alikes ‐ ‑ – — −), apostrophes
 * (H'Hen, with ’ ‘ ʼ ʻ ` ´ ′), dots, commas and the like — Unicode punctuation, modifier symbols
 * and the modifier-letter apostrophes. In matching they separate words like a space does.
 */
const NAME_PUNCTUATION = /^[\p{P}\p{Sk}\u02B9-\u02BC\u2032\u2212]$/u;

export function isNamePunctuation(char: string): boolean {
  return NAME_PUNCTUATION.test(char);
}
