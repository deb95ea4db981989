import { describe, expect, it } from 'vitest';
import { checkClaims } from '../src/domain/check-claims.ts';
import { verifyClaims } from '../src/domain/verify-claims.ts';
import { npdbRecord } from './fixtures.ts';

const outcome = (result: ReturnType<typeof verifyClaims>, attribute: string) =>
  result.attributes.find((entry) => entry.attribute === attribute);

describe('verifying claims without revealing the record', () => {
  it('verifies exact claims', () => {
    const result = verifyClaims(npdbRecord(), {
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1999-05-17',
      sex: 'male',
    });
    expect(result.verified).toBe(true);
    expect(outcome(result, 'full_name')).toEqual({
      attribute: 'full_name',
      outcome: 'MATCH_OUTCOME_MATCH',
      tolerated: [],
    });
  });

  it('tolerates case, spacing and missing diacritics, and says so', () => {
    const result = verifyClaims(npdbRecord(), { fullName: '  nguyen   van AN ' });
    expect(result.verified).toBe(true);
    expect(outcome(result, 'full_name')?.tolerated.sort()).toEqual(['case', 'diacritics', 'spacing']);
    expect(outcome(result, 'date_of_birth')?.outcome).toBe('MATCH_OUTCOME_NOT_CLAIMED');
  });

  it('matches the other tone-mark placement, look-alike Đ and punctuation, and says which', () => {
    const record = npdbRecord({ HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'Hòa' } });
    const placement = verifyClaims(record, { fullName: 'Nguyễn Văn Hoà' });
    expect(placement.verified).toBe(true);
    expect(outcome(placement, 'full_name')).toEqual({
      attribute: 'full_name',
      outcome: 'MATCH_OUTCOME_MATCH',
      tolerated: ['tone_placement'],
    });
    expect(outcome(verifyClaims(record, { fullName: 'Nguyễn Văn Hòa.' }), 'full_name')?.tolerated).toEqual([
      'punctuation',
    ]);
    expect(verifyClaims(record, { fullName: 'Nguyễn Văn Hà' }).verified).toBe(false);
    const dung = npdbRecord({ HoVaTen: { Ho: 'Đỗ', ChuDem: 'Văn', Ten: 'Dũng' } });
    expect(outcome(verifyClaims(dung, { fullName: '\u00d0ỗ Văn Dũng' }), 'full_name')?.tolerated).toEqual([
      'lookalike',
    ]);
  });

  it('reports mismatches per attribute and carries no recorded value', () => {
    const result = verifyClaims(npdbRecord(), {
      fullName: 'Nguyễn Văn Ân',
      dateOfBirth: '1999-05-18',
      sex: 'female',
    });
    expect(result.verified).toBe(false);
    expect(result.attributes.map((entry) => entry.outcome)).toEqual([
      'MATCH_OUTCOME_MISMATCH',
      'MATCH_OUTCOME_MISMATCH',
      'MATCH_OUTCOME_MISMATCH',
    ]);
    const text = JSON.stringify(result);
    expect(text).not.toContain('An"');
    expect(text).not.toContain('1999-05-17');
  });

  it('never verifies a deceased citizen', () => {
    const result = verifyClaims(npdbRecord({ TrangThai: 'DA_MAT', NgayMat: '20260101' }), {
      fullName: 'Nguyễn Văn An',
    });
    expect(result).toMatchObject({ verified: false, vitalStatus: 'deceased' });
  });

  it('rejects malformed claims and claims the personal ID contradicts', () => {
    expect(() => checkClaims({ dateOfBirth: '1999-02-30' }, '001099012345')).toThrow(/real date/);
    expect(() => checkClaims({ sex: 'other' }, '001099012345')).toThrow(/male/);
    // Century/sex digit 0 = male born 1900s; a 2001 birth date contradicts it.
    expect(() => checkClaims({ dateOfBirth: '2001-05-17' }, '001099012345')).toThrowError(
      expect.objectContaining({ field: expect.stringMatching(/personalId/) }),
    );
    expect(() => checkClaims({ sex: 'female' }, '001099012345')).toThrow();
    expect(checkClaims({ fullName: 'Nguyễn Văn An', sex: 'male' }, '001099012345')).toEqual({
      fullName: 'Nguyễn Văn An',
      sex: 'male',
    });
  });
});
