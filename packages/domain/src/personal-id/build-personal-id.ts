import { CommonErrors, MotlanError } from '@motlan/errors';
import { isSex, type Sex } from '../codes/sex.ts';
import { parseIsoDate } from '../dates/iso-date.ts';
import { DomainErrors } from '../errors.ts';
import { encodeCenturySex, FIRST_ENCODABLE_YEAR, LAST_ENCODABLE_YEAR } from './century-sex.ts';
import { isCountryCode } from './country-codes.ts';
import { isProvinceCode } from './province-codes.ts';

/** Where the birth was registered: a province of Viet Nam, or a country abroad. */
export type RegistrationPlace =
  | { /** Three digits from PROVINCE_CODES, e.g. `001`. */ provinceCode: string; countryCode?: undefined }
  | { /** Three digits, 100–999 (see `isCountryCode`). */ countryCode: string; provinceCode?: undefined };

export type PersonalIdParts = RegistrationPlace & {
  /** `YYYY-MM-DD`, year 1900–2399. */
  dateOfBirth: string;
  sex: Sex;
  /** The six random digits: 0–999999, or a string of six digits. */
  serial: number | string;
};

/** Builds the personal ID that `validatePersonalId` accepts for these parts (for tests and simulators). */
export function personalIdFor(parts: PersonalIdParts): string {
  const place = registrationCode(parts);
  const date = parseIsoDate(parts.dateOfBirth);
  if (date === undefined) {
    throw new MotlanError(
      DomainErrors.dateInvalid,
      'Date of birth must be a calendar date in the form YYYY-MM-DD',
      {
        field: 'dateOfBirth',
      },
    );
  }
  if (date.year < FIRST_ENCODABLE_YEAR || date.year > LAST_ENCODABLE_YEAR) {
    throw new MotlanError(
      DomainErrors.personalIdCentury,
      `A personal ID can only encode birth years ${FIRST_ENCODABLE_YEAR}–${LAST_ENCODABLE_YEAR}, got ${date.year}`,
      { field: 'dateOfBirth' },
    );
  }
  if (!isSex(parts.sex)) {
    throw new MotlanError(DomainErrors.sexInvalid, "Sex must be 'male' or 'female'", { field: 'sex' });
  }
  const serial = serialDigits(parts.serial);
  const year = String(date.year % 100).padStart(2, '0');
  return `${place}${encodeCenturySex(date.year, parts.sex)}${year}${serial}`;
}

function registrationCode(parts: RegistrationPlace): string {
  if (parts.countryCode !== undefined) {
    if (isCountryCode(parts.countryCode)) return parts.countryCode;
    throw new MotlanError(
      DomainErrors.personalIdProvince,
      `${String(parts.countryCode)} is not a country code (three digits, 100–999)`,
      { field: 'countryCode' },
    );
  }
  if (isProvinceCode(parts.provinceCode)) return parts.provinceCode;
  throw new MotlanError(
    DomainErrors.personalIdProvince,
    `${String(parts.provinceCode)} is not a province code (see PROVINCE_CODES)`,
    { field: 'provinceCode' },
  );
}

function serialDigits(serial: number | string): string {
  if (typeof serial === 'number' && Number.isInteger(serial) && serial >= 0 && serial <= 999_999) {
    return String(serial).padStart(6, '0');
  }
  if (typeof serial === 'string' && /^[0-9]{6}$/.test(serial)) return serial;
  throw new MotlanError(
    CommonErrors.validation,
    'Serial must be an integer 0–999999 or a string of six digits',
    {
      field: 'serial',
    },
  );
}
