import { describe, expect, it } from 'vitest';
import {
  foldDiacritics,
  foldLookalikes,
  hasDiacritics,
  isNamePunctuation,
  joinFullName,
  matchName,
  normalizeName,
  splitFullName,
  toneNeutral,
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

describe('matchName: two spellings of one Vietnamese name', () => {
  const ok = (tolerated: string[]) => ({ match: true, exact: false, tolerated });
  const NO = { match: false, exact: false, tolerated: [] };

  describe('tone-mark placement (old style òa, òe, ùy; new style oà, oè, uỳ)', () => {
    it('matches Hoà against the recorded Hòa and Thuỷ against Thủy, either way round', () => {
      expect(matchName('Nguyễn Văn Hoà', 'Nguyễn Văn Hòa')).toEqual(ok(['tone_placement']));
      expect(matchName('Nguyễn Văn Hòa', 'Nguyễn Văn Hoà')).toEqual(ok(['tone_placement']));
      expect(matchName('Lê Thị Thuỷ', 'Lê Thị Thủy')).toEqual(ok(['tone_placement']));
      expect(matchName('Lê Thị Thủy', 'Lê Thị Thuỷ')).toEqual(ok(['tone_placement']));
    });

    it.each([
      // oa with each of the five tones
      ['Hoà', 'Hòa'],
      ['Hoá', 'Hóa'],
      ['Hoả', 'Hỏa'],
      ['Hoã', 'Hõa'],
      ['Hoạ', 'Họa'],
      // oe
      ['Khoẻ', 'Khỏe'],
      ['Xoè', 'Xòe'],
      ['Loé', 'Lóe'],
      // uy
      ['Thuỳ', 'Thùy'],
      ['Thuý', 'Thúy'],
      ['Luỹ', 'Lũy'],
      ['Tuỵ', 'Tụy'],
      ['Huỷ', 'Hủy'],
      // the qu- onset: the u belongs to the consonant, the tone still belongs to the syllable
      ['Qúy', 'Quý'],
      // capitals
      ['HOÀ', 'HÒA'],
      ['THUỶ', 'THỦY'],
    ])('%s ~ %s', (claimed, recorded) => {
      expect(matchName(claimed, recorded)).toEqual(ok(['tone_placement']));
    });

    it('reports case and placement together, and keeps the other tolerances working around it', () => {
      expect(matchName('nguyễn văn hoà', 'Nguyễn Văn Hòa')).toEqual(ok(['case', 'tone_placement']));
      expect(matchName('Nguyen Van Hoà', 'Nguyễn Văn Hòa')).toEqual(ok(['diacritics', 'tone_placement']));
      expect(matchName('Nguyễn  Văn Hoà', 'Nguyễn Văn Hòa')).toEqual(ok(['spacing', 'tone_placement']));
    });

    it('accepts the same name in NFD with the other placement', () => {
      expect(matchName('Nguyễn Văn Hoà'.normalize('NFD'), 'Nguyễn Văn Hòa')).toEqual(ok(['tone_placement']));
      expect(matchName('Nguyễn Văn Hòa'.normalize('NFD'), 'Nguyễn Văn Hòa')).toEqual({
        match: true,
        exact: true,
        tolerated: [],
      });
      // U+0340/U+0341, the deprecated tone-mark code points, are canonically the grave and acute.
      expect(matchName('Nguyễn Văn Ho\u0340a', 'Nguyễn Văn Hòa').exact).toBe(true);
    });

    it('still refuses a different tone, a missing letter or a tone the record lacks', () => {
      expect(matchName('Nguyễn Văn Hoá', 'Nguyễn Văn Hòa')).toEqual(NO); // sắc, not huyền
      expect(matchName('Nguyễn Văn Hà', 'Nguyễn Văn Hòa')).toEqual(NO);
      expect(matchName('Nguyễn Văn Hòa', 'Nguyễn Văn Hà')).toEqual(NO);
      expect(matchName('Nguyễn Văn Hòa', 'Nguyễn Văn Hoa')).toEqual(NO);
      expect(matchName('Lê Thị Thuỳ', 'Lê Thị Thủy')).toEqual(NO); // huyền, not hỏi
      expect(matchName('Lê Thị Thuy', 'Lê Thị Thủy')).toEqual(ok(['diacritics'])); // as before
      expect(matchName('Nguyễn Văn Hoa', 'Nguyễn Văn Hòa')).toEqual(ok(['diacritics']));
      expect(matchName('Nguyễn Văn Hoạ', 'Nguyễn Văn Hòa')).toEqual(NO);
      expect(matchName('Nguyễn Văn Hôà', 'Nguyễn Văn Hòa')).toEqual(NO); // a circumflex is a letter
    });

    it('toneNeutral lifts the single tone off its vowel', () => {
      expect(toneNeutral('hòa')).toBe(toneNeutral('hoà'));
      expect(toneNeutral('thủy')).toBe(toneNeutral('thuỷ'));
      expect(toneNeutral('hòa')).not.toBe(toneNeutral('hóa'));
      expect(toneNeutral('hòa')).not.toBe(toneNeutral('hoa'));
      expect(toneNeutral('ậm')).toBe(toneNeutral('âm\u0323'.normalize('NFC')));
      expect(toneNeutral('An')).toBe('An');
    });
  });

  describe('look-alike code points', () => {
    it('reads Ð (U+00D0), Ɖ (U+0189), ð and ɖ as Đ and đ, and says so', () => {
      expect(matchName('\u00d0ỗ \u00d0ức \u00d0ạt', 'Đỗ Đức Đạt')).toEqual(ok(['lookalike']));
      expect(matchName('\u0189ỗ Văn An', 'Đỗ Văn An')).toEqual(ok(['lookalike']));
      expect(matchName('Lê Văn \u00f0ông', 'Lê Văn Đông')).toEqual(ok(['case', 'lookalike']));
      expect(matchName('Lê Văn \u0256ông', 'Lê Văn đông')).toEqual(ok(['lookalike']));
      // A record carrying the look-alike matches the proper letter too.
      expect(matchName('Đỗ Văn An', '\u00d0ỗ Văn An')).toEqual(ok(['lookalike']));
      // A look-alike with nothing else to forgive in its word still needs the rest right.
      expect(matchName('\u00d0o Văn An', 'Đỗ Văn An')).toEqual(NO);
    });

    it('folds fullwidth and other compatibility letters', () => {
      expect(matchName('Ｎｇｕｙễｎ Văn An', 'Nguyễn Văn An')).toEqual(ok(['lookalike']));
      expect(matchName('ＮＧＵＹＥＮ ＶＡＮ ＡＮ', 'Nguyễn Văn An')).toEqual(
        ok(['case', 'diacritics', 'lookalike']),
      );
    });

    it('refuses Cyrillic and Greek letters that look Latin (a decision: spoofing or a wrong layout)', () => {
      expect(matchName('Nguyễn Văn \u0410n', 'Nguyễn Văn An')).toEqual(NO); // Cyrillic А
      expect(matchName('Nguy\u0435n Van An', 'Nguyễn Văn An')).toEqual(NO); // Cyrillic е
      expect(matchName('H\u043ea', 'Hoa')).toEqual(NO); // Cyrillic о
      expect(matchName('H\u03bfa', 'Hoa')).toEqual(NO); // Greek ο
      expect(foldLookalikes('Nguyễn \u0410n')).toBe('Nguyễn \u0410n');
    });
  });

  describe('punctuation inside names', () => {
    it('forgives an apostrophe or hyphen of another form, or missing, or typed as a space', () => {
      expect(matchName('H’Hen Niê', "H'Hen Niê")).toEqual(ok(['punctuation']));
      // Another apostrophe and a space after it: one punctuation difference at one place.
      expect(matchName('Hʼ Hen Niê', "H'Hen Niê")).toEqual(ok(['punctuation']));
      expect(matchName('HHen Niê', "H'Hen Niê")).toEqual(ok(['punctuation']));
      expect(matchName('H Hen Niê', "H'Hen Niê")).toEqual(ok(['punctuation']));
      expect(matchName('Y Moan Niê Kđăm', 'Y-Moan Niê Kđăm')).toEqual(ok(['punctuation']));
      expect(matchName('Y–Moan Niê Kđăm', 'Y-Moan Niê Kđăm')).toEqual(ok(['punctuation']));
      expect(matchName('Y-Moan Niê Kđăm', 'Y Moan Niê Kđăm')).toEqual(ok(['punctuation']));
    });

    it('forgives dots and stray punctuation, with multiple spaces reported as spacing', () => {
      expect(matchName('Nguyễn Văn An.', 'Nguyễn Văn An')).toEqual(ok(['punctuation']));
      expect(matchName('Nguyễn, Văn An', 'Nguyễn Văn An')).toEqual(ok(['punctuation']));
      expect(matchName('Nguyễn   Văn  An.', 'Nguyễn Văn An')).toEqual(ok(['spacing', 'punctuation']));
      expect(matchName('ksor h’bia', "Ksor H'Bia")).toEqual(ok(['case', 'punctuation']));
    });

    it('never lets punctuation stand for a letter, nor forgive an abbreviation', () => {
      expect(matchName('Nguyễn V. An', 'Nguyễn Văn An')).toEqual(NO);
      expect(matchName("H'en Niê", "H'Hen Niê")).toEqual(NO);
      expect(matchName('.', '')).toEqual(NO);
      expect(matchName("'", "'")).toEqual({ match: true, exact: true, tolerated: [] });
    });

    it('knows its punctuation', () => {
      for (const char of ["'", '’', '‘', 'ʼ', 'ʻ', '`', '´', '-', '‐', '‑', '–', '—', '−', '.', ',']) {
        expect(isNamePunctuation(char), char).toBe(true);
      }
      for (const char of ['a', 'Đ', ' ', '\u0300', '1']) expect(isNamePunctuation(char), char).toBe(false);
    });
  });

  it('still tells genuinely different names apart', () => {
    expect(matchName('Nguyễn Văn Hòa', 'Nguyễn Văn Hà')).toEqual(NO);
    expect(matchName('Trần Thị Thủy', 'Trần Thị Thùy')).toEqual(NO);
    expect(matchName('Lê Văn Hoàng', 'Lê Văn Hoàn')).toEqual(NO);
    expect(matchName('Phạm Khoá', 'Phạm Khoa')).toEqual(NO); // marks the record lacks
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
