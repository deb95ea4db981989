import { describe, expect, it } from 'vitest';
import { declaredFacts } from '@motlan/domain';
import type { DossierFact } from '../src/domain/prefill.ts';
import { DECLARING_CLIENT, withDeclaredFacts } from '../src/domain/supplied-facts.ts';

const PERSONAL_ID = '001099000777';
const DOSSIER_ID = '7b0d3c55-7a4c-4f38-9a49-2f1a2b3c4d5e';

const values: Record<string, unknown> = {
  'residence.current': {
    provinceCode: '01',
    wardCode: '00004',
    detail: 'Số 1 phố Hàng Bài',
    unitsVersion: 'current-2025',
  },
  'family.father': { fullName: 'Nguyễn Văn Bình' },
  'family.mother': { fullName: 'Trần Thị Cúc' },
  'military.health_grade': { grade: 2, assessedAt: '2026-02-20' },
};

/** The dossier's entries in the procedure's order: a prefilled one, then placeholders for typed-in ones. */
function dossierFacts(required: string[]): DossierFact[] {
  return required.map((type) =>
    type === 'identity.full_name'
      ? {
          type,
          origin: 'prefilled',
          value: { full: 'Nguyễn Văn An' },
          sourceSystem: 'national-population-db',
          assurance: 'ASSURANCE_AUTHORITATIVE',
          sourceRecordRef: `NPDB/${PERSONAL_ID}`,
          observedAt: '2026-01-01T00:00:00.000Z',
          factId: 'prefilled-name',
        }
      : {
          type,
          origin: 'supplied',
          value: values[type],
          sourceSystem: DECLARING_CLIENT,
          assurance: 'ASSURANCE_SELF_DECLARED',
          sourceRecordRef: '',
          observedAt: '',
          factId: '',
        },
  );
}

const declare = (types: string[]) =>
  declaredFacts(
    {
      personalId: PERSONAL_ID,
      dossierId: DOSSIER_ID,
      facts: types.map((type) => ({ type, value: values[type] })),
    },
    DECLARING_CLIENT,
    { now: new Date('2026-02-24T03:00:00Z') },
  );

describe('supplied facts and their ids', () => {
  it('gives each supplied fact the id of the declared fact of its type, whatever the order supplied', () => {
    // Issue 10, part 8: supplied as [health grade, residence] for a procedure requiring [residence, health grade].
    const required = ['residence.current', 'military.health_grade'];
    const declared = declare(['military.health_grade', 'residence.current']);
    const facts = withDeclaredFacts(dossierFacts(required), declared);
    expect(facts.map((fact) => fact.type)).toEqual(required);
    for (const fact of facts) {
      const own = declared.find((candidate) => candidate.type === fact.type)!;
      expect(fact.factId).toBe(own.id);
      expect(fact.value).toEqual(values[fact.type]);
    }
  });

  it('matches four facts in a shuffled order, keeping prefilled entries and taking the declared provenance', () => {
    const required = [
      'identity.full_name',
      'residence.current',
      'family.father',
      'family.mother',
      'military.health_grade',
    ];
    const declared = declare([
      'family.mother',
      'military.health_grade',
      'residence.current',
      'family.father',
    ]);
    const facts = withDeclaredFacts(dossierFacts(required), declared);
    expect(facts.map((fact) => fact.type)).toEqual(required);
    expect(facts[0]!.factId).toBe('prefilled-name');
    expect(facts[0]!.origin).toBe('prefilled');
    for (const fact of facts.slice(1)) {
      const own = declared.find((candidate) => candidate.type === fact.type)!;
      expect(fact).toEqual({
        type: fact.type,
        origin: 'supplied',
        value: values[fact.type],
        sourceSystem: 'one-stop',
        assurance: 'ASSURANCE_SELF_DECLARED',
        sourceRecordRef: `dossier/${DOSSIER_ID}`,
        observedAt: '2026-02-24T03:00:00.000Z',
        factId: own.id,
      });
    }
    expect(new Set(facts.map((fact) => fact.factId)).size).toBe(required.length);
  });

  it('replaces only the types handed in with a supplement and leaves the others', () => {
    const before = withDeclaredFacts(
      dossierFacts(['identity.full_name', 'family.father', 'military.health_grade']),
      declare(['military.health_grade', 'family.father']),
    );
    const supplement = declare(['military.health_grade']);
    const after = withDeclaredFacts(before, supplement);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toEqual(before[1]);
    expect(after[2]!.factId).toBe(supplement[0]!.id);
    expect(after[2]!.factId).not.toBe(before[2]!.factId);
  });
});
