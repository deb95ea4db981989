import { describe, expect, it } from 'vitest';
import { isIsoDate, matchDate, matchExact, matchSex, parseIsoDate } from '../src/index.ts';

describe('ISO dates', () => {
  it('accepts real calendar days only', () => {
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(isIsoDate('1999-12-31')).toBe(true);
    for (const bad of [
      '1900-02-29',
      '2023-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '17/05/1999',
      '1999-5-17',
      '',
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });
});

describe('matchDate', () => {
  it('matches equal dates exactly and nothing else', () => {
    expect(matchDate('1999-05-17', '1999-05-17')).toEqual({ match: true, exact: true });
    expect(matchDate('1999-05-17', '1999-05-18')).toEqual({ match: false, exact: false });
    expect(matchDate('1999-05-17', '1999-17-05').match).toBe(false);
    expect(matchDate('not a date', 'not a date').match).toBe(false);
  });
});

describe('exact matchers', () => {
  it('compare coded values strictly', () => {
    expect(matchSex('male', 'male')).toEqual({ match: true, exact: true });
    expect(matchSex('male', 'female')).toEqual({ match: false, exact: false });
    expect(matchExact('01', '01').match).toBe(true);
    expect(matchExact('01', '1').match).toBe(false);
  });
});
