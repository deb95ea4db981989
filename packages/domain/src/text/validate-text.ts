import { MotlanError, type ErrorDefinition } from '@motlan/errors';
import { DomainErrors } from '../errors.ts';

/** What a text may hold beyond printable characters. */
export interface TextRules {
  /**
   * Whether TAB, LF and CR may appear: on for free text a person writes over several lines
   * (reasons, comments, notes), off for single-line text (names, codes, address lines and every
   * string of a fact value). Every other control character is refused either way.
   */
  lineBreaks?: boolean;
}

// Everything a text may not hold, found in one pass: controls (Cc: C0 incl. U+0000 and BEL, DEL,
// C1), invisible format characters (Cf: ZWSP, ZWNJ, ZWJ, bidi embeddings/overrides/isolates, BOM,
// soft hyphen, ...), the line and paragraph separators (Zl, Zp), noncharacters (U+FDD0–FDEF and
// U+xxFFFE/FFFF) and, because the u flag reads a lone surrogate as a code point of its own,
// unpaired UTF-16 surrogates (Cs). PostgreSQL refuses U+0000 in text and jsonb; the rest is
// invisible or ambiguous to a person reading the record, so the same string could show as
// another (a name with a right-to-left override reads backwards).
const REFUSED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\p{Cs}]/u;
const REFUSED_ALL = new RegExp(REFUSED.source, 'gu');
const LINE_BREAKS = new Set(['\t', '\n', '\r']);

/**
 * Text as the mesh keeps it: refused if it holds a character of the classes above, otherwise
 * returned composed to Unicode NFC (a name typed in NFD is stored and compared as its NFC form).
 * Throws MOTLAN_TEXT_CONTROL_CHARACTER, MOTLAN_TEXT_INVISIBLE_CHARACTER, MOTLAN_TEXT_NONCHARACTER
 * or MOTLAN_TEXT_UNPAIRED_SURROGATE (400 / INVALID_ARGUMENT) with `field` set to `field`; the
 * message names the code point and its position (1-based, in UTF-16 units), never the text, which
 * may be personal data. Source of the classes: Unicode general categories (UAX #44).
 */
export function validateText(text: string, field: string, rules: TextRules = {}): string {
  if (REFUSED.test(text)) {
    for (const match of text.matchAll(REFUSED_ALL)) {
      const character = match[0];
      if (rules.lineBreaks === true && LINE_BREAKS.has(character)) continue;
      refuse(character, match.index, field);
    }
  }
  return text.normalize('NFC');
}

function refuse(character: string, index: number, field: string): never {
  const point = character.codePointAt(0)!;
  const [definition, what] = classify(character, point);
  const hex = point.toString(16).toUpperCase().padStart(4, '0');
  throw new MotlanError(
    definition,
    `${field === '' ? 'The text' : field} contains ${what} (U+${hex}) at character ${index + 1}`,
    { field: field === '' ? undefined : field, meta: { codePoint: `U+${hex}` } },
  );
}

function classify(character: string, point: number): [ErrorDefinition, string] {
  if (point >= 0xd800 && point <= 0xdfff)
    return [DomainErrors.textUnpairedSurrogate, 'an unpaired surrogate'];
  if (/\p{Noncharacter_Code_Point}/u.test(character))
    return [DomainErrors.textNoncharacter, 'a noncharacter'];
  if (/\p{Cf}/u.test(character))
    return [DomainErrors.textInvisibleCharacter, 'an invisible format character'];
  if (/[\p{Zl}\p{Zp}]/u.test(character))
    return [DomainErrors.textControlCharacter, 'a line or paragraph separator'];
  return [DomainErrors.textControlCharacter, 'a control character'];
}
