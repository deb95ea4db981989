import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { OfficerGrants } from '../src/domain/officer-grants.ts';

describe('officer grants (ONE_STOP_OFFICER_CLIENTS)', () => {
  const grants = OfficerGrants.parse(
    'commune-officer, bchqs-x-00004=BCHQS-X-00004, bchqs-t-01=BCHQS-T-01|BCHQS-X-01*',
  );

  it('lets a bare name act for every unit', () => {
    expect(grants.isOfficer('commune-officer')).toBe(true);
    expect(grants.mayActFor('commune-officer', 'BCHQS-T-79')).toBe(true);
  });

  it('holds a scoped client to its unit codes and prefixes', () => {
    expect(grants.mayActFor('bchqs-x-00004', 'BCHQS-X-00004')).toBe(true);
    expect(grants.mayActFor('bchqs-x-00004', 'BCHQS-X-00007')).toBe(false);
    expect(grants.mayActFor('bchqs-t-01', 'BCHQS-T-01')).toBe(true);
    expect(grants.mayActFor('bchqs-t-01', 'BCHQS-X-01234')).toBe(true);
    expect(grants.mayActFor('bchqs-t-01', 'BCHQS-X-02234')).toBe(false);
  });

  it('knows no client it was not given', () => {
    expect(grants.isOfficer('operator')).toBe(false);
    expect(grants.mayActFor('operator', 'BCHQS-X-00004')).toBe(false);
    expect(grants.clients).toEqual(['commune-officer', 'bchqs-x-00004', 'bchqs-t-01']);
  });

  it('is checked at start: a malformed setting names the variable', () => {
    expect(readConfig({ ONE_STOP_OFFICER_CLIENTS: 'a=B|C*, d' }).ONE_STOP_OFFICER_CLIENTS).toBe('a=B|C*, d');
    for (const bad of ['', 'a=', 'a=B|', 'a b', 'a=*B']) {
      expect(() => readConfig({ ONE_STOP_OFFICER_CLIENTS: bad }), bad).toThrow(/ONE_STOP_OFFICER_CLIENTS/);
    }
  });
});
