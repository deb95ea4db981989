import { GioiTinh } from './codes.ts';
import { yearOf } from './dates.ts';

/**
 * The 12-digit personal identification number (số định danh cá nhân): 3-digit code of the
 * province where the birth was registered (legacy 63-province codes, 001–096) — or, for a birth
 * registered abroad, of the country (Decree 137/2015/NĐ-CP Art. 13; Circular 07/2016/TT-BCA) —
 * + 1 digit for century and sex + 2 digits of the birth year + 6 random digits. There is no
 * check digit.
 */
export const PERSONAL_ID_PATTERN = /^\d{12}$/;

/** 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, ... (8/9 would be the 2300s). */
export function centurySexDigit(sex: GioiTinh, birthYear: number): number {
  const century = Math.floor((birthYear - 1900) / 100);
  return century * 2 + (sex === GioiTinh.nu ? 1 : 0);
}

/** The 3-digit ID prefix of a 2-digit province code ("01" → "001"). */
export function idProvincePrefix(provinceCode: string): string {
  return provinceCode.padStart(3, '0');
}

/**
 * Country codes of births registered abroad. The circular's list of countries was not available
 * to us; like `@motlan/domain` (its README, "Country codes — an assumption") the simulator reads
 * every code from 100 to 999 as a country, the provinces' block being 001–099.
 */
export const COUNTRY_CODE_PATTERN = /^[1-9]\d{2}$/;

/** True for a 3-digit code in the country block (100–999). */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODE_PATTERN.test(code);
}

/** The ID of a birth registered in a province (`provinceCode`: 2 digits, "01"). */
export function buildPersonalId(
  provinceCode: string,
  sex: GioiTinh,
  birthYmd: string,
  serial: number,
): string {
  return withRegistrationCode(idProvincePrefix(provinceCode), sex, birthYmd, serial);
}

/** The ID of a birth registered abroad (`countryCode`: 3 digits, 100–999, e.g. "232"). */
export function buildAbroadPersonalId(
  countryCode: string,
  sex: GioiTinh,
  birthYmd: string,
  serial: number,
): string {
  if (!isCountryCode(countryCode)) throw new RangeError(`${countryCode} is not a country code (100–999)`);
  return withRegistrationCode(countryCode, sex, birthYmd, serial);
}

function withRegistrationCode(code: string, sex: GioiTinh, birthYmd: string, serial: number): string {
  const year = yearOf(birthYmd);
  return (
    code +
    String(centurySexDigit(sex, year)) +
    String(year % 100).padStart(2, '0') +
    String(serial).padStart(6, '0')
  );
}

export interface PersonalIdFacts {
  /** 3-digit province prefixes that exist ("001" ... "096"); 100–999 are countries (`isCountryCode`). */
  provincePrefixes: ReadonlySet<string>;
  birthYmd?: string;
  sex?: GioiTinh;
}

/** Every reason the ID is not valid (for the facts given); empty when it is. */
export function personalIdProblems(id: string, facts: PersonalIdFacts): string[] {
  if (!PERSONAL_ID_PATTERN.test(id)) {
    return [id.length === 12 ? 'must contain digits only' : `must have 12 digits, has ${id.length}`];
  }
  const problems: string[] = [];
  const prefix = id.slice(0, 3);
  if (!facts.provincePrefixes.has(prefix) && !isCountryCode(prefix)) {
    problems.push(`unknown province code ${prefix}`);
  }
  const digit = Number(id[3]);
  if (facts.birthYmd !== undefined) {
    const year = yearOf(facts.birthYmd);
    const expectedCentury = Math.floor((year - 1900) / 100);
    if (Math.floor(digit / 2) !== expectedCentury) {
      problems.push(`century digit ${digit} contradicts the birth year ${year}`);
    }
    if (id.slice(4, 6) !== String(year % 100).padStart(2, '0')) {
      problems.push(`year digits ${id.slice(4, 6)} contradict the birth year ${year}`);
    }
  }
  if (facts.sex !== undefined && (digit % 2 === 1) !== (facts.sex === GioiTinh.nu)) {
    problems.push(`sex digit ${digit} contradicts the recorded sex`);
  }
  return problems;
}
