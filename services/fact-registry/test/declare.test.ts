import { describe, expect, it } from 'vitest';
import { declaredFacts, type Declaration } from '@motlan/domain';
import { declarationHash } from '../src/domain/declare.ts';

const declaration: Declaration = {
  personalId: '001099000903',
  dossierId: 'HS-2026-000903',
  facts: [
    { type: 'identity.sex', value: { sex: 'male' } },
    {
      type: 'identity.full_name',
      value: { family: 'Lê', middle: 'Thị', given: 'Dung', full: 'Lê Thị Dung' },
    },
  ],
};
const now = new Date('2026-03-02T03:00:00.000Z');
const ids = (client: string, idempotencyKey?: string, at = now) =>
  declaredFacts(declaration, client, { now: at, idempotencyKey }).map((fact) => fact.id);

describe('declared facts', () => {
  it('derive their ids from (client, key, type, index) when a key is given', () => {
    const first = ids('one-stop', 'k-1');
    expect(first).toHaveLength(2);
    first.forEach((id) =>
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    );
    expect(new Set(first).size).toBe(2);
    expect(ids('one-stop', 'k-1', new Date())).toEqual(first);
    expect(ids('other-client', 'k-1')).not.toContain(first[0]);
    expect(ids('one-stop', 'k-2')).not.toContain(first[0]);
  });

  it('get fresh ids without a key', () => {
    expect(ids('one-stop')).not.toEqual(ids('one-stop'));
  });

  it('hash the declaration as normalised, whatever the form it came in', () => {
    const nfd: Declaration = {
      ...declaration,
      facts: declaration.facts.map((fact) => ({
        type: fact.type,
        value: JSON.parse(JSON.stringify(fact.value).normalize('NFD')) as unknown,
      })),
    };
    const hash = declarationHash(declaredFacts(declaration, 'one-stop', { now }));
    expect(declarationHash(declaredFacts(nfd, 'one-stop', { now: new Date() }))).toBe(hash);
    const other = { ...declaration, dossierId: 'HS-2026-000904' };
    expect(declarationHash(declaredFacts(other, 'one-stop', { now }))).not.toBe(hash);
  });
});
