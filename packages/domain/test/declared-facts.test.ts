import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { canonicalJson, contentHash, declaredFacts } from '../src/index.ts';

const grade = { grade: 2, assessedAt: '2026-02-20' };
const father = { fullName: 'Nguyễn Văn Bình' };

function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (isMotlanError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('declared facts (the one builder for DeclareFacts and the one-stop outbox)', () => {
  it('makes self-declared facts of the declaring client, from the dossier, in the order given', () => {
    const facts = declaredFacts(
      {
        personalId: '001099000777',
        dossierId: 'd-42',
        facts: [
          { type: 'military.health_grade', value: grade },
          { type: 'family.father', value: father },
        ],
      },
      'one-stop',
      { now: new Date('2026-02-24T03:00:00Z') },
    );
    expect(facts.map((fact) => fact.type)).toEqual(['military.health_grade', 'family.father']);
    expect(facts[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      subject: { personalId: '001099000777' },
      type: 'military.health_grade',
      valueJson: canonicalJson(grade),
      provenance: {
        sourceSystem: 'one-stop',
        assurance: 'ASSURANCE_SELF_DECLARED',
        sourceRecordRef: 'dossier/d-42',
        sourceRecordVersion: '1',
        observedAt: '2026-02-24T03:00:00.000Z',
        validFrom: '',
        validUntil: '',
        dossierId: 'd-42',
        contentHash: contentHash(grade),
      },
    });
    expect(facts[0]!.id).not.toBe(facts[1]!.id);
  });

  it('refuses the whole declaration for one bad value, naming it', () => {
    const error = refusal(() =>
      declaredFacts(
        {
          personalId: '001099000777',
          dossierId: 'd-42',
          facts: [
            { type: 'family.father', value: father },
            { type: 'military.health_grade', value: { grade: 9 } },
          ],
        },
        'one-stop',
      ),
    );
    expect(error.field).toMatch(/^facts\.1\.value/);
  });

  it('refuses a bad subject, dossier id or number of facts', () => {
    const base = {
      personalId: '001099000777',
      dossierId: 'd-42',
      facts: [{ type: 'family.father', value: father }],
    };
    expect(refusal(() => declaredFacts({ ...base, personalId: '12' }, 'one-stop')).field).toBe('personalId');
    expect(refusal(() => declaredFacts({ ...base, dossierId: 'a b' }, 'one-stop')).field).toBe('dossierId');
    expect(refusal(() => declaredFacts({ ...base, facts: [] }, 'one-stop')).field).toBe('facts');
  });
});
