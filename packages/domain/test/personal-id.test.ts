import { GrpcCode } from '@motlan/errors';
import { describe, expect, it } from 'vitest';
import {
  decodeCenturySex,
  encodeCenturySex,
  isCountryCode,
  isValidPersonalId,
  personalIdFor,
  PROVINCE_CODES,
  provinceName,
  validatePersonalId,
  type Sex,
} from '../src/index.ts';
import { thrown } from './support.ts';

// Hà Nội, century/sex digit 1 (1900s, female), born 1999, serial 012345.
const ID = '001199012345';

describe('validatePersonalId', () => {
  it('reads province, century, sex and birth year from a valid ID', () => {
    expect(validatePersonalId(ID)).toEqual({
      registeredIn: 'province',
      registrationCode: '001',
      provinceCode: '001',
      provinceName: 'Hà Nội',
      century: 1900,
      sex: 'female',
      birthYear: 1999,
    });
  });

  it('reads a birth registered abroad: a country code, not a province code, in digits 1–3', () => {
    expect(validatePersonalId('232199012345')).toEqual({
      registeredIn: 'abroad',
      registrationCode: '232',
      countryCode: '232',
      century: 1900,
      sex: 'female',
      birthYear: 1999,
    });
    for (const code of ['100', '400', '840', '999']) {
      const info = validatePersonalId(`${code}203000001`, { dateOfBirth: '2003-04-05', sex: 'male' });
      expect(info).toMatchObject({ registeredIn: 'abroad', countryCode: code, birthYear: 2003 });
    }
    expect(isCountryCode('100')).toBe(true);
    expect(isCountryCode('099')).toBe(false);
    expect(isCountryCode('001')).toBe(false);
    expect(isCountryCode('1000')).toBe(false);
  });

  it('refuses a birth year after the current year (in Viet Nam) with its own code', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const error = thrown(() => validatePersonalId('001240000001', {}, 'personalId', { now }));
    expect(error.code).toBe('MOTLAN_PERSONAL_ID_FUTURE_BIRTH_YEAR');
    expect(error.message).toBe(
      'Personal ID century/sex digit 2 and birth-year digits 40 mean born in 2040, after the current year 2026',
    );
    expect(error.field).toBe('personalId');
    expect(error).toMatchObject({ httpStatus: 400, grpcCode: GrpcCode.INVALID_ARGUMENT, canRetry: false });
    // The current year itself is fine, and so is the 2040 ID once 2040 has come.
    expect(validatePersonalId('001226000001', {}, 'personalId', { now }).birthYear).toBe(2026);
    expect(
      validatePersonalId('001240000001', {}, 'personalId', { now: new Date('2040-01-01T00:00:00Z') })
        .birthYear,
    ).toBe(2040);
    // Midnight of 1 January comes to Viet Nam seven hours before UTC.
    expect(isValidPersonalId('001227000001', {}, { now: new Date('2026-12-31T17:30:00Z') })).toBe(true);
    expect(isValidPersonalId('001227000001', {}, { now: new Date('2026-12-31T16:30:00Z') })).toBe(false);
    // Without a clock given, today's: 2040 is in the future for as long as this test suite lives.
    expect(thrown(() => validatePersonalId('001240000001')).code).toBe(
      'MOTLAN_PERSONAL_ID_FUTURE_BIRTH_YEAR',
    );
    // Abroad-registered IDs obey the same rule.
    expect(thrown(() => validatePersonalId('232240000001', {}, 'personalId', { now })).code).toBe(
      'MOTLAN_PERSONAL_ID_FUTURE_BIRTH_YEAR',
    );
  });

  it('accepts claims that agree with the digits', () => {
    expect(validatePersonalId(ID, { dateOfBirth: '1999-05-17', sex: 'female' }).birthYear).toBe(1999);
    expect(isValidPersonalId(ID, { dateOfBirth: '1999-12-31' })).toBe(true);
  });

  it.each([
    [0, 1900, 'male'],
    [1, 1900, 'female'],
    [2, 2000, 'male'],
    [3, 2000, 'female'],
    [4, 2100, 'male'],
    [5, 2100, 'female'],
    [6, 2200, 'male'],
    [7, 2200, 'female'],
    [8, 2300, 'male'],
    [9, 2300, 'female'],
  ] as const)('century/sex digit %i means born %i–, %s', (digit, century, sex) => {
    const id = `079${digit}05000001`;
    const options = { now: new Date('2399-12-31T00:00:00Z') }; // every century already begun
    const info = validatePersonalId(id, {}, 'personalId', options);
    expect(info).toMatchObject({ century, sex, birthYear: century + 5, provinceName: 'Hồ Chí Minh' });
    expect(
      validatePersonalId(id, { dateOfBirth: `${century + 5}-01-02`, sex }, 'personalId', options).century,
    ).toBe(century);
  });

  it('every error is a 400 / INVALID_ARGUMENT that cannot be retried, on the personalId field', () => {
    const error = thrown(() => validatePersonalId('123'));
    expect(error).toMatchObject({ httpStatus: 400, grpcCode: GrpcCode.INVALID_ARGUMENT, canRetry: false });
    expect(error.field).toBe('personalId');
  });

  it('lets the caller name the field', () => {
    expect(thrown(() => validatePersonalId('123', {}, 'body.citizen.personalId')).field).toBe(
      'body.citizen.personalId',
    );
  });

  describe('each rule has its own code and says what failed', () => {
    it('wrong length', () => {
      const short = thrown(() => validatePersonalId('00119901234'));
      expect(short.code).toBe('MOTLAN_PERSONAL_ID_LENGTH');
      expect(short.message).toBe('Personal ID must be 12 digits, got 11');
      expect(thrown(() => validatePersonalId('0011990123456')).message).toContain('got 13');
      expect(thrown(() => validatePersonalId('')).code).toBe('MOTLAN_PERSONAL_ID_LENGTH');
    });

    it('non-digits', () => {
      const letter = thrown(() => validatePersonalId('00119901234a'));
      expect(letter.code).toBe('MOTLAN_PERSONAL_ID_NOT_DIGITS');
      expect(letter.message).toContain('only the digits 0-9');
      expect(letter.message).toContain('position 12');
      expect(thrown(() => validatePersonalId('001 99012345')).code).toBe('MOTLAN_PERSONAL_ID_NOT_DIGITS');
      expect(thrown(() => validatePersonalId('００１１９９０１２３４５')).code).toBe(
        'MOTLAN_PERSONAL_ID_NOT_DIGITS',
      );
      expect(thrown(() => validatePersonalId(1199012345 as unknown as string)).code).toBe(
        'MOTLAN_PERSONAL_ID_NOT_DIGITS',
      );
    });

    it.each(['000', '003', '005', '097', '099'])('unknown province code %s', (code) => {
      const error = thrown(() => validatePersonalId(`${code}199012345`));
      expect(error.code).toBe('MOTLAN_PERSONAL_ID_PROVINCE');
      expect(error.message).toContain(`starts with ${code}, which is neither a province code`);
      expect(error.message).toContain('nor a country code (100–999)');
    });

    it('century digit that contradicts the date of birth', () => {
      const error = thrown(() => validatePersonalId('001201012345', { dateOfBirth: '1901-05-17' }));
      expect(error.code).toBe('MOTLAN_PERSONAL_ID_CENTURY');
      expect(error.message).toBe(
        'Personal ID century/sex digit 2 means born 2000–2099, but the date of birth is 1901-05-17',
      );
      expect(error.field).toBe('personalId');
      expect(error.meta).toEqual({ contradicts: 'dateOfBirth' });
    });

    it('year digits that contradict the date of birth', () => {
      const error = thrown(() => validatePersonalId(ID, { dateOfBirth: '1998-05-17' }));
      expect(error.code).toBe('MOTLAN_PERSONAL_ID_YEAR');
      expect(error.message).toBe(
        'Personal ID birth-year digits 99 mean born in 1999, but the date of birth is 1998-05-17',
      );
    });

    it('sex digit that contradicts the stated sex', () => {
      const error = thrown(() => validatePersonalId(ID, { sex: 'male' }));
      expect(error.code).toBe('MOTLAN_PERSONAL_ID_SEX');
      expect(error.message).toBe('Personal ID century/sex digit 1 means female, but the stated sex is male');
      expect(error.meta).toEqual({ contradicts: 'sex' });
    });

    it('a claimed date of birth that is not a date', () => {
      for (const date of ['17/05/1999', '1999-02-29', '1999-5-17', '']) {
        const error = thrown(() => validatePersonalId(ID, { dateOfBirth: date }));
        expect(error.code).toBe('MOTLAN_DATE_INVALID');
        expect(error.field).toBe('dateOfBirth');
      }
    });

    it('a claimed sex that is neither male nor female', () => {
      const error = thrown(() => validatePersonalId(ID, { sex: 'other' as Sex }));
      expect(error.code).toBe('MOTLAN_SEX_INVALID');
      expect(error.field).toBe('sex');
    });
  });

  it('checks the rules in order: length, digits, province, future year, century, year, sex', () => {
    expect(thrown(() => validatePersonalId('003240012345', { dateOfBirth: '1998-01-01' })).code).toBe(
      'MOTLAN_PERSONAL_ID_PROVINCE',
    );
    expect(
      thrown(() => validatePersonalId('001240012345', { dateOfBirth: '1998-01-01', sex: 'female' })).code,
    ).toBe('MOTLAN_PERSONAL_ID_FUTURE_BIRTH_YEAR');
    expect(thrown(() => validatePersonalId('abc')).code).toBe('MOTLAN_PERSONAL_ID_LENGTH');
    expect(thrown(() => validatePersonalId('00a199012345')).code).toBe('MOTLAN_PERSONAL_ID_NOT_DIGITS');
    expect(
      thrown(() => validatePersonalId('003299012345', { dateOfBirth: '1998-01-01', sex: 'male' })).code,
    ).toBe('MOTLAN_PERSONAL_ID_PROVINCE');
    expect(thrown(() => validatePersonalId(ID, { dateOfBirth: '2098-01-01', sex: 'male' })).code).toBe(
      'MOTLAN_PERSONAL_ID_CENTURY',
    );
    expect(thrown(() => validatePersonalId(ID, { dateOfBirth: '1998-01-01', sex: 'male' })).code).toBe(
      'MOTLAN_PERSONAL_ID_YEAR',
    );
  });

  it('never repeats the ID in a message', () => {
    const cases: [string, Parameters<typeof validatePersonalId>[1]][] = [
      ['0011990123456', {}],
      ['00119901234x', {}],
      ['003199012345', {}],
      ['001240012345', {}],
      [ID, { dateOfBirth: '2099-01-01' }],
      [ID, { dateOfBirth: '1998-01-01' }],
      [ID, { sex: 'male' }],
    ];
    for (const [id, claims] of cases) {
      expect(thrown(() => validatePersonalId(id, claims)).message).not.toContain(id.slice(3));
    }
  });

  it('isValidPersonalId answers false instead of throwing', () => {
    expect(isValidPersonalId('003199012345')).toBe(false);
    expect(isValidPersonalId(ID, { sex: 'male' })).toBe(false);
    expect(isValidPersonalId(ID)).toBe(true);
  });
});

describe('PROVINCE_CODES', () => {
  it('holds the 63 legacy codes of Circular 07/2016/TT-BCA, all three digits within 001–096', () => {
    const codes = Object.keys(PROVINCE_CODES);
    expect(codes).toHaveLength(63);
    for (const code of codes) {
      expect(code).toMatch(/^0\d\d$/);
      expect(Number(code)).toBeGreaterThanOrEqual(1);
      expect(Number(code)).toBeLessThanOrEqual(96);
    }
    expect(new Set(Object.values(PROVINCE_CODES)).size).toBe(63);
  });

  it('names the provinces as they were when the codes were assigned', () => {
    expect(provinceName('001')).toBe('Hà Nội');
    expect(provinceName('024')).toBe('Bắc Giang');
    expect(provinceName('079')).toBe('Hồ Chí Minh');
    expect(provinceName('096')).toBe('Cà Mau');
    expect(provinceName('003')).toBeUndefined();
    expect(provinceName('toString')).toBeUndefined();
  });
});

describe('personalIdFor', () => {
  it('builds an ID that validates back to the same parts', () => {
    const samples = [
      { provinceCode: '001', dateOfBirth: '1999-05-17', sex: 'female', serial: 12345 },
      { provinceCode: '079', dateOfBirth: '2005-01-01', sex: 'male', serial: '000001' },
      { provinceCode: '096', dateOfBirth: '1900-12-31', sex: 'male', serial: 0 },
      { provinceCode: '048', dateOfBirth: '2100-02-28', sex: 'female', serial: 999999 },
      { provinceCode: '011', dateOfBirth: '2399-06-30', sex: 'female', serial: 7 },
    ] as const;
    const options = { now: new Date('2399-12-31T00:00:00Z') };
    for (const parts of samples) {
      const id = personalIdFor(parts);
      expect(id).toMatch(/^\d{12}$/);
      const info = validatePersonalId(
        id,
        { dateOfBirth: parts.dateOfBirth, sex: parts.sex },
        'personalId',
        options,
      );
      expect(info).toMatchObject({ registeredIn: 'province', provinceCode: parts.provinceCode });
      expect(info.sex).toBe(parts.sex);
      expect(info.birthYear).toBe(Number(parts.dateOfBirth.slice(0, 4)));
      expect(id.slice(6)).toBe(String(parts.serial).padStart(6, '0'));
    }
    expect(
      personalIdFor({ provinceCode: '001', dateOfBirth: '1999-05-17', sex: 'female', serial: 12345 }),
    ).toBe('001199012345');
  });

  it('builds the ID of a birth registered abroad from a country code', () => {
    const id = personalIdFor({ countryCode: '232', dateOfBirth: '1999-05-17', sex: 'female', serial: 12345 });
    expect(id).toBe('232199012345');
    expect(validatePersonalId(id)).toMatchObject({ registeredIn: 'abroad', countryCode: '232' });
    const bad = thrown(() =>
      personalIdFor({ countryCode: '079', dateOfBirth: '1999-05-17', sex: 'female', serial: 1 }),
    );
    expect(bad.code).toBe('MOTLAN_PERSONAL_ID_PROVINCE');
    expect(bad.field).toBe('countryCode');
  });

  it('refuses parts no personal ID can hold', () => {
    const base = { provinceCode: '001', dateOfBirth: '1999-05-17', sex: 'male', serial: 1 } as const;
    expect(thrown(() => personalIdFor({ ...base, provinceCode: '003' })).code).toBe(
      'MOTLAN_PERSONAL_ID_PROVINCE',
    );
    expect(thrown(() => personalIdFor({ ...base, dateOfBirth: '1899-12-31' })).code).toBe(
      'MOTLAN_PERSONAL_ID_CENTURY',
    );
    expect(thrown(() => personalIdFor({ ...base, dateOfBirth: '2400-01-01' })).code).toBe(
      'MOTLAN_PERSONAL_ID_CENTURY',
    );
    expect(thrown(() => personalIdFor({ ...base, dateOfBirth: '1999-13-01' })).code).toBe(
      'MOTLAN_DATE_INVALID',
    );
    expect(thrown(() => personalIdFor({ ...base, sex: 'x' as Sex })).code).toBe('MOTLAN_SEX_INVALID');
    for (const serial of [-1, 1_000_000, 1.5, '12345', '1234567', 'abcdef']) {
      expect(thrown(() => personalIdFor({ ...base, serial })).field).toBe('serial');
    }
  });
});

describe('century/sex digit', () => {
  it('encodes and decodes every digit', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const { century, sex } = decodeCenturySex(digit);
      expect(encodeCenturySex(century + 50, sex)).toBe(digit);
    }
  });
});
