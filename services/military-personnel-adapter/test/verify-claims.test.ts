import { describe, expect, it } from 'vitest';
import { checkClaims, claimedFactTypes } from '../src/domain/check-claims.ts';
import { checkMemberKey } from '../src/domain/member-key.ts';
import { verifyClaims } from '../src/domain/verify-claims.ts';
import { mpdbRecord } from './fixtures.ts';

const outcomes = (result: ReturnType<typeof verifyClaims>) =>
  Object.fromEntries(result.attributes.map((attribute) => [attribute.attribute, attribute.outcome]));

describe('VerifyServiceMember claims', () => {
  it('matches a name without diacritics and says so, never returning the recorded values', () => {
    const result = verifyClaims(mpdbRecord(), {
      fullName: 'NGUYEN DINH PHONG',
      dateOfBirth: '2004-02-03',
      militaryCode: 'QNK120240001236',
    });
    expect(result.verified).toBe(true);
    expect(outcomes(result)).toEqual({
      full_name: 'MATCH_OUTCOME_MATCH',
      date_of_birth: 'MATCH_OUTCOME_MATCH',
      military_code: 'MATCH_OUTCOME_MATCH',
      personal_id: 'MATCH_OUTCOME_NOT_CLAIMED',
    });
    expect(result.attributes[0]!.tolerated).toEqual(expect.arrayContaining(['case', 'diacritics']));
    expect(JSON.stringify(result)).not.toMatch(/Phong|2004|QNK1/);
  });

  it('fails on one mismatching attribute', () => {
    const result = verifyClaims(mpdbRecord(), { fullName: 'Nguyễn Đình Phong', personalId: '001204054321' });
    expect(result.verified).toBe(false);
    expect(outcomes(result)).toMatchObject({
      full_name: 'MATCH_OUTCOME_MATCH',
      personal_id: 'MATCH_OUTCOME_MISMATCH',
    });
  });

  it('asks the policy for the fact types the claims touch', () => {
    expect(
      claimedFactTypes({ fullName: 'A', militaryCode: 'QNK120240001236', personalId: '001204012345' }),
    ).toEqual(['identity.full_name', 'military.person_code']);
  });

  it('refuses bad claims with the field named, and no claims at all', () => {
    expect(() => checkClaims({}, 'body.claims')).toThrow(
      expect.objectContaining({ code: 'MOTLAN_SERVICE_MEMBER_CLAIMS_REQUIRED', field: 'body.claims' }),
    );
    expect(() => checkClaims({ dateOfBirth: '2004-02-30' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_VALIDATION_FAILED', field: 'claims.dateOfBirth' }),
    );
    expect(() => checkClaims({ militaryCode: 'QNK120240001237' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_MILITARY_CODE_CHECK', field: 'claims.militaryCode' }),
    );
    expect(() => checkClaims({ personalId: '12345' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_PERSONAL_ID_LENGTH', field: 'claims.personalId' }),
    );
  });

  it('names the person by exactly one valid key', () => {
    expect(checkMemberKey({ personalId: '001204012345', militaryCode: '' })).toEqual({
      personalId: '001204012345',
    });
    expect(checkMemberKey({ militaryCode: 'QNK120240001236' })).toEqual({ militaryCode: 'QNK120240001236' });
    expect(() => checkMemberKey({})).toThrow(
      expect.objectContaining({ code: 'MOTLAN_SERVICE_MEMBER_KEY_REQUIRED' }),
    );
    expect(() => checkMemberKey({ personalId: '001204012345', militaryCode: 'QNK120240001236' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_SERVICE_MEMBER_KEY_REQUIRED' }),
    );
    expect(() => checkMemberKey({ militaryCode: 'qnk120240001236' })).toThrow(
      expect.objectContaining({ code: 'MOTLAN_MILITARY_CODE_CHARACTERS', field: 'militaryCode' }),
    );
  });
});
