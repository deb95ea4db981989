import { describe, expect, it } from 'vitest';
import { FACT_CATALOG, militaryCodeFor, type FactTypeName } from '@motlan/domain';
import { isMotlanError, type MotlanError } from '@motlan/errors';
import { loadProcedureCatalog } from '../src/catalog-data.ts';
import { readConfig } from '../src/config.ts';
import type { DossierFact } from '../src/domain/prefill.ts';
import { ProcedureCatalog } from '../src/domain/procedure-catalog.ts';
import type { Procedure } from '../src/domain/procedure.ts';
import { resultFact, resultValue } from '../src/domain/result-fact.ts';

const catalog = loadProcedureCatalog();
const commune = { unitCode: 'BCHQS-X-00004', facts: [] as DossierFact[] };
const province = { unitCode: 'BCHQS-T-01', facts: [] as DossierFact[] };
/** 24 February 2026, 01:30 in Vietnam: the day of resolution is the 24th there, the 23rd in UTC. */
const resolvedAt = new Date('2026-02-23T18:30:00Z');
const dossier = { id: 'd-1', code: 'MT-20260224-000001', personalId: '001099000001' };

/** The military person code the commune military command issues on a first registration. */
const militaryCode = militaryCodeFor({ issuingUnit: 'TD', registrationYear: 2026, serial: 4 });
const issued = { militaryCode };

const newAddress = {
  provinceCode: '79',
  wardCode: '26734',
  detail: 'Số 5 Lê Lợi',
  unitsVersion: 'current-2025',
};

function held(type: string, value: unknown): DossierFact {
  return {
    type,
    origin: 'prefilled',
    value,
    sourceSystem: 'commune-military-command',
    assurance: 'ASSURANCE_AUTHORITATIVE',
    sourceRecordRef: 'dossier/MT-20250401-000001',
    observedAt: '2025-04-01T03:00:00.000Z',
    factId: 'f-1',
  };
}

const reserve = held('military.service_registration', {
  status: 'reserve',
  registeredAt: '2025-04-01',
  unitCode: 'BCHQS-X-00004',
  commune: '00004',
});

function thrown(fn: () => unknown): MotlanError {
  try {
    fn();
  } catch (error) {
    if (isMotlanError(error)) return error;
    throw error;
  }
  throw new Error('expected a MotlanError, nothing was thrown');
}

const value = (code: string, facts = commune, override?: unknown) =>
  resultValue(catalog.get(code), facts, resolvedAt, override);

describe('every procedure has a result fact', () => {
  it.each(catalog.procedures.map((procedure) => [procedure.code, procedure] as const))(
    '%s',
    (_code, procedure) => {
      expect(procedure.resultFact).not.toBeNull();
    },
  );

  it('from a source the catalog takes as authoritative for its type', () => {
    const fallback = readConfig({}).RESULT_SOURCE_SYSTEM;
    expect(fallback).toBe('commune-military-command');
    for (const procedure of catalog.procedures) {
      const template = procedure.resultFact!;
      const source = template.sourceSystem ?? fallback;
      expect(FACT_CATALOG[template.type as FactTypeName].authoritativeSources, procedure.code).toContain(
        source,
      );
      // The issuing level follows the handling level.
      expect(source, procedure.code).toBe(
        procedure.level === 'commune' ? 'commune-military-command' : 'provincial-military-command',
      );
    }
  });
});

describe('military service registration results (as before)', () => {
  it('registers for the first time at the handling unit, on the day of resolution in Vietnam', () => {
    expect(value('1.004227', commune, issued)).toEqual({
      status: 'registered',
      registeredAt: '2026-02-24',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
      militaryCode,
    });
  });

  it('is refused on a first registration without the military person code the officer issued', () => {
    expect(catalog.get('1.004227').resultFact?.officerGives).toEqual(['militaryCode']);
    expect(thrown(() => value('1.004227'))).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'result.militaryCode',
      meta: { factType: 'military.service_registration', missing: 'militaryCode' },
    });
  });

  it.each([
    ['a wrong check character', `${militaryCode.slice(0, -1)}${militaryCode.endsWith('0') ? '1' : '0'}`],
    ['a wrong length', militaryCode.slice(0, -2)],
    ['an unknown issuing unit', `QNZZ${militaryCode.slice(4)}`],
    ['lower case', militaryCode.toLowerCase()],
  ])('refuses a military person code with %s, naming the field', (_what, code) => {
    expect(thrown(() => value('1.004227', commune, { militaryCode: code }))).toMatchObject({
      code: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'result.militaryCode',
      httpStatus: 400,
    });
  });

  it('sets the status of reserve and exemption, keeps the one held for a supplement and a move-in', () => {
    expect(value('1.004223', { ...commune, facts: [reserve] })).toMatchObject({ status: 'reserve' });
    expect(value('1.004228', { ...commune, facts: [reserve] })).toMatchObject({ status: 'exempt' });
    expect(value('1.004222', { ...commune, facts: [reserve] })).toMatchObject({ status: 'reserve' });
    // The move-in at the receiving commune ends the transfer the move-out recorded.
    const transferred = held('military.service_registration', {
      ...(reserve.value as object),
      transferredTo: newAddress,
      transferredAt: '2026-02-10',
    });
    const movedIn = value('1.004226', { unitCode: 'BCHQS-X-26734', facts: [transferred] });
    expect(movedIn).toEqual({
      status: 'reserve',
      registeredAt: '2026-02-24',
      unitCode: 'BCHQS-X-26734',
      commune: '26734',
    });
  });

  it('takes the officer’s whole value, checked against the catalog', () => {
    const officer = {
      status: 'deferred',
      registeredAt: '2026-02-20',
      unitCode: 'BCHQS-X-00007',
      commune: '00007',
      militaryCode,
    };
    expect(value('1.004227', commune, officer)).toEqual(officer);
    const bad = thrown(() => value('1.004227', commune, { ...officer, status: 'drafted' }));
    expect(bad).toMatchObject({ code: 'MOTLAN_FACT_VALUE_INVALID', field: 'result.status', httpStatus: 400 });
    expect(thrown(() => value('1.004227', commune, 'registered'))).toMatchObject({
      code: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'result',
    });
  });
});

describe('moving away (1.004224)', () => {
  it('marks the registration transferred to the new residence the officer gives, keeping its status', () => {
    expect(value('1.004224', { ...commune, facts: [reserve] }, { transferredTo: newAddress })).toEqual({
      status: 'reserve',
      registeredAt: '2026-02-24',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
      transferredTo: newAddress,
      transferredAt: '2026-02-24',
    });
  });

  it('is refused without the destination, naming the field', () => {
    for (const override of [undefined, {}, { transferredAt: '2026-02-24' }]) {
      const error = thrown(() => value('1.004224', { ...commune, facts: [reserve] }, override));
      expect(error).toMatchObject({
        code: 'MOTLAN_VALIDATION_FAILED',
        httpStatus: 400,
        field: 'result.transferredTo',
        meta: { factType: 'military.service_registration', missing: 'transferredTo' },
      });
      expect(error.message).toContain('Resolving 1.004224 needs result.transferredTo');
    }
  });

  it('checks the destination as an address', () => {
    const error = thrown(() =>
      value('1.004224', commune, { transferredTo: { ...newAddress, districtCode: '760' } }),
    );
    expect(error).toMatchObject({
      code: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'result.transferredTo.districtCode',
    });
  });
});

describe('temporary absence (1.004225)', () => {
  const absence = { from: '2026-03-01', until: '2026-08-31', destination: 'Thành phố Hồ Chí Minh' };

  it('registers the absence the officer describes at the handling unit', () => {
    expect(value('1.004225', commune, { ...absence, reason: 'Đi làm việc' })).toEqual({
      ...absence,
      reason: 'Đi làm việc',
      registeredAt: '2026-02-24',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
    });
  });

  it('is refused without its dates and destination, naming each', () => {
    const none = thrown(() => value('1.004225'));
    expect(none).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'result.from',
      meta: { missing: 'from,until,destination' },
    });
    expect(none.message).toContain('result.from, result.until, result.destination');
    expect(
      thrown(() => value('1.004225', commune, { from: '2026-03-01', destination: 'Huế' })),
    ).toMatchObject({
      field: 'result.until',
    });
  });

  it('refuses an absence that ends before it starts', () => {
    expect(thrown(() => value('1.004225', commune, { ...absence, until: '2026-02-28' }))).toMatchObject({
      code: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'result.until',
    });
  });

  it('is valid, as a fact, for the time of the absence', () => {
    const fact = resultFact(
      'military.temporary_absence',
      value('1.004225', commune, absence),
      dossier,
      'commune-military-command',
      resolvedAt,
    );
    expect(fact.provenance).toMatchObject({
      validFrom: '2026-03-01',
      validUntil: '2026-08-31',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'dossier/MT-20260224-000001',
    });
  });
});

describe('defence-works protection (2.002101–2.002103)', () => {
  const permit = {
    worksRef: 'Trận địa TĐ-01',
    scope: 'Khoan thăm dò 200 m phía bắc',
    validUntil: '2026-12-31',
  };

  it.each([
    ['2.002101', 'defence.safety_belt_permit'],
    ['2.002102', 'defence.special_area_entry_permit'],
    ['2.002103', 'defence.construction_location_agreement'],
  ])('%s issues a %s of the provincial command, valid from the day of issue unless given', (code, type) => {
    const procedure = catalog.get(code);
    expect(procedure.resultFact).toMatchObject({ type, sourceSystem: 'provincial-military-command' });
    expect(value(code, province, permit)).toEqual({
      ...permit,
      validFrom: '2026-02-24',
      unitCode: 'BCHQS-T-01',
      issuedAt: '2026-02-24',
    });
    expect(value(code, province, { ...permit, validFrom: '2026-03-01' })).toMatchObject({
      validFrom: '2026-03-01',
    });
    const missing = thrown(() => value(code, province, { worksRef: permit.worksRef }));
    expect(missing).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'result.scope',
      meta: { factType: type, missing: 'scope,validUntil' },
    });
    expect(thrown(() => value(code, province, { ...permit, validUntil: '2026-01-31' }))).toMatchObject({
      code: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'result.validUntil',
    });
    const fact = resultFact(
      type,
      value(code, province, permit),
      dossier,
      'provincial-military-command',
      resolvedAt,
    );
    expect(fact.provenance).toMatchObject({ validFrom: '2026-02-24', validUntil: '2026-12-31' });
  });
});

describe('registration results as facts', () => {
  it('are valid from the day of resolution, open-ended', () => {
    const fact = resultFact(
      'military.service_registration',
      value('1.004227', commune, issued),
      dossier,
      'x',
      resolvedAt,
    );
    expect(fact.provenance).toMatchObject({ validFrom: '2026-02-24', validUntil: '', sourceSystem: 'x' });
  });
});

describe('result templates in the catalog', () => {
  const base = catalog.get('1.004225');
  const withResult = (resultFact: unknown) => [{ ...base, resultFact } as Procedure];

  it('refuses a property the officer would give that the type does not have', () => {
    expect(
      () =>
        new ProcedureCatalog(
          withResult({ type: 'military.temporary_absence', officerGives: ['returnedAt'] }),
        ),
    ).toThrow('1.004225: military.temporary_absence has no property returnedAt');
  });

  it('refuses a source system that is no authority for the type', () => {
    expect(
      () =>
        new ProcedureCatalog(
          withResult({ type: 'military.temporary_absence', sourceSystem: 'provincial-military-command' }),
        ),
    ).toThrow('provincial-military-command is no authority for military.temporary_absence');
  });
});
