import { MotlanError } from '@motlan/errors';
import { DomainErrors } from '../errors.ts';
import { militaryCheckCharacter } from './check-character.ts';
import { isMilitaryIssuingUnit } from './issuing-units.ts';
import {
  FIRST_MILITARY_REGISTRATION_YEAR,
  LAST_MILITARY_REGISTRATION_YEAR,
  MILITARY_CODE_PREFIX,
} from './validate-military-code.ts';

export interface MilitaryCodeParts {
  /** Two characters from MILITARY_ISSUING_UNITS, e.g. `K1`. */
  issuingUnit: string;
  /** Year of first registration for military service, 1945–2099. */
  registrationYear: number;
  /** 1–999999, or a string of six digits other than `000000`. */
  serial: number | string;
}

/**
 * Builds the military person code that `validateMilitaryCode` accepts for these parts, check
 * character included (for simulators and tests). A bad part throws the code of the rule it
 * would break (MOTLAN_MILITARY_CODE_ISSUER, _YEAR, _SERIAL), `field` naming the part.
 */
export function militaryCodeFor(parts: MilitaryCodeParts): string {
  if (typeof parts.issuingUnit !== 'string' || !isMilitaryIssuingUnit(parts.issuingUnit)) {
    throw new MotlanError(
      DomainErrors.militaryCodeIssuer,
      `${String(parts.issuingUnit)} is not an issuing unit (see MILITARY_ISSUING_UNITS)`,
      { field: 'issuingUnit' },
    );
  }
  const year = parts.registrationYear;
  if (
    !Number.isInteger(year) ||
    year < FIRST_MILITARY_REGISTRATION_YEAR ||
    year > LAST_MILITARY_REGISTRATION_YEAR
  ) {
    throw new MotlanError(
      DomainErrors.militaryCodeYear,
      `Registration year must be an integer ${FIRST_MILITARY_REGISTRATION_YEAR}-${LAST_MILITARY_REGISTRATION_YEAR}`,
      { field: 'registrationYear' },
    );
  }
  const body = `${MILITARY_CODE_PREFIX}${parts.issuingUnit}${year}${serialDigits(parts.serial)}`;
  return body + militaryCheckCharacter(body);
}

function serialDigits(serial: number | string): string {
  if (typeof serial === 'number' && Number.isInteger(serial) && serial >= 1 && serial <= 999_999) {
    return String(serial).padStart(6, '0');
  }
  if (typeof serial === 'string' && /^[0-9]{6}$/.test(serial) && serial !== '000000') return serial;
  throw new MotlanError(
    DomainErrors.militaryCodeSerial,
    'Serial must be an integer 1-999999 or a string of six digits other than 000000',
    { field: 'serial' },
  );
}
