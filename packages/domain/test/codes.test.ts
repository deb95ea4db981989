import { describe, expect, it } from 'vitest';
import {
  ETHNICITIES,
  ethnicityName,
  isEthnicityCode,
  isReligionCode,
  RELIGIONS,
  religionName,
} from '../src/index.ts';

describe('ethnicity codes', () => {
  it('has the 54 groups coded 01–54, each name once', () => {
    const codes = Object.keys(ETHNICITIES).sort();
    expect(codes).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(new Set(Object.values(ETHNICITIES)).size).toBe(54);
  });

  it('follows the 1979 numbering', () => {
    expect(ethnicityName('01')).toBe('Kinh');
    expect(ethnicityName('04')).toBe('Hoa');
    expect(ethnicityName('05')).toBe('Khmer');
    expect(ethnicityName('06')).toBe('Mường');
    expect(ethnicityName('08')).toBe("H'Mông");
    expect(ethnicityName('10')).toBe('Gia Rai');
    expect(ethnicityName('54')).toBe('Rơ Măm');
    expect(isEthnicityCode('55')).toBe(false);
    expect(ethnicityName('constructor')).toBeUndefined();
  });
});

describe('religion codes', () => {
  it('codes no religion as 00 and the recognised religions after it', () => {
    expect(religionName('00')).toBe('Không');
    expect(religionName('01')).toBe('Phật giáo');
    expect(religionName('02')).toBe('Công giáo');
    expect(Object.keys(RELIGIONS).every((code) => /^\d{2}$/.test(code))).toBe(true);
    expect(isReligionCode('99')).toBe(false);
  });
});
