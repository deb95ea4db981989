import { describe, expect, it } from 'vitest';
import { criteriaFactTypes, matchesCriteria } from '../src/domain/criteria.ts';

const fullName = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };

describe('lookup criteria', () => {
  it('name the fact types they disclose', () => {
    expect(criteriaFactTypes({})).toEqual([]);
    expect(criteriaFactTypes({ givenName: 'An' })).toEqual(['identity.full_name']);
    expect(criteriaFactTypes({ familyName: 'Nguyễn', dateOfBirth: '1999-03-04' })).toEqual([
      'identity.full_name',
      'identity.date_of_birth',
    ]);
  });

  it('match only when every given criterion holds, with VerifyCitizen’s tolerance for names', () => {
    const recorded = { fullName, dateOfBirth: '1999-03-04' };
    expect(matchesCriteria({}, recorded)).toBe(true);
    expect(matchesCriteria({ givenName: 'AN', familyName: 'nguyen' }, recorded)).toBe(true);
    expect(matchesCriteria({ givenName: 'Van An' }, recorded)).toBe(true);
    expect(matchesCriteria({ givenName: 'Văn' }, recorded)).toBe(false);
    expect(matchesCriteria({ fullName: 'Nguyễn Văn Ân' }, recorded)).toBe(false);
    expect(matchesCriteria({ fullName: 'Nguyen Van An', dateOfBirth: '1999-03-05' }, recorded)).toBe(false);
  });

  it('never match a criterion about a fact the registry does not hold', () => {
    expect(matchesCriteria({ dateOfBirth: '1999-03-04' }, { fullName })).toBe(false);
    expect(matchesCriteria({ givenName: 'An' }, { dateOfBirth: '1999-03-04' })).toBe(false);
    expect(matchesCriteria({}, {})).toBe(true);
  });
});
