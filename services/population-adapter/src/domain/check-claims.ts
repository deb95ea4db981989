import { validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { PopulationErrors } from '../errors.ts';
import type { Claims } from './verify-claims.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fact each claimable attribute is checked against (what the access policy must grant). */
const CLAIM_FACT_TYPES = {
  fullName: 'identity.full_name',
  dateOfBirth: 'identity.date_of_birth',
  sex: 'identity.sex',
} as const;

export function claimedFactTypes(claims: Claims): string[] {
  return (Object.keys(CLAIM_FACT_TYPES) as (keyof Claims)[])
    .filter((attribute) => claims[attribute] !== undefined)
    .map((attribute) => CLAIM_FACT_TYPES[attribute]);
}

/**
 * Claims are input: at least one is needed, a malformed date or sex is a typed 400, and a date of
 * birth or sex the personal ID itself contradicts (century/sex digit, year) is rejected before
 * anyone is asked.
 */
export function checkClaims(
  raw: { fullName?: string; dateOfBirth?: string; sex?: string },
  personalId: string,
  field = 'claims',
): Claims {
  const claims: Claims = {};
  if (raw.fullName) {
    if (raw.fullName.trim().length === 0 || raw.fullName.length > 200) {
      throw new MotlanError(CommonErrors.validation, `${field}.fullName must be 1–200 characters`, {
        field: `${field}.fullName`,
      });
    }
    claims.fullName = raw.fullName;
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
  if (raw.sex) {
    if (raw.sex !== 'male' && raw.sex !== 'female') {
      throw new MotlanError(CommonErrors.validation, `${field}.sex must be "male" or "female"`, {
        field: `${field}.sex`,
      });
    }
    claims.sex = raw.sex;
  }
  if (!claims.fullName && !claims.dateOfBirth && !claims.sex) {
    throw new MotlanError(
      PopulationErrors.claimsMissing,
      `${field} must include fullName, dateOfBirth or sex`,
      { field },
    );
  }
  validatePersonalId(personalId, {
    ...(claims.dateOfBirth ? { dateOfBirth: claims.dateOfBirth } : {}),
    ...(claims.sex ? { sex: claims.sex as 'male' | 'female' } : {}),
  });
  return claims;
}
