import { isMotlanError, MotlanError } from '@motlan/errors';
import { isSex, type Sex } from '../codes/sex.ts';
import { parseIsoDate } from '../dates/iso-date.ts';
import { DomainErrors } from '../errors.ts';
import { decodeCenturySex } from './century-sex.ts';
import { isCountryCode } from './country-codes.ts';
import { PROVINCE_CODES } from './province-codes.ts';

export const PERSONAL_ID_LENGTH = 12;

/** What the caller says about the person; the ID's digits must not contradict it. */
export interface PersonalIdClaims {
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  sex?: Sex;
}

/** Options of the check itself, not claims about the person. */
export interface PersonalIdCheckOptions {
  /** The instant "now" for the future-birth-year rule; the current time when omitted. */
  now?: Date;
}

interface PersonalIdDigits {
  /** The first three digits as written: a province code or a country code. */
  registrationCode: string;
  /** First year of the birth century, e.g. 1900. */
  century: number;
  sex: Sex;
  birthYear: number;
}

/** A birth registered in a province of Viet Nam: digits 1–3 are its code (Circular 07/2016/TT-BCA, Appendix I). */
export interface ProvinceRegisteredId extends PersonalIdDigits {
  registeredIn: 'province';
  /** Three digits, e.g. `001`. */
  provinceCode: string;
  /** The province of birth registration as it was named when the code was assigned. */
  provinceName: string;
}

/** A birth registered abroad: digits 1–3 are the country's code (see `isCountryCode`). */
export interface AbroadRegisteredId extends PersonalIdDigits {
  registeredIn: 'abroad';
  /** Three digits, 100–999. */
  countryCode: string;
}

/** What the 12 digits say about the person; `registeredIn` says which kind of code leads it. */
export type PersonalIdInfo = ProvinceRegisteredId | AbroadRegisteredId;

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/**
 * Checks a personal identification number (số định danh cá nhân, Decree 137/2015/NĐ-CP Art. 13):
 * 3-digit code of the province — or, for a birth registered abroad, the country — where the birth
 * was registered, 1 century/sex digit, 2 birth-year digits, 6 random digits. The century and
 * year digits may not encode a year after the current one (in Viet Nam, UTC+7). There is no
 * check digit, so the strongest test is agreement with what else is known about the person: pass
 * the claimed date of birth and sex to have them checked too. Throws a MotlanError whose code
 * names the rule that failed and whose `field` is `field`. Messages never repeat the ID itself.
 */
export function validatePersonalId(
  id: string,
  claims: PersonalIdClaims = {},
  field = 'personalId',
  options: PersonalIdCheckOptions = {},
): PersonalIdInfo {
  if (typeof id !== 'string') {
    throw new MotlanError(
      DomainErrors.personalIdNotDigits,
      `Personal ID must be a string of ${PERSONAL_ID_LENGTH} digits, got ${id === null ? 'null' : typeof id}`,
      { field },
    );
  }
  const length = [...id].length;
  if (length !== PERSONAL_ID_LENGTH) {
    throw new MotlanError(
      DomainErrors.personalIdLength,
      `Personal ID must be ${PERSONAL_ID_LENGTH} digits, got ${length}`,
      { field },
    );
  }
  const nonDigit = id.search(/[^0-9]/);
  if (nonDigit !== -1) {
    throw new MotlanError(
      DomainErrors.personalIdNotDigits,
      `Personal ID must contain only the digits 0-9, found another character at position ${nonDigit + 1}`,
      { field },
    );
  }

  const registrationCode = id.slice(0, 3);
  const provinceName = PROVINCE_CODES[registrationCode];
  const abroad = provinceName === undefined && isCountryCode(registrationCode);
  if (provinceName === undefined && !abroad) {
    throw new MotlanError(
      DomainErrors.personalIdProvince,
      `Personal ID starts with ${registrationCode}, which is neither a province code (Circular 07/2016/TT-BCA assigns 001–096, not every number between) nor a country code (100–999)`,
      { field },
    );
  }

  const digit = Number(id[3]);
  const { century, sex } = decodeCenturySex(digit);
  const yearDigits = id.slice(4, 6);
  const birthYear = century + Number(yearDigits);
  const currentYear = new Date((options.now ?? new Date()).getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
  if (birthYear > currentYear) {
    throw new MotlanError(
      DomainErrors.personalIdFutureBirthYear,
      `Personal ID century/sex digit ${digit} and birth-year digits ${yearDigits} mean born in ${birthYear}, after the current year ${currentYear}`,
      { field },
    );
  }

  if (claims.dateOfBirth !== undefined) {
    const claimed = parseIsoDate(claims.dateOfBirth);
    if (claimed === undefined) {
      throw new MotlanError(
        DomainErrors.dateInvalid,
        'Date of birth must be a calendar date in the form YYYY-MM-DD',
        { field: 'dateOfBirth' },
      );
    }
    const claimedCentury = Math.floor(claimed.year / 100) * 100;
    if (claimedCentury !== century) {
      throw new MotlanError(
        DomainErrors.personalIdCentury,
        `Personal ID century/sex digit ${digit} means born ${century}–${century + 99}, but the date of birth is ${claims.dateOfBirth}`,
        { field, meta: { contradicts: 'dateOfBirth' } },
      );
    }
    if (claimed.year !== birthYear) {
      throw new MotlanError(
        DomainErrors.personalIdYear,
        `Personal ID birth-year digits ${yearDigits} mean born in ${birthYear}, but the date of birth is ${claims.dateOfBirth}`,
        { field, meta: { contradicts: 'dateOfBirth' } },
      );
    }
  }

  if (claims.sex !== undefined) {
    if (!isSex(claims.sex)) {
      throw new MotlanError(DomainErrors.sexInvalid, "Sex must be 'male' or 'female'", { field: 'sex' });
    }
    if (claims.sex !== sex) {
      throw new MotlanError(
        DomainErrors.personalIdSex,
        `Personal ID century/sex digit ${digit} means ${sex}, but the stated sex is ${claims.sex}`,
        { field, meta: { contradicts: 'sex' } },
      );
    }
  }

  const digits = { registrationCode, century, sex, birthYear };
  return provinceName === undefined
    ? { registeredIn: 'abroad', countryCode: registrationCode, ...digits }
    : { registeredIn: 'province', provinceCode: registrationCode, provinceName, ...digits };
}

/** True when `validatePersonalId` would accept the ID (and the claims, when given). */
export function isValidPersonalId(
  id: string,
  claims?: PersonalIdClaims,
  options?: PersonalIdCheckOptions,
): boolean {
  try {
    validatePersonalId(id, claims, undefined, options);
    return true;
  } catch (error) {
    if (isMotlanError(error)) return false;
    throw error;
  }
}
