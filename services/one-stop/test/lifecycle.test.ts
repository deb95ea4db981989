import { describe, expect, it } from 'vitest';
import { militaryCodeFor } from '@motlan/domain';
import { loadProcedureCatalog, loadWorkingCalendar } from '../src/catalog-data.ts';
import type { ApplicantContext, OfficerContext } from '../src/domain/callers.ts';
import type { KnownFact } from '../src/domain/prefill.ts';
import { endOfVietnamDay } from '../src/domain/working-calendar.ts';
import type { ApplicantVerifier, FactStore } from '../src/mesh/ports.ts';
import { OneStop } from '../src/one-stop.ts';
import type { DossierStore } from '../src/store/dossier-store.ts';
import { MemoryDossierStore } from '../src/store/memory-dossier-store.ts';

const ict = (local: string) => new Date(`${local}+07:00`);
const applicant = { personalId: '001099000001', fullName: 'Nguyễn Văn An', dateOfBirth: '1999-05-14' };
const portal: ApplicantContext = {
  role: 'applicant',
  client: 'citizen-portal',
  personalId: applicant.personalId,
  assertedBy: 'client',
};
const officer: OfficerContext = {
  role: 'officer',
  client: 'commune-officer',
  actor: 'commune-officer/officer-17',
  mayActFor: () => true,
};
/** The military person code the commune military command issues on a first registration (1.004227). */
const issued = { militaryCode: militaryCodeFor({ issuingUnit: 'TD', registrationYear: 2025, serial: 17 }) };
const address = {
  provinceCode: '01',
  wardCode: '00004',
  detail: 'Số 1 phố Hàng Bài',
  unitsVersion: 'current-2025',
};

/** What the population database knows of the applicant: everything a first registration needs but the health grade. */
const KNOWN: KnownFact[] = Object.entries({
  'identity.full_name': { family: 'Nguyễn', middle: 'Văn', given: 'An', full: applicant.fullName },
  'identity.date_of_birth': { date: applicant.dateOfBirth },
  'identity.sex': { sex: 'male' },
  'residence.permanent': address,
  'residence.current': address,
  'family.father': { fullName: 'Nguyễn Văn Bình' },
  'family.mother': { fullName: 'Trần Thị Cúc' },
  'civil.marital_status': { status: 'single' },
}).map(([type, value]) => ({
  factId: `npdb-${type}`,
  type,
  value,
  sourceSystem: 'national-population-db',
  assurance: 'ASSURANCE_AUTHORITATIVE',
  sourceRecordRef: `NPDB/${applicant.personalId}`,
  observedAt: '2025-01-01T00:00:00.000Z',
  dossierId: '',
}));

const verifier: ApplicantVerifier = {
  verify: async (request) => {
    const known = request.personalId === applicant.personalId;
    return { verified: known, citizenFound: known, mismatched: [], vitalStatus: known ? 'alive' : '' };
  },
};
const facts: FactStore = {
  getFacts: async (personalId, types) =>
    personalId === applicant.personalId ? KNOWN.filter((fact) => types.includes(fact.type)) : [],
  // No fact here has an earlier version.
  factVersion: async () => undefined,
};

/** The use cases over the in-memory store, at a settable time: no PostgreSQL, no Kafka. */
function oneStop(store: DossierStore = new MemoryDossierStore()) {
  const clock = { now: ict('2025-03-03T10:00:00') };
  let commits = 0;
  const service = new OneStop({
    store,
    reportCounts: async () => [],
    catalog: loadProcedureCatalog(),
    calendar: loadWorkingCalendar(),
    verifier,
    facts,
    resultSourceSystem: 'commune-military-command',
    now: () => clock.now,
    onCommitted: () => void (commits += 1),
  });
  return { service, clock, commits: () => commits };
}

const grade = (value: number) => [
  { type: 'military.health_grade', value: { grade: value, assessedAt: '2025-03-01' } },
];
const submitFirstRegistration = (service: OneStop) =>
  service.submit({ procedureCode: '1.004227', applicant, facts: grade(1) }, 'submit');

/** Everything the store holds, to show that a refusal wrote nothing. */
const contents = (store: MemoryDossierStore) =>
  structuredClone({
    dossiers: [...store.dossiers],
    steps: [...store.steps],
    ratings: [...store.ratings],
    keys: [...store.keys],
    outbox: store.outbox,
  });

describe('intake over the dossier store', () => {
  it('receives a dossier with its first step, its event, then the facts typed in, in one write', async () => {
    const store = new MemoryDossierStore();
    const { service, commits } = oneStop(store);
    const dossier = await submitFirstRegistration(service);
    expect(dossier).toMatchObject({
      code: 'MT-20250303-000001',
      status: 'received',
      unitCode: 'BCHQS-X-00004',
      // One working day, counted from Tuesday 4 March.
      dueAt: endOfVietnamDay('2025-03-04').toISOString(),
      onceOnly: { required: 9, prefilled: 8, supplied: 1 },
      allowedActions: ['start-processing', 'reject', 'withdraw'],
      history: [
        { sequence: 1, eventType: 'dossier.received', from: null, to: 'received', actor: 'applicant' },
      ],
    });
    expect(store.outbox.map((event) => [event.topic, event.eventType, event.key])).toEqual([
      ['dossier.events.v1', 'dossier.received', dossier.id],
      ['citizen.facts.v1', 'fact.declared', applicant.personalId],
    ]);
    const typed = dossier.facts.find((fact) => fact.type === 'military.health_grade')!;
    expect(store.outbox[1]!.eventId).toBe(typed.factId);
    expect(await service.get(dossier.code, portal)).toEqual(dossier);
    expect(commits()).toBe(1);
  });

  it('numbers dossiers in order and answers a repeated Idempotency-Key with the first answer', async () => {
    const store = new MemoryDossierStore();
    const { service } = oneStop(store);
    const key = { scope: 'citizen-portal/001099000001', key: 'k-1' };
    const request = { procedureCode: '1.004227', applicant, facts: grade(1) };
    const first = await service.submit(request, 'a', key);
    expect(await service.submit(request, 'b', key)).toEqual(first);
    expect(store.dossiers.size).toBe(1);
    await expect(service.submit({ ...request, facts: grade(2) }, 'c', key)).rejects.toMatchObject({
      code: 'MOTLAN_IDEMPOTENCY_KEY_REUSED',
      field: 'headers.idempotency-key',
    });
    expect((await submitFirstRegistration(service)).code).toBe('MT-20250303-000002');
  });

  it('writes nothing for a refused submission', async () => {
    const store = new MemoryDossierStore();
    const { service } = oneStop(store);
    await expect(service.submit({ procedureCode: '1.004227', applicant }, 'x')).rejects.toMatchObject({
      code: 'MOTLAN_DOSSIER_FACTS_MISSING',
    });
    await expect(
      service.submit(
        {
          procedureCode: '1.004227',
          applicant: { ...applicant, personalId: '001099000002' },
          facts: grade(1),
        },
        'x',
      ),
    ).rejects.toMatchObject({ code: 'MOTLAN_APPLICANT_NOT_VERIFIED', field: 'applicant.personalId' });
    expect(store.dossiers.size).toBe(0);
    expect(store.outbox).toEqual([]);
  });
});

describe('the lifecycle over the dossier store', () => {
  it('takes a dossier from receipt to a result fact, each step in order with its events', async () => {
    const store = new MemoryDossierStore();
    const { service, clock } = oneStop(store);
    const { id } = await submitFirstRegistration(service);
    clock.now = ict('2025-03-04T08:00:00');
    await service.act(id, 'start-processing', { actor: officer.actor }, 'r1');
    clock.now = ict('2025-03-04T09:00:00');
    const paused = await service.act(
      id,
      'request-supplement',
      { actor: officer.actor, reason: 'khám lại' },
      'r2',
    );
    expect(paused).toMatchObject({ status: 'supplement_requested', paused: true, remainingWorkingDays: 0 });
    expect(paused.allowedActions).toEqual(['supplement', 'reject', 'withdraw']);
    clock.now = ict('2025-03-06T09:00:00');
    const resumed = await service.act(id, 'supplement', { applicant: portal, facts: grade(2) }, 'r3');
    // 0 working days left: due at the end of the day the supplement arrived.
    expect(resumed).toMatchObject({
      status: 'in_processing',
      paused: false,
      dueAt: endOfVietnamDay('2025-03-06').toISOString(),
    });
    expect(resumed.facts.find((fact) => fact.type === 'military.health_grade')?.value).toEqual({
      grade: 2,
      assessedAt: '2025-03-01',
    });
    clock.now = ict('2025-03-06T16:00:00');
    const resolved = await service.act(id, 'resolve', { actor: officer.actor, result: issued }, 'r4');
    expect(resolved).toMatchObject({ status: 'resolved', onTime: true, allowedActions: [] });
    expect(resolved.history.map((step) => [step.sequence, step.to, step.actor])).toEqual([
      [1, 'received', 'applicant'],
      [2, 'in_processing', officer.actor],
      [3, 'supplement_requested', officer.actor],
      [4, 'in_processing', 'applicant'],
      [5, 'resolved', officer.actor],
    ]);
    expect(store.outbox.map((event) => event.eventType)).toEqual([
      'dossier.received',
      'fact.declared',
      'dossier.processing_started',
      'dossier.supplement_requested',
      'dossier.supplemented',
      'fact.declared',
      'dossier.resolved',
      'fact.resolved',
    ]);
    const result = store.outbox.at(-1)!;
    expect(result.eventId).toBe(resolved.resultFactId);
    expect(result.payload).toMatchObject({
      type: 'military.service_registration',
      valueJson: expect.stringContaining(`"militaryCode":"${issued.militaryCode}"`),
      provenance: { sourceSystem: 'commune-military-command', sourceRecordRef: `dossier/${resolved.code}` },
    });
    // Each dossier event carries its step's number and the state after it.
    expect(
      store.outbox
        .filter((event) => event.topic === 'dossier.events.v1')
        .map((event) => (event.payload as { sequence: string }).sequence),
    ).toEqual(['1', '2', '3', '4', '5']);
  });

  it('refuses what the rules refuse and writes nothing', async () => {
    const store = new MemoryDossierStore();
    const { service, commits } = oneStop(store);
    const { id } = await submitFirstRegistration(service);
    const before = contents(store);
    await expect(service.act(id, 'resolve', {}, 'x')).rejects.toMatchObject({
      code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED',
    });
    await expect(service.act(id, 'reject', {}, 'x')).rejects.toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'reason',
    });
    await expect(service.act(id, 'start-processing', { result: {} }, 'x')).rejects.toMatchObject({
      field: 'result',
    });
    await expect(
      service.act(
        id,
        'start-processing',
        { actor: 'bchqs-x-99999', mayActFor: (unit) => unit === 'BCHQS-X-99999' },
        'x',
      ),
    ).rejects.toMatchObject({ code: 'MOTLAN_OFFICER_NOT_ALLOWED' });
    const stranger: ApplicantContext = { ...portal, personalId: '001099000002' };
    await expect(service.act(id, 'withdraw', { applicant: stranger }, 'x')).rejects.toMatchObject({
      code: 'MOTLAN_NOT_THE_APPLICANT',
    });
    // The same answer for no dossier at all; an officer learns it does not exist.
    await expect(service.get('MT-20250303-999999', portal)).rejects.toMatchObject({
      code: 'MOTLAN_NOT_THE_APPLICANT',
    });
    await expect(service.get('MT-20250303-999999', officer)).rejects.toMatchObject({
      code: 'MOTLAN_DOSSIER_NOT_FOUND',
    });
    await service.act(id, 'withdraw', { applicant: portal }, 'w');
    const withdrawn = contents(store);
    for (const action of ['start-processing', 'supplement', 'withdraw'] as const) {
      await expect(service.act(id, action, { applicant: portal, reason: 'r' }, 'x')).rejects.toMatchObject({
        code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED',
      });
    }
    expect(contents(store)).toEqual(withdrawn);
    expect(withdrawn.outbox.length).toBe(before.outbox.length + 1);
    expect(commits()).toBe(2);
  });

  it('refuses an action decided on a dossier that changed meanwhile, writing nothing', async () => {
    const store = new MemoryDossierStore();
    const { service } = oneStop(store);
    const { id } = await submitFirstRegistration(service);
    // Another instance starts processing between this one's read and its lock.
    const stale = (await store.find(id))!;
    const racing: DossierStore = Object.assign(Object.create(store) as MemoryDossierStore, {
      find: async () => stale,
    });
    await service.act(id, 'start-processing', {}, 'other');
    const before = contents(store);
    await expect(oneStop(racing).service.act(id, 'reject', { reason: 'r' }, 'x')).rejects.toMatchObject({
      code: 'MOTLAN_DOSSIER_CHANGED',
    });
    expect(contents(store)).toEqual(before);
  });
});

describe('ratings over the dossier store', () => {
  it('rates a resolved dossier once, with a step and its event', async () => {
    const store = new MemoryDossierStore();
    const { service } = oneStop(store);
    const { id } = await submitFirstRegistration(service);
    await expect(service.rate(id, { score: 5 }, 'x', portal)).rejects.toMatchObject({
      code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED',
    });
    await service.act(id, 'start-processing', {}, 's');
    await service.act(id, 'resolve', { result: issued }, 'r');
    const rated = await service.rate(id, { score: 4, comment: 'nhanh' }, 'rate', portal);
    expect(rated.rating).toMatchObject({ score: 4, comment: 'nhanh' });
    expect(rated.history.at(-1)).toMatchObject({
      sequence: 4,
      eventType: 'dossier.rated',
      from: 'resolved',
      to: 'resolved',
      actor: 'applicant',
    });
    expect(store.outbox.at(-1)!.payload).toMatchObject({
      eventType: 'dossier.rated',
      rating: 4,
      sequence: '4',
    });
    const before = contents(store);
    await expect(service.rate(id, { score: 1 }, 'again', portal)).rejects.toMatchObject({
      code: 'MOTLAN_DOSSIER_ALREADY_RATED',
    });
    expect(contents(store)).toEqual(before);
  });
});
