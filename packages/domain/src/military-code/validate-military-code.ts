import { isMotlanError, MotlanError } from '@motlan/errors';
import { DomainErrors } from '../errors.ts';
import { militaryCheckCharacter } from './check-character.ts';
import { MILITARY_ISSUING_UNITS } from './issuing-units.ts';

export const MILITARY_CODE_LENGTH = 15;
export const MILITARY_CODE_PREFIX = 'QN';
/** The earliest and latest first-registration year a code can carry. */
export const FIRST_MILITARY_REGISTRATION_YEAR = 1945;
export const LAST_MILITARY_REGISTRATION_YEAR = 2099;

/** What the 15 characters of a military person code say. */
export interface MilitaryCodeInfo {
  /** Two characters from MILITARY_ISSUING_UNITS, e.g. `K1`. */
  issuingUnit: string;
  issuingUnitName: string;
  /** The year the person was first registered for military service (normally the year they turn 17). */
  registrationYear: number;
  /** Six digits, `000001`–`999999`, unique per issuing unit and year. */
  serial: string;
  /** ISO/IEC 7064 MOD 37-36 over the first 14 characters. */
  checkCharacter: string;
}

/**
 * Checks a military person code (mã định danh quân nhân), Motlan's working format while the
 * Ministry of National Defence designs its own (packages/domain/README.md):
 *
 *   QN K1 2024 000123 6
 *   │  │  │    │      └ check character: ISO/IEC 7064 MOD 37-36 over the 14 characters before it
 *   │  │  │    └ serial: 6 digits, 000001–999999, per issuing unit and year
 *   │  │  └ year of first registration for military service, 1945–2099
 *   │  └ issuing unit: 2 characters from MILITARY_ISSUING_UNITS (TD, K1…K9, HQ, PK, BP, CS, BQ)
 *   └ prefix QN (quân nhân)
 *
 * 15 characters, upper-case letters A–Z and digits only (no separators; lower case is refused,
 * not folded, so one person has one spelling). The rules are checked in this order and each
 * failure throws a MotlanError (HTTP 400 / gRPC INVALID_ARGUMENT) with its own code:
 * MOTLAN_MILITARY_CODE_LENGTH, _CHARACTERS, _PREFIX, _ISSUER, _YEAR, _SERIAL, _CHECK; `field` is
 * `field`. Messages never repeat the code itself.
 */
export function validateMilitaryCode(code: string, field = 'militaryCode'): MilitaryCodeInfo {
  if (typeof code !== 'string') {
    throw new MotlanError(
      DomainErrors.militaryCodeCharacters,
      `Military person code must be a string of ${MILITARY_CODE_LENGTH} characters, got ${code === null ? 'null' : typeof code}`,
      { field },
    );
  }
  const length = [...code].length;
  if (length !== MILITARY_CODE_LENGTH) {
    throw new MotlanError(
      DomainErrors.militaryCodeLength,
      `Military person code must be ${MILITARY_CODE_LENGTH} characters, got ${length}`,
      { field },
    );
  }
  const bad = code.search(/[^0-9A-Z]/);
  if (bad !== -1) {
    throw new MotlanError(
      DomainErrors.militaryCodeCharacters,
      `Military person code must contain only upper-case letters A-Z and digits 0-9, found another character at position ${bad + 1}`,
      { field },
    );
  }
  if (!code.startsWith(MILITARY_CODE_PREFIX)) {
    throw new MotlanError(
      DomainErrors.militaryCodePrefix,
      `Military person code must start with ${MILITARY_CODE_PREFIX}`,
      { field },
    );
  }
  const issuingUnit = code.slice(2, 4);
  const issuingUnitName = MILITARY_ISSUING_UNITS[issuingUnit];
  if (issuingUnitName === undefined) {
    throw new MotlanError(
      DomainErrors.militaryCodeIssuer,
      `Military person code characters 3-4 (${issuingUnit}) are not an issuing unit (see MILITARY_ISSUING_UNITS)`,
      { field },
    );
  }
  const yearText = code.slice(4, 8);
  const registrationYear = Number(yearText);
  if (
    !/^[0-9]{4}$/.test(yearText) ||
    registrationYear < FIRST_MILITARY_REGISTRATION_YEAR ||
    registrationYear > LAST_MILITARY_REGISTRATION_YEAR
  ) {
    throw new MotlanError(
      DomainErrors.militaryCodeYear,
      `Military person code characters 5-8 must be a registration year ${FIRST_MILITARY_REGISTRATION_YEAR}-${LAST_MILITARY_REGISTRATION_YEAR}`,
      { field },
    );
  }
  const serial = code.slice(8, 14);
  if (!/^[0-9]{6}$/.test(serial) || serial === '000000') {
    throw new MotlanError(
      DomainErrors.militaryCodeSerial,
      'Military person code characters 9-14 must be a serial of six digits, 000001-999999',
      { field },
    );
  }
  const checkCharacter = code.slice(14);
  const expected = militaryCheckCharacter(code.slice(0, 14));
  if (checkCharacter !== expected) {
    throw new MotlanError(
      DomainErrors.militaryCodeCheck,
      'Military person code check character (ISO/IEC 7064 MOD 37-36) does not match: a character is mistyped or two are swapped',
      { field },
    );
  }
  return { issuingUnit, issuingUnitName, registrationYear, serial, checkCharacter };
}

/** True when `validateMilitaryCode` would accept the code. */
export function isValidMilitaryCode(code: string): boolean {
  try {
    validateMilitaryCode(code);
    return true;
  } catch (error) {
    if (isMotlanError(error)) return false;
    throw error;
  }
}
