import { describe, expect, it } from 'vitest';
import { PARTIAL_DATE, verifyClaims } from '../src/domain/verify-claims.ts';
import { npdbRecord } from './fixtures.ts';

const dateOutcome = (NgayThangNamSinh: string, dateOfBirth: string) =>
  verifyClaims(npdbRecord({ NgayThangNamSinh }), { dateOfBirth }).attributes.find(
    (entry) => entry.attribute === 'date_of_birth',
  );

describe('verifying a date of birth the record knows only in part', () => {
  it('matches a full claimed date on the known parts and reports the match as partial', () => {
    expect(dateOutcome('19450000', '1945-03-02')).toEqual({
      attribute: 'date_of_birth',
      outcome: 'MATCH_OUTCOME_MATCH',
      tolerated: [PARTIAL_DATE],
    });
    expect(dateOutcome('19520700', '1952-07-30')?.tolerated).toEqual([PARTIAL_DATE]);
  });

  it('still refuses a claim that contradicts a known part', () => {
    expect(dateOutcome('19450000', '1946-03-02')?.outcome).toBe('MATCH_OUTCOME_MISMATCH');
    expect(dateOutcome('19520700', '1952-08-01')?.outcome).toBe('MATCH_OUTCOME_MISMATCH');
  });

  it('reports a full recorded date matched in full with nothing tolerated', () => {
    expect(dateOutcome('19990517', '1999-05-17')?.tolerated).toEqual([]);
  });
});
