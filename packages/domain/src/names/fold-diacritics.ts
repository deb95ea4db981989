const COMBINING_MARK = /\p{M}/u;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Vietnamese text without its diacritics: tone marks and vowel marks stripped (ễ → e, ư → u),
 * đ → d and Đ → D (đ is a letter of its own, not d plus a combining mark, so NFD alone misses it).
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** True when the text carries any diacritic, đ/Đ included. */
export function hasDiacritics(text: string): boolean {
  return COMBINING_MARK.test(text.normalize('NFD')) || /[đĐ]/.test(text);
}
