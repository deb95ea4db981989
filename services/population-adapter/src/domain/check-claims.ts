import { validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Claims } from './verify-claims.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Claims are input: a malformed date or sex is a typed 400, and a date of birth the personal ID
 * itself contradicts (century/sex digit, year) is rejected before anyone is asked.
 */
export function checkClaims(
  raw: { fullName?: string; dateOfBirth?: string; sex?: string },
  personalId: string,
): Claims {
  const claims: Claims = {};
  if (raw.fullName) {
    if (raw.fullName.trim().length === 0 || raw.fullName.length > 200) {
      throw new MotlanError(CommonErrors.validation, 'claims.fullName must be 1–200 characters', {
        field: 'claims.fullName',
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
      throw new MotlanError(CommonErrors.validation, 'claims.dateOfBirth must be a real date as YYYY-MM-DD', {
        field: 'claims.dateOfBirth',
      });
    }
    claims.dateOfBirth = raw.dateOfBirth;
  }
  if (raw.sex) {
    if (raw.sex !== 'male' && raw.sex !== 'female') {
      throw new MotlanError(CommonErrors.validation, 'claims.sex must be "male" or "female"', {
        field: 'claims.sex',
      });
    }
    claims.sex = raw.sex;
  }
  validatePersonalId(personalId, {
    ...(claims.dateOfBirth ? { dateOfBirth: claims.dateOfBirth } : {}),
    ...(claims.sex ? { sex: claims.sex as 'male' | 'female' } : {}),
  });
  return claims;
}
