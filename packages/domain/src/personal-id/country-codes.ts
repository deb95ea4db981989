/**
 * Codes of the country where a citizen's birth was registered abroad, in the same first three
 * digits of a personal ID that otherwise hold a province code (Decree 137/2015/NĐ-CP Art. 13:
 * "mã tỉnh, thành phố trực thuộc trung ương hoặc mã quốc gia nơi công dân đăng ký khai sinh";
 * Circular 07/2016/TT-BCA Art. 7 and its appendix of country codes).
 *
 * Assumption, stated because the appendix's list was not available to us: the country codes are
 * assigned outside the province codes' block — provinces hold 001–096 (with gaps) and the block
 * runs to 099 — so every three-digit code from 100 to 999 is read as a country code, without
 * checking it against the list. A code in 000–099 that is not a province stays an error. When the
 * list is at hand, `isCountryCode` is the one place to narrow.
 */
export const FIRST_COUNTRY_CODE = 100;
export const LAST_COUNTRY_CODE = 999;

/** True for three digits in the country-code range (see the assumption above). */
export function isCountryCode(code: string): boolean {
  if (!/^[0-9]{3}$/.test(code)) return false;
  const n = Number(code);
  return n >= FIRST_COUNTRY_CODE && n <= LAST_COUNTRY_CODE;
}
