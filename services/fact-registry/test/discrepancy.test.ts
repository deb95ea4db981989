import { describe, expect, it } from 'vitest';
import { allAgree, isComparedType, valuesAgree } from '../src/domain/discrepancy.ts';

const name = (full: string) => {
  const words = full.split(' ');
  return { family: words[0], middle: words.slice(1, -1).join(' '), given: words.at(-1), full };
};
const dob = (date: string, precision?: string) => (precision ? { date, precision } : { date });
const names = (a: string, b: string) => valuesAgree('identity.full_name', name(a), name(b));
const dates = (a: unknown, b: unknown) => valuesAgree('identity.date_of_birth', a, b);

describe('discrepancy rule: names (matchName, both ways)', () => {
  it('agrees across Unicode forms, case, spacing, unmarked words and tone placement', () => {
    expect(names('Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An')).toBe(true);
    expect(names('NGUYỄN VĂN AN', 'Nguyễn Văn An')).toBe(true);
    expect(names('Nguyen Van An', 'Nguyễn Văn An')).toBe(true);
    expect(names('Nguyễn Văn An', 'Nguyen Van An')).toBe(true); // neither source is "the claim"
    expect(names('Lê Thị Hoà', 'Lê Thị Hòa')).toBe(true);
    expect(names('Ðặng Văn Bình', 'Đặng Văn Bình')).toBe(true); // lookalike Ð (U+00D0)
  });

  it('disagrees on a dropped, doubled or swapped letter, another middle name or an old name', () => {
    expect(names('Nguyễn Văn Hùg', 'Nguyễn Văn Hùng')).toBe(false);
    expect(names('Nguyễn Văn Hùnng', 'Nguyễn Văn Hùng')).toBe(false);
    expect(names('Nguyễn Văn Hnùg', 'Nguyễn Văn Hùng')).toBe(false);
    expect(names('Nguyễn Hữu Hùng', 'Nguyễn Văn Hùng')).toBe(false);
    expect(names('Trần Minh Tuấn', 'Nguyễn Văn Hùng')).toBe(false);
    // Marks written on both sides are meant: "Nguyên" is a name of its own, "Hòa" is not "Hà".
    expect(names('Nguyên Văn An', 'Nguyễn Văn An')).toBe(false);
    expect(names('Lê Thị Hòa', 'Lê Thị Hà')).toBe(false);
  });
});

describe('discrepancy rule: dates of birth (matchDate)', () => {
  it('agrees on the same day, and where a partial date contains the full one', () => {
    expect(dates(dob('1990-05-17'), dob('1990-05-17'))).toBe(true);
    expect(dates(dob('1990-05-17'), dob('1990-05', 'month'))).toBe(true);
    expect(dates(dob('1990', 'year'), dob('1990-05-17'))).toBe(true);
    expect(dates(dob('1990', 'year'), dob('1990-05', 'month'))).toBe(true);
  });

  it('disagrees on a day ±1, another month or another year', () => {
    expect(dates(dob('1990-05-17'), dob('1990-05-18'))).toBe(false);
    expect(dates(dob('1990-05-17'), dob('1990-05-16'))).toBe(false);
    expect(dates(dob('1990-05-17'), dob('1990-06', 'month'))).toBe(false);
    expect(dates(dob('1991', 'year'), dob('1990-05', 'month'))).toBe(false);
  });
});

describe('discrepancy rule: other types by canonical value', () => {
  const address = {
    provinceCode: '79',
    wardCode: '26734',
    detail: '12 Nguyễn Huệ',
    unitsVersion: 'current-2025',
  };

  it('agrees on the same value whatever the key order, disagrees on any difference', () => {
    const reordered = Object.fromEntries(Object.entries(address).reverse());
    expect(valuesAgree('residence.permanent', address, reordered)).toBe(true);
    expect(valuesAgree('residence.permanent', address, { ...address, wardCode: '26737' })).toBe(false);
    expect(valuesAgree('identity.sex', { sex: 'male' }, { sex: 'male' })).toBe(true);
    expect(valuesAgree('identity.sex', { sex: 'male' }, { sex: 'female' })).toBe(false);
  });

  it('compares every source with every other, and only the four identity and residence types', () => {
    expect(allAgree('identity.sex', [{ sex: 'male' }])).toBe(true);
    expect(allAgree('identity.sex', [{ sex: 'male' }, { sex: 'male' }, { sex: 'female' }])).toBe(false);
    expect(
      ['identity.full_name', 'identity.date_of_birth', 'identity.sex', 'residence.permanent'].every(
        isComparedType,
      ),
    ).toBe(true);
    expect(isComparedType('residence.current')).toBe(false);
  });
});
