import { describe, expect, it } from 'vitest';
import { ASSURANCES, assuranceRank, compareAssurance, isAssurance, type Assurance } from '../src/index.ts';

describe('assurance', () => {
  it('uses the proto enum names and numbers', () => {
    expect(ASSURANCES).toEqual(['ASSURANCE_SELF_DECLARED', 'ASSURANCE_VERIFIED', 'ASSURANCE_AUTHORITATIVE']);
    expect(assuranceRank('ASSURANCE_UNSPECIFIED')).toBe(0);
    expect(assuranceRank('ASSURANCE_SELF_DECLARED')).toBe(1);
    expect(assuranceRank('ASSURANCE_VERIFIED')).toBe(2);
    expect(assuranceRank('ASSURANCE_AUTHORITATIVE')).toBe(3);
  });

  it('orders self-declared < verified < authoritative', () => {
    expect(compareAssurance('ASSURANCE_AUTHORITATIVE', 'ASSURANCE_SELF_DECLARED')).toBe(1);
    expect(compareAssurance('ASSURANCE_SELF_DECLARED', 'ASSURANCE_VERIFIED')).toBe(-1);
    expect(compareAssurance('ASSURANCE_VERIFIED', 'ASSURANCE_VERIFIED')).toBe(0);
    const sorted: Assurance[] = ['ASSURANCE_AUTHORITATIVE', 'ASSURANCE_SELF_DECLARED', 'ASSURANCE_VERIFIED'];
    expect(sorted.sort(compareAssurance)).toEqual(ASSURANCES);
  });

  it('recognises the names', () => {
    expect(isAssurance('ASSURANCE_VERIFIED')).toBe(true);
    expect(isAssurance('ASSURANCE_UNSPECIFIED')).toBe(false);
    expect(isAssurance('verified')).toBe(false);
  });
});
