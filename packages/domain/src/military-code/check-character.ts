import { Mod37_36 } from '@konfirm/iso7064';

/**
 * The check character of a military person code: ISO/IEC 7064 MOD 37-36 (the hybrid system
 * over 0–9 A–Z, one check character from the same alphabet), computed over the 14 characters
 * before it. MOD 37-36 detects every single-character substitution and every transposition of
 * two adjacent characters. The arithmetic is @konfirm/iso7064's; its `validate` and `checksum`
 * first drop characters outside the alphabet and fold case, so callers check the characters
 * themselves first (validateMilitaryCode does).
 */
export function militaryCheckCharacter(body: string): string {
  return Mod37_36.checksum(body);
}
