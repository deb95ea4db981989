/**
 * Personal data never reaches a log line. Two nets: known field names are censored wherever
 * they sit (up to three levels deep), and anything shaped like a 12-digit personal ID or a
 * military person code (QN + 13 letters or digits, @motlan/domain) is masked inside free text
 * such as messages and URLs.
 */
export const PERSONAL_FIELDS = [
  'personalId',
  'personal_id',
  'subjectId',
  'fullName',
  'full_name',
  'familyName',
  'middleName',
  'givenName',
  'dateOfBirth',
  'date_of_birth',
  'address',
  'addresses',
  'permanentAddress',
  'currentAddress',
  'phone',
  'email',
  'claims',
  'value',
  'valueJson',
  'SoDinhDanh',
  'HoVaTen',
  'NgayThangNamSinh',
  'ThuongTru',
  'NoiOHienTai',
  'QueQuan',
  'militaryCode',
  'MaDinhDanhQuanNhan',
  'NgaySinh',
] as const;

export const CENSOR = '[REDACTED]';

export function redactionPaths(fields: readonly string[] = PERSONAL_FIELDS): string[] {
  const prefixes = ['', '*.', '*.*.', '*.*.*.'];
  return prefixes.flatMap((prefix) => fields.map((field) => prefix + field));
}

const PERSONAL_ID_PATTERN = /(?<!\d)\d{12}(?!\d)/g;
const MILITARY_CODE_PATTERN = /(?<![0-9A-Za-z])QN[0-9A-Z]{13}(?![0-9A-Za-z])/g;

/** Masks personal IDs (first three digits kept: the province) and military person codes (prefix kept). */
export function maskPersonalIds(text: string): string {
  // Codes first: their last twelve characters can be twelve digits.
  return text
    .replace(MILITARY_CODE_PATTERN, () => `QN${'*'.repeat(13)}`)
    .replace(PERSONAL_ID_PATTERN, (id) => `${id.slice(0, 3)}*********`);
}
