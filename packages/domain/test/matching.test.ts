import { describe, expect, it } from 'vitest';
import { isIsoDate, matchDate, matchExact, matchSex, parseIsoDate, parsePartialDate } from '../src/index.ts';

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
    expect(matchDate('1999-05-17', '1999-05-17')).toEqual({ match: true, exact: true, precision: 'day' });
    expect(matchDate('1999-05-17', '1999-05-18')).toEqual({ match: false, exact: false, precision: 'day' });
    expect(matchDate('1999-05-17', '1999-17-05').match).toBe(false);
    expect(matchDate('not a date', 'not a date').match).toBe(false);
  });
});

describe('matchDate against a partial recorded date', () => {
  it('matches on the known parts and reports the match as partial, never exact', () => {
    expect(matchDate('1945-03-02', '1945')).toEqual({ match: true, exact: false, precision: 'year' });
    expect(matchDate('1952-07-30', '1952-07')).toEqual({ match: true, exact: false, precision: 'month' });
  });

  it('still mismatches a known part that differs', () => {
    expect(matchDate('1946-03-02', '1945')).toEqual({ match: false, exact: false, precision: 'year' });
    expect(matchDate('1952-08-01', '1952-07')).toEqual({ match: false, exact: false, precision: 'month' });
  });

  it('never matches a claim that is itself partial or not a real day', () => {
    expect(matchDate('1945', '1945').match).toBe(false);
    expect(matchDate('1945-02-30', '1945').match).toBe(false);
    expect(matchDate('1945-01-01', '1945-13').match).toBe(false);
  });
});

describe('parsePartialDate', () => {
  it('reads YYYY, YYYY-MM and YYYY-MM-DD and says which parts are known', () => {
    expect(parsePartialDate('1945')).toEqual({ year: 1945, precision: 'year' });
    expect(parsePartialDate('1952-07')).toEqual({ year: 1952, month: 7, precision: 'month' });
    expect(parsePartialDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29, precision: 'day' });
    for (const bad of ['1945-00', '1945-13', '1945-07-00', '1945-02-30', '19450000', '45', '']) {
      expect(parsePartialDate(bad)).toBeUndefined();
    }
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
