import { describe, expect, it } from 'vitest';
import { compareVersions, decide, type Contender } from '../src/domain/supersession.ts';

const fact = (
  factId: string,
  assurance: Contender['assurance'],
  observedAt: string,
  contentHash = 'h1',
  source: Partial<Pick<Contender, 'sourceSystem' | 'sourceRecordRef' | 'sourceRecordVersion'>> = {},
): Contender => ({
  factId,
  assurance,
  observedAt,
  contentHash,
  sourceSystem: 'national-population-db',
  sourceRecordRef: `ref-${factId}`,
  sourceRecordVersion: '1',
  ...source,
});

/** A version of the one population record of citizen 001099000001. */
const version = (factId: string, v: string, observedAt: string, contentHash = `h-${v}`): Contender =>
  fact(factId, 'ASSURANCE_AUTHORITATIVE', observedAt, contentHash, {
    sourceRecordRef: 'NPDB/001099000001',
    sourceRecordVersion: v,
  });

describe('supersession', () => {
  it('takes the first fact of a type', () => {
    expect(decide(undefined, fact('a', 'ASSURANCE_SELF_DECLARED', '2026-01-01T00:00:00Z'))).toEqual({
      replace: true,
    });
  });

  it('lets an authoritative fact supersede a self-declared one and flags their disagreement', () => {
    const declared = fact('d', 'ASSURANCE_SELF_DECLARED', '2026-02-01T00:00:00Z', 'typed');
    const authoritative = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z', 'recorded');
    expect(decide(declared, authoritative)).toEqual({
      replace: true,
      conflict: { winning: 'a', losing: 'd' },
    });
  });

  it('never lets a self-declared fact overwrite an authoritative one, even a later one', () => {
    const authoritative = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z', 'recorded');
    const declared = fact('d', 'ASSURANCE_SELF_DECLARED', '2026-06-01T00:00:00Z', 'typed');
    expect(decide(authoritative, declared)).toEqual({
      replace: false,
      conflict: { winning: 'a', losing: 'd' },
    });
  });

  it('does not flag agreement across levels', () => {
    const authoritative = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z', 'same');
    expect(
      decide(authoritative, fact('d', 'ASSURANCE_SELF_DECLARED', '2026-06-01T00:00:00Z', 'same')),
    ).toEqual({
      replace: false,
    });
  });

  it('ranks verified between self-declared and authoritative', () => {
    const verified = fact('v', 'ASSURANCE_VERIFIED', '2026-01-01T00:00:00Z', 'x');
    expect(decide(fact('d', 'ASSURANCE_SELF_DECLARED', '2026-05-01T00:00:00Z', 'x'), verified).replace).toBe(
      true,
    );
    expect(decide(fact('a', 'ASSURANCE_AUTHORITATIVE', '2025-01-01T00:00:00Z', 'x'), verified).replace).toBe(
      false,
    );
  });

  it('within one level, the later observation wins; exact ties go by fact id whatever the order', () => {
    const early = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z');
    const late = fact('b', 'ASSURANCE_AUTHORITATIVE', '2026-03-01T00:00:00Z', 'h2');
    expect(decide(early, late)).toEqual({ replace: true });
    expect(decide(late, early)).toEqual({ replace: false });
    const x = fact('x', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z');
    const y = fact('y', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z');
    expect(decide(x, y).replace).toBe(true);
    expect(decide(y, x).replace).toBe(false);
  });

  it('ignores the same fact seen again', () => {
    const a = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z');
    expect(decide(a, a)).toEqual({ replace: false });
  });

  describe('versions of one source record', () => {
    it('a later version wins even when the source stamped it earlier (v3, a death, after v2)', () => {
      const v2 = version('v2', '2', '2026-05-01T10:00:00Z', 'alive');
      const v3 = version('v3', '3', '2026-04-30T09:00:00Z', 'deceased');
      expect(decide(v2, v3)).toEqual({ replace: true });
      // ...and an older version arriving late never takes over again.
      expect(decide(v3, v2)).toEqual({ replace: false });
      const v4 = version('v4', '4', '2026-04-01T00:00:00Z', 'alive-again');
      expect(decide(v3, v4).replace).toBe(true);
    });

    it('compares integer versions as numbers, not strings, whatever their length or leading zeros', () => {
      expect(
        decide(version('a', '9', '2026-02-01T00:00:00Z'), version('b', '10', '2026-01-01T00:00:00Z')).replace,
      ).toBe(true);
      expect(
        decide(version('a', '010', '2026-01-01T00:00:00Z'), version('b', '9', '2026-02-01T00:00:00Z'))
          .replace,
      ).toBe(false);
      const big = '123456789012345678901234567890';
      const bigger = '123456789012345678901234567891';
      expect(
        decide(version('a', bigger, '2026-01-01T00:00:00Z'), version('b', big, '2026-02-01T00:00:00Z'))
          .replace,
      ).toBe(false);
    });

    it('falls back to observation time when versions are equal or not both integers', () => {
      const early = version('a', '7', '2026-01-01T00:00:00Z');
      const late = version('b', '7', '2026-02-01T00:00:00Z');
      expect(decide(early, late).replace).toBe(true);
      expect(decide(late, early).replace).toBe(false);
      const etag = version('c', 'W/"abc"', '2026-03-01T00:00:00Z');
      expect(decide(late, etag).replace).toBe(true);
      expect(decide(etag, version('d', '99', '2026-01-01T00:00:00Z')).replace).toBe(false);
      expect(decide(version('e', '', '2026-01-01T00:00:00Z'), late).replace).toBe(true);
    });

    it('orders facts of different sources or records by observation time, not by version', () => {
      const population = fact('p', 'ASSURANCE_AUTHORITATIVE', '2026-03-01T00:00:00Z', 'x', {
        sourceRecordRef: 'NPDB/1',
        sourceRecordVersion: '50',
      });
      const otherSystem = fact('m', 'ASSURANCE_AUTHORITATIVE', '2026-04-01T00:00:00Z', 'y', {
        sourceSystem: 'military-service-db',
        sourceRecordRef: 'NPDB/1',
        sourceRecordVersion: '1',
      });
      expect(decide(population, otherSystem).replace).toBe(true);
      const otherRecord = fact('r', 'ASSURANCE_AUTHORITATIVE', '2026-02-01T00:00:00Z', 'z', {
        sourceRecordRef: 'NPDB/2',
        sourceRecordVersion: '99',
      });
      expect(decide(population, otherRecord).replace).toBe(false);
      // Two facts naming no record are not "one record" either.
      const a = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-02-01T00:00:00Z', 'x', {
        sourceRecordRef: '',
        sourceRecordVersion: '9',
      });
      const b = fact('b', 'ASSURANCE_AUTHORITATIVE', '2026-03-01T00:00:00Z', 'y', {
        sourceRecordRef: '',
        sourceRecordVersion: '1',
      });
      expect(decide(a, b).replace).toBe(true);
    });

    it('does not let a version beat a higher assurance level', () => {
      const authoritative = fact('a', 'ASSURANCE_AUTHORITATIVE', '2026-01-01T00:00:00Z', 'x', {
        sourceRecordRef: 'R',
        sourceRecordVersion: '1',
      });
      const declared = fact('d', 'ASSURANCE_SELF_DECLARED', '2026-01-01T00:00:00Z', 'y', {
        sourceRecordRef: 'R',
        sourceRecordVersion: '2',
      });
      expect(decide(authoritative, declared).replace).toBe(false);
    });

    it('compareVersions is 0 across records and signed within one', () => {
      const at = (ref: string, v: string) => ({
        sourceSystem: 's',
        sourceRecordRef: ref,
        sourceRecordVersion: v,
      });
      expect(compareVersions(at('r', '3'), at('r', '2'))).toBeGreaterThan(0);
      expect(compareVersions(at('r', '2'), at('r', '3'))).toBeLessThan(0);
      expect(compareVersions(at('r', '02'), at('r', '2'))).toBe(0);
      expect(compareVersions(at('r', '3'), at('q', '2'))).toBe(0);
      expect(compareVersions(at('r', '3.1'), at('r', '2'))).toBe(0);
    });
  });
});
