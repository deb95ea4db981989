/**
 * Every procedure's result becomes an authoritative fact of its handling unit on citizen.facts.v1,
 * through the outbox: a temporary absence (commune military command) and a defence-works entry
 * permit (provincial military command). A resolution without the data its result needs is refused
 * and changes nothing. Real PostgreSQL and Kafka; the mesh is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { militaryCodeFor } from '@motlan/domain';
import { isMotlanError, type MotlanError } from '@motlan/errors';
import { messageCodec, type Fact__Output } from '@motlan/proto';
import type { ActionInput, DossierView } from '../src/one-stop.ts';
import { clientTls, httpsJson } from '@motlan/testkit';
import { anyOfficer, citizen, OFFICER_CLIENT, readPublished, startHarness, type Harness } from './harness.ts';

let h: Harness;
const ict = (local: string) => new Date(`${local}+07:00`);
const factCodec = messageCodec<Fact__Output>('motlan.common.v1.Fact');

beforeAll(async () => {
  h = await startHarness();
  h.app.relay.start();
});

afterAll(async () => {
  await h.resources.cleanup();
});

/** A citizen of ward 00004 (Hà Nội), registered for military service there. */
function registeredCitizen(n: number) {
  const person = h.mesh.addCitizen(citizen(n));
  h.mesh.put(
    person.personalId,
    'military.service_registration',
    { status: 'registered', registeredAt: '2025-04-01', unitCode: 'BCHQS-X-00004', commune: '00004' },
    'commune-military-command',
    'ASSURANCE_AUTHORITATIVE',
    'earlier-dossier',
  );
  return person;
}

async function receive(
  person: ReturnType<typeof registeredCitizen>,
  procedureCode: string,
  extra: { facts?: { type: string; value: unknown }[]; documents?: string[] } = {},
): Promise<DossierView> {
  const applicant = {
    personalId: person.personalId,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
  };
  const dossier = await h.app.oneStop.submit(
    { procedureCode, applicant, ...extra },
    `receive-${procedureCode}`,
  );
  return h.app.oneStop.act(dossier.id, 'start-processing', { actor: 'officer' }, 'start');
}

const resolve = (dossier: DossierView, input: ActionInput = {}) =>
  h.app.oneStop.act(dossier.id, 'resolve', { actor: 'officer', ...input }, `resolve-${dossier.code}`);

async function refused(work: Promise<unknown>): Promise<MotlanError> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isMotlanError(error)) throw new Error(`expected a MotlanError, got ${String(error)}`);
  return error;
}

/** Rows that a resolution would add: none may appear when it is refused. */
async function counts() {
  return { history: await h.count('dossier_history'), outbox: await h.count('outbox') };
}

async function publishedFactsOf(personalId: string): Promise<Fact__Output[]> {
  return (await readPublished(h, h.topics.citizenFacts.name))
    .map((value) => factCodec.decode(value))
    .filter((fact) => fact.subject?.personalId === personalId);
}

describe('results of every procedure as authoritative facts', () => {
  it('publishes in the catalog what the officer gives and who issues the result', async () => {
    const response = await h.app.http.inject({ method: 'GET', url: '/v1/procedures/2.002102' });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { resultFact: unknown }).resultFact).toEqual({
      type: 'defence.special_area_entry_permit',
      officerGives: ['worksRef', 'scope', 'validUntil'],
      sourceSystem: 'provincial-military-command',
    });
    const absence = await h.app.http.inject({ method: 'GET', url: '/v1/procedures/1.004225' });
    expect((absence.json() as { resultFact: unknown }).resultFact).toEqual({
      type: 'military.temporary_absence',
      officerGives: ['from', 'until', 'destination'],
    });
  });

  it('publishes a temporary absence of the commune military command, refused first without its data', async () => {
    h.clock.now = ict('2026-03-02T09:00:00');
    const person = registeredCitizen(801);
    const dossier = await receive(person, '1.004225', {
      facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } }],
    });
    expect(dossier.unitCode).toBe('BCHQS-X-00004');

    h.clock.now = ict('2026-03-02T10:00:00');
    const before = await counts();
    const missing = await refused(resolve(dossier));
    expect(missing).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      httpStatus: 400,
      field: 'result.from',
      meta: { factType: 'military.temporary_absence', missing: 'from,until,destination' },
    });
    const partial = await refused(resolve(dossier, { result: { from: '2026-03-05', destination: 'Huế' } }));
    expect(partial).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'result.until' });
    const backwards = await refused(
      resolve(dossier, { result: { from: '2026-03-05', until: '2026-03-01', destination: 'Huế' } }),
    );
    expect(backwards).toMatchObject({ code: 'MOTLAN_FACT_VALUE_INVALID', field: 'result.until' });
    expect(await counts()).toEqual(before);
    expect(await h.app.oneStop.get(dossier.id, anyOfficer)).toMatchObject({
      status: 'in_processing',
      resultFactId: null,
      closedAt: null,
    });

    const absence = {
      from: '2026-03-05',
      until: '2026-09-30',
      destination: 'Phường Sài Gòn, Thành phố Hồ Chí Minh',
      reason: 'Đi làm việc',
    };
    const resolved = await resolve(dossier, { result: absence });
    expect(resolved).toMatchObject({ status: 'resolved', onTime: true });
    expect(resolved.resultFactId).not.toBeNull();
    expect(await counts()).toEqual({ history: before.history + 1, outbox: before.outbox + 2 });

    // The dossier's authoritative fact is its result (the intake's typed-in facts are self-declared).
    const facts = (await publishedFactsOf(person.personalId)).filter(
      (fact) => fact.provenance?.assurance === 'ASSURANCE_AUTHORITATIVE',
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      id: resolved.resultFactId,
      type: 'military.temporary_absence',
      provenance: {
        sourceSystem: 'commune-military-command',
        assurance: 'ASSURANCE_AUTHORITATIVE',
        sourceRecordRef: `dossier/${dossier.code}`,
        dossierId: dossier.id,
        validFrom: '2026-03-05',
        validUntil: '2026-09-30',
      },
    });
    expect(JSON.parse(facts[0]!.valueJson)).toEqual({
      ...absence,
      registeredAt: '2026-03-02',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
    });
  });

  it('publishes a first registration with the military person code the officer issued; a bad code is refused, naming the field, changing nothing', async () => {
    h.clock.now = ict('2026-03-02T09:00:00');
    const person = h.mesh.addCitizen(citizen(804));
    const dossier = await receive(person, '1.004227', {
      facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2026-02-20' } }],
    });
    expect(dossier.unitCode).toBe('BCHQS-X-00004');
    const catalogEntry = await h.app.http.inject({ method: 'GET', url: '/v1/procedures/1.004227' });
    expect((catalogEntry.json() as { resultFact: unknown }).resultFact).toEqual({
      type: 'military.service_registration',
      status: 'registered',
      officerGives: ['militaryCode'],
    });

    const militaryCode = militaryCodeFor({ issuingUnit: 'TD', registrationYear: 2026, serial: 804 });
    const wrongCheck = `${militaryCode.slice(0, -1)}${militaryCode.endsWith('0') ? '1' : '0'}`;
    const before = await counts();
    const overRest = await httpsJson(`${h.httpsUrl}/v1/dossiers/${dossier.id}/resolve`, {
      method: 'POST',
      body: { result: { militaryCode: wrongCheck } },
      tls: clientTls(OFFICER_CLIENT),
    });
    expect(overRest.status).toBe(400);
    expect(overRest.headers['content-type']).toMatch(/problem\+json/);
    expect(overRest.body).toMatchObject({ code: 'MOTLAN_FACT_VALUE_INVALID', field: 'result.militaryCode' });
    expect((overRest.body as { detail: string }).detail).toMatch(/check character/);
    expect(await refused(resolve(dossier))).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'result.militaryCode',
    });
    expect(await refused(resolve(dossier, { result: { militaryCode: 'QN-123' } }))).toMatchObject({
      code: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'result.militaryCode',
    });
    expect(await counts()).toEqual(before);
    expect(await h.app.oneStop.get(dossier.id, anyOfficer)).toMatchObject({
      status: 'in_processing',
      resultFactId: null,
    });

    const resolved = await resolve(dossier, { result: { militaryCode } });
    expect(resolved.status).toBe('resolved');
    const facts = (await publishedFactsOf(person.personalId)).filter(
      (fact) => fact.type === 'military.service_registration',
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      id: resolved.resultFactId,
      provenance: { sourceSystem: 'commune-military-command', assurance: 'ASSURANCE_AUTHORITATIVE' },
    });
    expect(JSON.parse(facts[0]!.valueJson)).toEqual({
      status: 'registered',
      registeredAt: '2026-03-02',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
      militaryCode,
    });
  });

  it('publishes a defence-works entry permit of the provincial military command', async () => {
    h.clock.now = ict('2026-03-02T09:00:00');
    const person = registeredCitizen(802);
    const dossier = await receive(person, '2.002102', { documents: ['don-de-nghi'] });
    expect(dossier.unitCode).toBe('BCHQS-T-01');

    const before = await counts();
    const missing = await refused(resolve(dossier, { result: { worksRef: 'Khu vực bảo vệ CT-07' } }));
    expect(missing).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'result.scope',
      meta: { factType: 'defence.special_area_entry_permit', missing: 'scope,validUntil' },
    });
    expect(await counts()).toEqual(before);
    expect((await h.app.oneStop.get(dossier.id, anyOfficer)).status).toBe('in_processing');

    h.clock.now = ict('2026-03-09T15:00:00');
    const permit = {
      worksRef: 'Khu vực bảo vệ CT-07',
      scope: 'Ra, vào khảo sát địa chất, 2 người',
      validUntil: '2026-06-30',
    };
    const resolved = await resolve(dossier, { result: permit });
    expect(resolved.status).toBe('resolved');

    const facts = await publishedFactsOf(person.personalId);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      id: resolved.resultFactId,
      type: 'defence.special_area_entry_permit',
      provenance: {
        sourceSystem: 'provincial-military-command',
        assurance: 'ASSURANCE_AUTHORITATIVE',
        sourceRecordRef: `dossier/${dossier.code}`,
        validFrom: '2026-03-09',
        validUntil: '2026-06-30',
      },
    });
    expect(JSON.parse(facts[0]!.valueJson)).toEqual({
      ...permit,
      validFrom: '2026-03-09',
      unitCode: 'BCHQS-T-01',
      issuedAt: '2026-03-09',
    });
  });

  it('refuses an officer-given value with U+0000 (400 over REST, refused in the domain too), changing nothing', async () => {
    h.clock.now = ict('2026-03-02T09:00:00');
    const person = registeredCitizen(803);
    const dossier = await receive(person, '2.002102', { documents: ['don-de-nghi'] });
    const result = {
      worksRef: 'W-1\u0000',
      scope: 'Ra, vào khảo sát địa chất, 2 người',
      validUntil: '2026-06-30',
    };
    const before = await counts();

    const overRest = await httpsJson(`${h.httpsUrl}/v1/dossiers/${dossier.id}/resolve`, {
      method: 'POST',
      body: { result },
      tls: clientTls(OFFICER_CLIENT),
    });
    expect(overRest.status).toBe(400);
    expect(overRest.headers['content-type']).toMatch(/problem\+json/);
    expect(overRest.body).toMatchObject({
      code: 'MOTLAN_TEXT_CONTROL_CHARACTER',
      field: 'body.result.worksRef',
    });
    // Called past the edge, the result fact's own validation refuses it the same way.
    expect(await refused(resolve(dossier, { result }))).toMatchObject({
      code: 'MOTLAN_TEXT_CONTROL_CHARACTER',
      field: 'result.worksRef',
    });

    expect(await counts()).toEqual(before);
    expect((await h.app.oneStop.get(dossier.id, anyOfficer)).status).toBe('in_processing');
    expect(await publishedFactsOf(person.personalId)).toEqual([]);
  });

  it('publishes a move-out as the registration transferred to the new residence', async () => {
    h.clock.now = ict('2026-03-02T09:00:00');
    const person = registeredCitizen(803);
    const dossier = await receive(person, '1.004224');
    const before = await counts();
    expect(await refused(resolve(dossier))).toMatchObject({ field: 'result.transferredTo' });
    expect(await counts()).toEqual(before);

    const to = { provinceCode: '79', wardCode: '26734', detail: 'Số 5 Lê Lợi', unitsVersion: 'current-2025' };
    const resolved = await resolve(dossier, { result: { transferredTo: to } });
    const facts = await publishedFactsOf(person.personalId);
    expect(facts.map((fact) => [fact.id, fact.type, fact.provenance?.sourceSystem])).toEqual([
      [resolved.resultFactId, 'military.service_registration', 'commune-military-command'],
    ]);
    expect(JSON.parse(facts[0]!.valueJson)).toEqual({
      status: 'registered',
      registeredAt: '2026-03-02',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
      transferredTo: to,
      transferredAt: '2026-03-02',
    });
    h.clock.now = new Date();
  });
});
