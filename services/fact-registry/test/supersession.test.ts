import { describe, expect, it } from 'vitest';
import { decide, type Contender } from '../src/domain/supersession.ts';

const fact = (
  factId: string,
  assurance: Contender['assurance'],
  observedAt: string,
  contentHash = 'h1',
): Contender => ({
  factId,
  assurance,
  observedAt,
  contentHash,
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
});
