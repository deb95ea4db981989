import { describe, expect, it } from 'vitest';
import { loadProcedureCatalog } from '../src/catalog-data.ts';
import { completeFacts, prefill, type KnownFact } from '../src/domain/prefill.ts';

const procedure = loadProcedureCatalog().get('1.004227'); // first-time military registration

const authoritative = (type: string, value: unknown): KnownFact => ({
  factId: `fact-${type}`,
  type,
  value,
  sourceSystem: 'national-population-db',
  assurance: 'ASSURANCE_AUTHORITATIVE',
  sourceRecordRef: 'NPDB/001099000001',
  observedAt: '2026-11-30T00:00:00.000Z',
  dossierId: '',
});

const address = { provinceCode: '01', wardCode: '00004', detail: 'Số 1', unitsVersion: 'current-2025' };
const known = [
  authoritative('identity.full_name', {
    family: 'Nguyễn',
    middle: 'Văn',
    given: 'An',
    full: 'Nguyễn Văn An',
  }),
  authoritative('identity.date_of_birth', { date: '1945', precision: 'year' }),
  authoritative('identity.sex', { sex: 'male' }),
  authoritative('residence.permanent', address),
  authoritative('residence.current', address),
  authoritative('family.father', { recorded: false }),
  authoritative('family.mother', { fullName: 'Trần Thị Cúc' }),
  authoritative('civil.marital_status', { status: 'single' }),
];
const healthGrade = { type: 'military.health_grade', value: { grade: 1, assessedAt: '2026-11-30' } };

describe('prefill with facts the record states as absent or partial', () => {
  it('prefills a father the record does not name as "not recorded", with provenance, and asks nothing about him', () => {
    const state = prefill(procedure, known);
    expect(state.missing).toEqual(['military.health_grade']);
    expect(state.prefilled.find((fact) => fact.type === 'family.father')).toEqual({
      type: 'family.father',
      origin: 'prefilled',
      value: { recorded: false },
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'NPDB/001099000001',
      observedAt: '2026-11-30T00:00:00.000Z',
      factId: 'fact-family.father',
    });
    expect(
      prefill(procedure, known).prefilled.find((fact) => fact.type === 'identity.date_of_birth')?.value,
    ).toEqual({
      date: '1945',
      precision: 'year',
    });
    const done = completeFacts(procedure, state, [healthGrade], '2026-11-30T01:00:00.000Z');
    expect(done.toDeclare).toEqual([healthGrade]);
    expect(done.prefilledCount).toBe(8);
  });

  it('refuses a father typed over the recorded absence, and an empty name where nothing is known', () => {
    const state = prefill(procedure, known);
    expect(() =>
      completeFacts(
        procedure,
        state,
        [healthGrade, { type: 'family.father', value: { fullName: 'X Y' } }],
        'now',
      ),
    ).toThrow(expect.objectContaining({ code: 'MOTLAN_FACT_HELD_WITH_AUTHORITY' }));
    const unknownFather = prefill(
      procedure,
      known.filter((fact) => fact.type !== 'family.father'),
    );
    expect(unknownFather.missing).toContain('family.father');
    expect(() =>
      completeFacts(
        procedure,
        unknownFather,
        [healthGrade, { type: 'family.father', value: { fullName: '' } }],
        'now',
      ),
    ).toThrow(
      expect.objectContaining({ code: 'MOTLAN_FACT_VALUE_INVALID', field: 'facts.1.value.fullName' }),
    );
  });
});
