/**
 * Personal data never reaches a log line. Two nets: known field names are censored wherever
 * they sit (up to three levels deep), and anything shaped like a 12-digit personal ID is masked
 * inside free text such as messages and URLs.
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
] as const;

export const CENSOR = '[REDACTED]';

export function redactionPaths(fields: readonly string[] = PERSONAL_FIELDS): string[] {
  const prefixes = ['', '*.', '*.*.', '*.*.*.'];
  return prefixes.flatMap((prefix) => fields.map((field) => prefix + field));
}

const PERSONAL_ID_PATTERN = /(?<!\d)\d{12}(?!\d)/g;

export function maskPersonalIds(text: string): string {
  return text.replace(PERSONAL_ID_PATTERN, (id) => `${id.slice(0, 3)}*********`);
}
