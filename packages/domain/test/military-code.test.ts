import { GrpcCode } from '@motlan/errors';
import { describe, expect, it } from 'vitest';
import {
  isValidMilitaryCode,
  militaryCheckCharacter,
  militaryCodeFor,
  militaryIssuerForProvince,
  militaryIssuingUnitName,
  MILITARY_ISSUING_UNITS,
  validateMilitaryCode,
} from '../src/index.ts';
import { thrown } from './support.ts';

// Quân khu 1, first registered 2024, serial 000123; MOD 37-36 over "QNK12024000123" gives "6".
const CODE = 'QNK120240001236';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The code with its check character recomputed, so only the rule under test fails. */
const withCheck = (body: string) => body + militaryCheckCharacter(body);

describe('the check character (ISO/IEC 7064 MOD 37-36)', () => {
  it('matches the worked example of ISO/IEC 7064 (A12425GABC1234002 → M)', () => {
    expect(militaryCheckCharacter('A12425GABC1234002')).toBe('M');
    expect(militaryCheckCharacter('QNK12024000123')).toBe('6');
  });

  it('catches every single-character substitution of a valid code', () => {
    for (let position = 0; position < CODE.length; position += 1) {
      for (const character of ALPHABET) {
        if (character === CODE[position]) continue;
        const mistyped = CODE.slice(0, position) + character + CODE.slice(position + 1);
        expect(isValidMilitaryCode(mistyped), mistyped).toBe(false);
      }
    }
  });

  it('reports a mistyped serial digit as a check failure', () => {
    expect(thrown(() => validateMilitaryCode('QNK120240001246')).code).toBe('MOTLAN_MILITARY_CODE_CHECK');
  });

  it('catches every transposition of two adjacent different characters', () => {
    const codes = [CODE, militaryCodeFor({ issuingUnit: 'HQ', registrationYear: 1998, serial: 904_517 })];
    for (const code of codes) {
      for (let position = 0; position < code.length - 1; position += 1) {
        if (code[position] === code[position + 1]) continue;
        const swapped =
          code.slice(0, position) + code[position + 1]! + code[position]! + code.slice(position + 2);
        expect(isValidMilitaryCode(swapped), swapped).toBe(false);
      }
    }
    // Swapping the serial's 1 and 2: every other rule still holds, the check character catches it.
    expect(thrown(() => validateMilitaryCode('QNK120240002136')).code).toBe('MOTLAN_MILITARY_CODE_CHECK');
  });
});

describe('validateMilitaryCode', () => {
  it('reads issuing unit, registration year, serial and check character', () => {
    expect(validateMilitaryCode(CODE)).toEqual({
      issuingUnit: 'K1',
      issuingUnitName: 'Quân khu 1',
      registrationYear: 2024,
      serial: '000123',
      checkCharacter: '6',
    });
  });

  it('accepts a built code for every issuing unit', () => {
    for (const issuingUnit of Object.keys(MILITARY_ISSUING_UNITS)) {
      const code = militaryCodeFor({ issuingUnit, registrationYear: 2010, serial: 1 });
      expect(code).toHaveLength(15);
      expect(validateMilitaryCode(code).issuingUnitName).toBe(militaryIssuingUnitName(issuingUnit));
    }
  });

  it('every error is a 400 / INVALID_ARGUMENT that cannot be retried, on the named field', () => {
    const error = thrown(() => validateMilitaryCode('QN'));
    expect(error).toMatchObject({ httpStatus: 400, grpcCode: GrpcCode.INVALID_ARGUMENT, canRetry: false });
    expect(error.field).toBe('militaryCode');
    expect(thrown(() => validateMilitaryCode('QN', 'body.MaDinhDanhQuanNhan')).field).toBe(
      'body.MaDinhDanhQuanNhan',
    );
  });

  it.each([
    ['too short', 'QNK12024000123', 'MOTLAN_MILITARY_CODE_LENGTH'],
    ['too long', `${CODE}0`, 'MOTLAN_MILITARY_CODE_LENGTH'],
    ['empty', '', 'MOTLAN_MILITARY_CODE_LENGTH'],
    ['lower case', CODE.toLowerCase(), 'MOTLAN_MILITARY_CODE_CHARACTERS'],
    ['a separator', 'QN-K12024001236', 'MOTLAN_MILITARY_CODE_CHARACTERS'],
    ['a Vietnamese letter', 'QNĐ120240001236', 'MOTLAN_MILITARY_CODE_CHARACTERS'],
    ['another prefix', withCheck('QXK12024000123'), 'MOTLAN_MILITARY_CODE_PREFIX'],
    ['an unknown issuing unit', withCheck('QNK62024000123'), 'MOTLAN_MILITARY_CODE_ISSUER'],
    ['letters in the year', withCheck('QNK120A4000123'), 'MOTLAN_MILITARY_CODE_YEAR'],
    ['a year before 1945', withCheck('QNK11944000123'), 'MOTLAN_MILITARY_CODE_YEAR'],
    ['a year after 2099', withCheck('QNK12100000123'), 'MOTLAN_MILITARY_CODE_YEAR'],
    ['letters in the serial', withCheck('QNK12024A00123'), 'MOTLAN_MILITARY_CODE_SERIAL'],
    ['serial zero', withCheck('QNK12024000000'), 'MOTLAN_MILITARY_CODE_SERIAL'],
    ['a wrong check character', 'QNK12024000123X', 'MOTLAN_MILITARY_CODE_CHECK'],
  ])('refuses %s with its own code', (_what, code, expected) => {
    const error = thrown(() => validateMilitaryCode(code));
    expect(error.code).toBe(expected);
    expect(error.message).not.toContain(code.length > 0 ? code : '\u0000');
    expect(isValidMilitaryCode(code)).toBe(false);
  });

  it('refuses what is not a string as a character error', () => {
    expect(thrown(() => validateMilitaryCode(123 as unknown as string)).code).toBe(
      'MOTLAN_MILITARY_CODE_CHARACTERS',
    );
  });
});

describe('militaryCodeFor', () => {
  it('builds the code from its parts, check character included', () => {
    expect(militaryCodeFor({ issuingUnit: 'K1', registrationYear: 2024, serial: 123 })).toBe(CODE);
    expect(militaryCodeFor({ issuingUnit: 'K1', registrationYear: 2024, serial: '000123' })).toBe(CODE);
  });

  it.each([
    [{ issuingUnit: 'K8', registrationYear: 2024, serial: 1 }, 'MOTLAN_MILITARY_CODE_ISSUER', 'issuingUnit'],
    [
      { issuingUnit: 'K1', registrationYear: 1900, serial: 1 },
      'MOTLAN_MILITARY_CODE_YEAR',
      'registrationYear',
    ],
    [
      { issuingUnit: 'K1', registrationYear: 2024.5, serial: 1 },
      'MOTLAN_MILITARY_CODE_YEAR',
      'registrationYear',
    ],
    [{ issuingUnit: 'K1', registrationYear: 2024, serial: 0 }, 'MOTLAN_MILITARY_CODE_SERIAL', 'serial'],
    [
      { issuingUnit: 'K1', registrationYear: 2024, serial: 1_000_000 },
      'MOTLAN_MILITARY_CODE_SERIAL',
      'serial',
    ],
    [{ issuingUnit: 'K1', registrationYear: 2024, serial: '12345' }, 'MOTLAN_MILITARY_CODE_SERIAL', 'serial'],
  ])('refuses bad parts %j', (parts, code, field) => {
    const error = thrown(() => militaryCodeFor(parts));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });
});

describe('militaryIssuerForProvince', () => {
  it('names the Capital Command for Hà Nội, the military region for other provinces, BQ when unknown', () => {
    expect(militaryIssuerForProvince('01')).toBe('TD');
    expect(militaryIssuerForProvince('27')).toBe('K1');
    expect(militaryIssuerForProvince('79')).toBe('K7');
    expect(militaryIssuerForProvince('96')).toBe('K9');
    expect(militaryIssuerForProvince('99')).toBe('BQ');
    // Every issuer it names is a known issuing unit, so the codes it leads to validate.
    for (let code = 0; code < 100; code += 1) {
      const issuer = militaryIssuerForProvince(String(code).padStart(2, '0'));
      expect(MILITARY_ISSUING_UNITS[issuer]).toBeDefined();
      expect(
        isValidMilitaryCode(militaryCodeFor({ issuingUnit: issuer, registrationYear: 2026, serial: 1 })),
      ).toBe(true);
    }
  });
});
