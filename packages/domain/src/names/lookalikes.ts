import { isNamePunctuation } from './name-punctuation.ts';

/**
 * Letters drawn like Đ/đ that are not Đ/đ: Ð/ð (U+00D0/U+00F0, Icelandic eth) is what Vietnamese
 * text becomes when Windows-1258 bytes are read as Latin-1 (Đ and Ð share byte 0xD0, đ and ð
 * 0xF0), and what some keyboards and fonts offer for Đ; Ɖ/ɖ (U+0189/U+0256, African D) looks the
 * same. No Vietnamese name uses them as letters of their own, so reading them as Đ/đ cannot turn
 * one name into another.
 */
const D_LOOKALIKES: Readonly<Record<string, string>> = {
  '\u00d0': '\u0110',
  '\u0189': '\u0110',
  '\u00f0': '\u0111',
  '\u0256': '\u0111',
};

/**
 * The name with look-alike code points replaced by the Vietnamese letters they imitate: the Đ
 * look-alikes above, and compatibility forms of Latin letters and digits folded by NFKC
 * (fullwidth "Ｎｇｕｙễｎ" from East Asian input methods, ligatures, mathematical letters).
 * Whitespace and punctuation are left as they are: `matchName` judges them on their own.
 *
 * Letters of other scripts that merely look Latin — Cyrillic "А", "е", "о", Greek "Ο" — are
 * *not* folded: no Vietnamese keyboard or document conversion produces them, they are the stuff
 * of spoofing and of a wrong keyboard layout, and a name carrying one does not match (the caller
 * asks for the name again). This is a decision, not an oversight.
 */
export function foldLookalikes(text: string): string {
  let folded = '';
  for (const char of text.normalize('NFC')) {
    const d = D_LOOKALIKES[char];
    if (d !== undefined) folded += d;
    else if (/\s/u.test(char) || isNamePunctuation(char)) folded += char;
    else folded += char.normalize('NFKC');
  }
  return folded.normalize('NFC');
}
