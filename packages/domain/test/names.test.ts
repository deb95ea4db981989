import { describe, expect, it } from 'vitest';
import {
  foldDiacritics,
  hasDiacritics,
  joinFullName,
  matchName,
  normalizeName,
  splitFullName,
} from '../src/index.ts';

// "Nguyễn" written decomposed: e + circumflex + tilde as combining marks.
const NGUYEN_NFD = 'Nguyễn'.normalize('NFD');

describe('normalizeName', () => {
  it('composes to NFC, trims and collapses whitespace', () => {
    expect(normalizeName(`  ${NGUYEN_NFD}   Văn\tAn \n`)).toBe('Nguyễn Văn An');
    expect(normalizeName(`${NGUYEN_NFD}`)).toBe('Nguyễn'.normalize('NFC'));
    expect(normalizeName('Trần\u00a0Thị  Bích')).toBe('Trần Thị Bích');
  });
});

describe('foldDiacritics', () => {
  it('removes tone and vowel marks', () => {
    expect(foldDiacritics('Nguyễn Văn Ân')).toBe('Nguyen Van An');
    expect(foldDiacritics('Phạm Thị Hương Trường Ưng Ơn')).toBe('Pham Thi Huong Truong Ung On');
    expect(foldDiacritics(NGUYEN_NFD)).toBe('Nguyen');
  });

  it('maps đ to d and Đ to D', () => {
    expect(foldDiacritics('Đỗ Đức Đạt đẹp')).toBe('Do Duc Dat dep');
  });

  it('leaves unmarked text alone', () => {
    expect(foldDiacritics('Nguyen Van An')).toBe('Nguyen Van An');
  });

  it('hasDiacritics sees marks and đ', () => {
    expect(hasDiacritics('An')).toBe(false);
    expect(hasDiacritics('Ân')).toBe(true);
    expect(hasDiacritics('Dung đ')).toBe(true);
    expect(hasDiacritics(NGUYEN_NFD)).toBe(true);
  });
});

describe('matchName', () => {
  const recorded = 'Nguyễn Văn An';

  it('identical names match exactly', () => {
    expect(matchName(recorded, recorded)).toEqual({ match: true, exact: true, tolerated: [] });
  });

  it('the same name in another Unicode form is still exact', () => {
    expect(matchName(`${NGUYEN_NFD} Văn An`, recorded)).toEqual({ match: true, exact: true, tolerated: [] });
  });

  it('tolerates case', () => {
    expect(matchName('NGUYỄN VĂN AN', recorded)).toEqual({ match: true, exact: false, tolerated: ['case'] });
    expect(matchName('nguyễn văn an', recorded).tolerated).toEqual(['case']);
  });

  it('tolerates extra and missing spaces', () => {
    expect(matchName('  Nguyễn   Văn An ', recorded)).toEqual({
      match: true,
      exact: false,
      tolerated: ['spacing'],
    });
    expect(matchName('Nguyễn VănAn', recorded)).toEqual({
      match: true,
      exact: false,
      tolerated: ['spacing'],
    });
    expect(matchName('Nguyễn\u00a0Văn An', recorded).tolerated).toEqual(['spacing']);
  });

  it('tolerates missing diacritics', () => {
    expect(matchName('Nguyen Van An', recorded)).toEqual({
      match: true,
      exact: false,
      tolerated: ['diacritics'],
    });
    // Some words typed with marks, others without: each word is judged on its own.
    expect(matchName('Nguyen Văn An', recorded).tolerated).toEqual(['diacritics']);
  });

  it('reports every tolerance it needed, in a fixed order', () => {
    expect(matchName('nguyen  VAN an', recorded)).toEqual({
      match: true,
      exact: false,
      tolerated: ['case', 'spacing', 'diacritics'],
    });
    expect(matchName('NGUYEN VAN AN', recorded).tolerated).toEqual(['case', 'diacritics']);
  });

  it('does not match wrong diacritics', () => {
    expect(matchName('Nguyễn Văn Ân', recorded)).toEqual({ match: false, exact: false, tolerated: [] });
    expect(matchName('Nguyễn Vân An', recorded).match).toBe(false);
    // Nguyên is a name of its own, not Nguyễn without its tilde.
    expect(matchName('Nguyên Văn An', recorded).match).toBe(false);
  });

  it('does not forgive diacritics the record lacks', () => {
    expect(matchName('Nguyễn Văn Ân', 'Nguyen Van An').match).toBe(false);
    expect(matchName('Nguyễn Văn An', 'Nguyen Van An').match).toBe(false);
  });

  it('does not match different names', () => {
    expect(matchName('Nguyễn Văn Anh', recorded).match).toBe(false);
    expect(matchName('Trần Văn An', recorded).match).toBe(false);
    expect(matchName('Nguyễn An', recorded).match).toBe(false);
    expect(matchName('', recorded).match).toBe(false);
    expect(matchName('   ', '').match).toBe(false);
  });

  it('handles đ/Đ: missing stroke tolerated, a stroke where the record has none is not', () => {
    expect(matchName('Do Duc Dat', 'Đỗ Đức Đạt')).toEqual({
      match: true,
      exact: false,
      tolerated: ['diacritics'],
    });
    expect(matchName('do duc dat', 'Đỗ Đức Đạt').tolerated).toEqual(['case', 'diacritics']);
    expect(matchName('đỗ đức đạt', 'Đỗ Đức Đạt').tolerated).toEqual(['case']);
    expect(matchName('Đỗ Đức Đạt', 'Do Duc Dat').match).toBe(false);
    expect(matchName('Đo Đức Đạt', 'Đỗ Đức Đạt').match).toBe(false);
  });
});

describe('splitFullName / joinFullName', () => {
  it('splits family, middle and given names', () => {
    expect(splitFullName('Nguyễn Văn An')).toEqual({ family: 'Nguyễn', middle: 'Văn', given: 'An' });
    expect(splitFullName('  Tôn Nữ Thị  Ngọc Lan ')).toEqual({
      family: 'Tôn',
      middle: 'Nữ Thị Ngọc',
      given: 'Lan',
    });
    expect(splitFullName('Lê Lợi')).toEqual({ family: 'Lê', middle: '', given: 'Lợi' });
    expect(splitFullName('Sùng')).toEqual({ family: '', middle: '', given: 'Sùng' });
    expect(splitFullName('   ')).toEqual({ family: '', middle: '', given: '' });
  });

  it('joins the parts back, skipping empty ones', () => {
    expect(joinFullName({ family: 'Nguyễn', middle: 'Văn', given: 'An' })).toBe('Nguyễn Văn An');
    expect(joinFullName({ family: 'Lê', middle: '', given: 'Lợi' })).toBe('Lê Lợi');
    expect(joinFullName({ family: ' Tôn ', middle: 'Nữ  Thị Ngọc', given: 'Lan' })).toBe(
      'Tôn Nữ Thị Ngọc Lan',
    );
  });

  it('round-trips', () => {
    for (const name of ['Nguyễn Văn An', 'Lê Lợi', 'Tôn Nữ Thị Ngọc Lan', 'Sùng', 'Hoàng Thị Thu Hà']) {
      expect(joinFullName(splitFullName(name))).toBe(name);
    }
  });
});
