import { validateMilitaryCode, validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { MilitaryErrors } from '../errors.ts';
import type { Claims } from './verify-claims.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The fact each claimable attribute is checked against (what the access policy must grant): a
 * claimed code or ID against the link the personnel system keeps between them.
 */
const CLAIM_FACT_TYPES = {
  fullName: 'identity.full_name',
  dateOfBirth: 'identity.date_of_birth',
  militaryCode: 'military.person_code',
  personalId: 'military.person_code',
} as const;

export function claimedFactTypes(claims: Claims): string[] {
  const types = (Object.keys(CLAIM_FACT_TYPES) as (keyof Claims)[])
    .filter((attribute) => claims[attribute] !== undefined)
    .map((attribute) => CLAIM_FACT_TYPES[attribute]);
  return [...new Set(types)];
}

/**
 * Claims are input: at least one is needed; a malformed name, date, code or ID is a typed 400
 * naming the field, before anyone is asked.
 */
export function checkClaims(raw: Claims, field = 'claims'): Claims {
  const claims: Claims = {};
  if (raw.fullName) {
    if (raw.fullName.trim().length === 0 || raw.fullName.length > 200) {
      throw new MotlanError(CommonErrors.validation, `${field}.fullName must be 1–200 characters`, {
        field: `${field}.fullName`,
      });
    }
    claims.fullName = raw.fullName; // its text was checked at the edge (NFC, no control characters)
  }
  if (raw.dateOfBirth) {
    const date = new Date(`${raw.dateOfBirth}T00:00:00Z`);
    if (
      !ISO_DATE.test(raw.dateOfBirth) ||
      Number.isNaN(date.getTime()) ||
      date.toISOString().slice(0, 10) !== raw.dateOfBirth
    ) {
      throw new MotlanError(
        CommonErrors.validation,
        `${field}.dateOfBirth must be a real date as YYYY-MM-DD`,
        {
          field: `${field}.dateOfBirth`,
        },
      );
    }
    claims.dateOfBirth = raw.dateOfBirth;
  }
  if (raw.militaryCode) {
    validateMilitaryCode(raw.militaryCode, `${field}.militaryCode`);
    claims.militaryCode = raw.militaryCode;
  }
  if (raw.personalId) {
    validatePersonalId(raw.personalId, undefined, `${field}.personalId`);
    claims.personalId = raw.personalId;
  }
  if (Object.keys(claims).length === 0) {
    throw new MotlanError(
      MilitaryErrors.claimsMissing,
      `${field} must include fullName, dateOfBirth, militaryCode or personalId`,
      { field },
    );
  }
  return claims;
}
