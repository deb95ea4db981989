/**
 * Intake, lifecycle and bad input through the REST API, against real PostgreSQL and Kafka; the
 * population adapter and the registry are in-memory fakes here (the end-to-end test runs the real
 * ones). Every dossier call goes over https with a client certificate: the citizen portal's, naming
 * the applicant it acts for, or the handling unit's; the public catalog uses inject().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '@motlan/domain';
import { messageCodec, type dossierV1, type Fact__Output } from '@motlan/proto';
import { OFFICER_ACTIONS } from '../src/domain/lifecycle.ts';
import { OfficerGrants } from '../src/domain/officer-grants.ts';
import {
  issuedMilitaryCode,
  citizen,
  OFFICER_CLIENT,
  readPublished,
  startHarness,
  type CallOptions,
  type Harness,
} from './harness.ts';

let h: Harness;
const ict = (local: string) => new Date(`${local}+07:00`);

interface Dossier {
  id: string;
  code: string;
  unitCode: string;
  applicantPersonalId: string;
  status: string;
  dueAt: string;
  dueProvisional: boolean;
  receivedAt: string;
  paused: boolean;
  remainingWorkingDays: number | null;
  onTime: boolean | null;
  facts: { type: string; origin: string; sourceSystem: string; assurance: string; factId: string }[];
  onceOnly: { required: number; prefilled: number; supplied: number };
  resultFactId: string | null;
  allowedActions: string[];
  history: { eventType: string; from: string | null; to: string; actor: string }[];
}

/** The public routes (catalog, OpenAPI), or a call over plain http: no certificate at all. */
async function call(method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await h.app.http.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  return {
    status: response.statusCode,
    type: response.headers['content-type'],
    body: response.json() as unknown,
  };
}

/** The citizen portal, acting for `applicant` (a personal ID). */
const portal = (method: 'GET' | 'POST', url: string, applicant: string, body?: object) =>
  h.https(method, url, { applicant, ...(body === undefined ? {} : { body }) });

const healthGrade = { type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } };

async function submitFirstRegistration(person = h.mesh.addCitizen(citizen(Math.floor(Math.random() * 1e6)))) {
  const answer = await portal('POST', '/v1/dossiers', person.personalId, {
    procedureCode: '1.004227',
    applicant: { personalId: person.personalId, fullName: person.fullName, dateOfBirth: person.dateOfBirth },
    facts: [healthGrade],
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { person, dossier: answer.body as Dossier };
}

const isOfficerAction = (action: string) => (OFFICER_ACTIONS as readonly string[]).includes(action);

/**
 * A lifecycle action as its caller makes it: the applicant's through the portal (for the
 * dossier's applicant), an officer's with the handling unit's certificate — or `as` another
 * certificate name, or `null` for none.
 */
async function act(
  dossier: Dossier,
  action: string,
  body: Record<string, unknown> = {},
  options: Omit<CallOptions, 'body'> = {},
) {
  const officer = isOfficerAction(action);
  return h.https('POST', `/v1/dossiers/${dossier.id}/${action}`, {
    as: options.as === undefined ? (officer ? OFFICER_CLIENT : undefined) : options.as,
    ...(officer ? {} : { applicant: options.applicant ?? dossier.applicantPersonalId }),
    ...(options.officerId ? { officerId: options.officerId } : {}),
    body,
  });
}

/** The dossier as the portal shows it to its applicant. */
const read = async (dossier: Dossier) =>
  (await portal('GET', `/v1/dossiers/${dossier.id}`, dossier.applicantPersonalId)).body as Dossier;

/** Counts of every table and of the declared facts in the outbox: "nothing changed" checks. */
async function state() {
  return {
    dossiers: await h.count('dossiers'),
    history: await h.count('dossier_history'),
    outbox: await h.count('outbox'),
    declarations: (await h.declared()).length,
  };
}

beforeAll(async () => {
  h = await startHarness();
  h.app.relay.start();
});

afterAll(async () => {
  await h.resources.cleanup();
});

describe('the catalog over REST', () => {
  it('publishes OpenAPI 3 for every route', async () => {
    const spec = (await call('GET', '/openapi.json')).body as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/procedures',
        '/v1/procedures/{code}',
        '/v1/dossiers/prefill',
        '/v1/dossiers',
        '/v1/dossiers/{dossierId}',
        '/v1/dossiers/{dossierId}/start-processing',
        '/v1/dossiers/{dossierId}/request-supplement',
        '/v1/dossiers/{dossierId}/supplement',
        '/v1/dossiers/{dossierId}/resolve',
        '/v1/dossiers/{dossierId}/reject',
        '/v1/dossiers/{dossierId}/withdraw',
        '/v1/dossiers/{dossierId}/rating',
        '/v1/reports/dossiers',
      ]),
    );
  });

  it("refuses an officer whose system does not act for the dossier's unit, changing nothing", async () => {
    const { dossier } = await submitFirstRegistration();
    const before = await state();
    const otherUnit = OfficerGrants.parse('bchqs-x-99999=BCHQS-X-99999');
    await expect(
      h.app.oneStop.act(
        dossier.id,
        'start-processing',
        { actor: 'bchqs-x-99999', mayActFor: (unit) => otherUnit.mayActFor('bchqs-x-99999', unit) },
        'scoped',
      ),
    ).rejects.toMatchObject({ code: 'MOTLAN_OFFICER_NOT_ALLOWED', httpStatus: 403 });
    expect(await state()).toEqual(before);
    const ownUnit = OfficerGrants.parse(`bchqs-x=${dossier.unitCode}`);
    const started = await h.app.oneStop.act(
      dossier.id,
      'start-processing',
      { actor: 'bchqs-x', mayActFor: (unit) => ownUnit.mayActFor('bchqs-x', unit) },
      'scoped',
    );
    expect(started.status).toBe('in_processing');
  });

  it('documents which routes need a client certificate, and the officer and applicant headers', async () => {
    interface Operation {
      description: string;
      responses: Record<string, unknown>;
      parameters?: { in: string; name: string }[];
    }
    const spec = (await call('GET', '/openapi.json')).body as {
      paths: Record<string, { post?: Operation; get?: Operation }>;
    };
    for (const action of OFFICER_ACTIONS) {
      const operation = spec.paths[`/v1/dossiers/{dossierId}/${action}`]!.post!;
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      expect(operation.description).toMatch(/client certificate/);
      expect(operation.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'x-officer-id' })]),
      );
    }
    for (const [path, method] of [
      ['/v1/dossiers/prefill', 'post'],
      ['/v1/dossiers', 'post'],
      ['/v1/dossiers/{dossierId}', 'get'],
      ['/v1/dossiers/{dossierId}/supplement', 'post'],
      ['/v1/dossiers/{dossierId}/withdraw', 'post'],
      ['/v1/dossiers/{dossierId}/rating', 'post'],
    ] as const) {
      const operation = spec.paths[path]![method]!;
      expect(Object.keys(operation.responses), path).toEqual(expect.arrayContaining(['401', '403']));
      expect(operation.description, path).toMatch(/client certificate/);
      expect(operation.parameters, path).toEqual(
        expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'x-applicant-id' })]),
      );
    }
    const catalog = spec.paths['/v1/procedures']!.get!;
    expect(Object.keys(catalog.responses)).not.toContain('401');
    const report = spec.paths['/v1/reports/dossiers']!.get!;
    expect(Object.keys(report.responses)).toContain('401');
    expect(report.description).toMatch(/client certificate/);
  });

  it('lists, filters and shows procedures with fees and time limits', async () => {
    const all = await call('GET', '/v1/procedures');
    expect((all.body as { procedures: unknown[] }).procedures.length).toBeGreaterThanOrEqual(9);
    const military = await call('GET', `/v1/procedures?field=${encodeURIComponent('Nghĩa vụ quân sự')}`);
    expect((military.body as { procedures: unknown[] }).procedures).toHaveLength(7);
    const one = await call('GET', '/v1/procedures/1.004225');
    expect(one.body).toMatchObject({
      name: 'Đăng ký tạm vắng nghĩa vụ quân sự',
      timeLimitWorkingDays: 1,
      fees: [],
    });
  });
});

describe('intake', () => {
  it('answers what is prefilled, with provenance, and what is missing', async () => {
    const person = h.mesh.addCitizen(citizen(101));
    const answer = await portal('POST', '/v1/dossiers/prefill', person.personalId, {
      procedureCode: '1.004227',
      applicant: {
        personalId: person.personalId,
        fullName: 'nguyễn văn an',
        dateOfBirth: person.dateOfBirth,
      },
    });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      prefilled: { type: string; sourceSystem: string; assurance: string; sourceRecordRef: string }[];
      missing: { type: string }[];
      documentsNeeded: { code: string }[];
      documentsReplaced: { code: string }[];
    };
    expect(body.prefilled).toHaveLength(8);
    expect(body.prefilled[0]).toMatchObject({
      type: 'identity.full_name',
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `NPDB/${person.personalId}`,
    });
    expect(body.missing.map((entry) => entry.type)).toEqual(['military.health_grade']);
    expect(body.documentsReplaced.map((document) => document.code)).toEqual(['ban-sao-giay-khai-sinh']);
    expect(body.documentsNeeded.map((document) => document.code)).toEqual(['phieu-tu-khai-suc-khoe']);
  });

  it('receives a dossier with a code, a received time and a due time; declares what was supplied', async () => {
    h.clock.now = new Date();
    const { person, dossier } = await submitFirstRegistration();
    expect(dossier.code).toMatch(/^MT-\d{8}-\d{6}$/);
    expect(dossier.status).toBe('received');
    expect(Date.parse(dossier.dueAt)).toBeGreaterThan(Date.parse(dossier.receivedAt));
    expect(dossier.onceOnly).toEqual({ required: 9, prefilled: 8, supplied: 1 });
    expect(dossier.facts.find((fact) => fact.type === 'military.health_grade')).toMatchObject({
      origin: 'supplied',
      assurance: 'ASSURANCE_SELF_DECLARED',
    });
    // Declared with the dossier, through its outbox: the registry's own provenance, the same id.
    const declared = (await h.declared()).filter((fact) => fact.provenance!.dossierId === dossier.id);
    expect(declared).toHaveLength(1);
    expect(declared[0]).toMatchObject({
      subject: { personalId: person.personalId },
      type: healthGrade.type,
      valueJson: canonicalJson(healthGrade.value),
      provenance: {
        sourceSystem: 'one-stop',
        assurance: 'ASSURANCE_SELF_DECLARED',
        sourceRecordRef: `dossier/${dossier.id}`,
        dossierId: dossier.id,
        contentHash: contentHash(healthGrade.value),
      },
    });
    expect(dossier.facts.find((fact) => fact.type === healthGrade.type)?.factId).toBe(declared[0]!.id);
    const byCode = await portal('GET', `/v1/dossiers/${dossier.code}`, person.personalId);
    expect((byCode.body as Dossier).id).toBe(dossier.id);
  });

  it('counts a due date across Tết in working days', async () => {
    h.clock.now = ict('2026-02-13T10:00:00'); // the Friday before Tết Bính Ngọ
    const person = h.mesh.addCitizen(citizen(102));
    h.mesh.put(
      person.personalId,
      'military.service_registration',
      {
        status: 'registered',
        registeredAt: '2025-04-01',
        unitCode: 'BCHQS-X-00004',
        commune: '00004',
      },
      'commune-military-command',
      'ASSURANCE_AUTHORITATIVE',
    );
    const answer = await portal('POST', '/v1/dossiers', person.personalId, {
      procedureCode: '1.004225',
      applicant: {
        personalId: person.personalId,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
      },
      facts: [healthGrade],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    // 1 working day: Sat–Sun, then Tết 16–20 Feb, then Sat–Sun again: Monday 23 Feb, end of day.
    expect((answer.body as Dossier).dueAt).toBe('2026-02-23T16:59:59.999Z');
    expect((answer.body as Dossier).dueProvisional).toBe(false); // 2026's days off are decided
    h.clock.now = new Date();
  });

  it('marks a due date counted over computed holidays (no decision for 2028 yet) as provisional', async () => {
    h.clock.now = ict('2027-12-31T10:00:00'); // Friday; 1 January 2028 is a Saturday
    const { person, dossier } = await submitFirstRegistration();
    // 1 working day: the weekend, then Monday 3 January making up New Year's Day: Tuesday 4.
    expect(dossier.dueAt).toBe('2028-01-04T16:59:59.999Z');
    expect(dossier.dueProvisional).toBe(true);
    const again = await portal('GET', `/v1/dossiers/${dossier.id}`, person.personalId);
    expect((again.body as Dossier).dueProvisional).toBe(true);
    h.clock.now = new Date();
  });
});

describe('bad input: typed problem+json, nothing changed', () => {
  it.each([
    ['unknown procedure', { procedureCode: '9.999999' }, 404, 'MOTLAN_UNKNOWN_PROCEDURE', 'procedureCode'],
    [
      'personal ID with 11 digits',
      { applicant: { personalId: '00109901234', fullName: 'Nguyễn Văn An', dateOfBirth: '1999-05-14' } },
      400,
      'MOTLAN_PERSONAL_ID_LENGTH',
      'applicant.personalId',
    ],
    [
      'personal ID whose century digit contradicts the date of birth',
      { applicant: { personalId: '001201012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1901-05-14' } },
      400,
      'MOTLAN_PERSONAL_ID_CENTURY',
      'applicant.personalId',
    ],
    [
      'fact failing its schema',
      { facts: [{ type: 'military.health_grade', value: { grade: 9, assessedAt: '2025-03-01' } }] },
      400,
      'MOTLAN_FACT_VALUE_INVALID',
      'facts.0.value.grade',
    ],
    [
      'fact held with authority',
      {
        facts: [
          healthGrade,
          {
            type: 'residence.permanent',
            value: { provinceCode: '01', wardCode: '00007', detail: 'x', unitsVersion: 'current-2025' },
          },
        ],
      },
      409,
      'MOTLAN_FACT_HELD_WITH_AUTHORITY',
      'facts.1.type',
    ],
    [
      'fact the procedure does not ask for',
      { facts: [healthGrade, { type: 'identity.blood_group', value: { group: 'O' } }] },
      400,
      'MOTLAN_FACT_NOT_REQUIRED',
      'facts.1.type',
    ],
    ['missing fact not supplied', { facts: [] }, 422, 'MOTLAN_DOSSIER_FACTS_MISSING', 'facts'],
    [
      'applicant not matching the population database',
      { applicant: { personalId: '001099000201', fullName: 'Lê Văn Sai', dateOfBirth: '1999-05-14' } },
      422,
      'MOTLAN_APPLICANT_NOT_VERIFIED',
      'applicant.fullName',
    ],
  ])('%s', async (_name, override, status, code, field) => {
    const person = h.mesh.addCitizen(citizen(201));
    const before = await state();
    const answer = await portal('POST', '/v1/dossiers', person.personalId, {
      procedureCode: '1.004227',
      applicant: {
        personalId: person.personalId,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
      },
      facts: [healthGrade],
      ...override,
    });
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ code, field, status });
    expect(await state()).toEqual(before);
  });

  it('refuses a body that does not fit the schema', async () => {
    const answer = await portal('POST', '/v1/dossiers', citizen(1).personalId, { procedureCode: '1.004227' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'body.applicant' });
  });

  it('refuses an action not allowed in the state, and an unknown dossier', async () => {
    const { dossier } = await submitFirstRegistration();
    await act(dossier, 'withdraw', { reason: 'moved abroad' });
    const before = await state();
    const answer = await act(dossier, 'resolve');
    expect(answer.status).toBe(409);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED' });
    expect((answer.body as { detail: string }).detail).toMatch(/resolve a dossier that is withdrawn/);
    expect(await state()).toEqual(before);
    expect((await read(dossier)).status).toBe('withdrawn');
    const unknown = await h.https('GET', '/v1/dossiers/MT-20000101-000000', { as: OFFICER_CLIENT });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'MOTLAN_DOSSIER_NOT_FOUND' });
    const badAction = await act(dossier, 'reopen');
    expect(badAction.status).toBe(404);
  });

  it('refuses a body field the action does not take, naming it, and changes nothing', async () => {
    const { dossier } = await submitFirstRegistration();
    const before = await state();
    const cases: [string, Record<string, unknown>, string][] = [
      ['start-processing', { result: { status: 'registered' } }, 'result'],
      ['resolve', { facts: [] }, 'facts'],
      ['withdraw', { documents: ['don-de-nghi'] }, 'documents'],
    ];
    for (const [action, body, field] of cases) {
      const answer = await act(dossier, action, body);
      expect(answer.status, action).toBe(400);
      expect(answer.body, action).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: `body.${field}` });
    }
    expect(await state()).toEqual(before);
  });
});

describe('the lifecycle', () => {
  it('goes received → in processing → supplement requested → in processing → resolved, publishing each step', async () => {
    h.clock.now = ict('2026-02-09T09:00:00');
    const { person, dossier } = await submitFirstRegistration(h.mesh.addCitizen(citizen(301)));
    h.clock.now = ict('2026-02-10T09:00:00');
    expect((await act(dossier, 'start-processing', {}, { officerId: 'officer-1' })).status).toBe(200);
    const noReason = await act(dossier, 'request-supplement');
    expect(noReason.body).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'reason' });
    h.clock.now = ict('2026-02-10T10:00:00');
    const paused = (
      await act(dossier, 'request-supplement', { reason: 'ảnh chân dung' }, { officerId: 'officer-1' })
    ).body as Dossier;
    expect(paused).toMatchObject({ status: 'supplement_requested', paused: true, remainingWorkingDays: 0 });
    h.clock.now = ict('2026-02-24T09:00:00');
    const resumed = (
      await act(dossier, 'supplement', {
        facts: [{ type: 'military.health_grade', value: { grade: 2, assessedAt: '2026-02-20' } }],
      })
    ).body as Dossier;
    expect(resumed.status).toBe('in_processing');
    expect(resumed.dueAt).toBe('2026-02-24T16:59:59.999Z');
    h.clock.now = ict('2026-02-24T15:00:00');
    const resolved = (await act(dossier, 'resolve', { result: issuedMilitaryCode() })).body as Dossier;
    expect(resolved).toMatchObject({ status: 'resolved', onTime: true, allowedActions: [] });
    expect(resolved.history.map((step) => [step.eventType, step.actor])).toEqual([
      ['dossier.received', 'applicant'],
      ['dossier.processing_started', 'commune-officer/officer-1'],
      ['dossier.supplement_requested', 'commune-officer/officer-1'],
      ['dossier.supplemented', 'applicant'],
      ['dossier.resolved', 'commune-officer'],
    ]);
    const rate = (score: number) =>
      portal('POST', `/v1/dossiers/${dossier.id}/rating`, person.personalId, { score });
    expect((await rate(5)).status).toBe(201);
    const again = await rate(4);
    expect(again.body).toMatchObject({ code: 'MOTLAN_DOSSIER_ALREADY_RATED' });

    const codec = messageCodec<dossierV1.DossierEvent__Output>('motlan.dossier.v1.DossierEvent');
    const events = (await readPublished(h, h.topics.dossierEvents.name))
      .map((value) => codec.decode(value))
      .filter((event) => event.dossierId === dossier.id);
    expect(events.map((event) => [event.eventType, event.toStatus, event.sequence, event.actor])).toEqual([
      ['dossier.received', 'DOSSIER_STATUS_RECEIVED', '1', 'applicant'],
      ['dossier.processing_started', 'DOSSIER_STATUS_IN_PROCESSING', '2', 'commune-officer/officer-1'],
      [
        'dossier.supplement_requested',
        'DOSSIER_STATUS_SUPPLEMENT_REQUESTED',
        '3',
        'commune-officer/officer-1',
      ],
      ['dossier.supplemented', 'DOSSIER_STATUS_IN_PROCESSING', '4', 'applicant'],
      ['dossier.resolved', 'DOSSIER_STATUS_RESOLVED', '5', 'commune-officer'],
      ['dossier.rated', 'DOSSIER_STATUS_RESOLVED', '6', 'applicant'],
    ]);
    expect(events[2]!.dueAt).toBe('');

    const factCodec = messageCodec<Fact__Output>('motlan.common.v1.Fact');
    const facts = (await readPublished(h, h.topics.citizenFacts.name))
      .map((value) => factCodec.decode(value))
      .filter((fact) => fact.subject?.personalId === person.personalId);
    // The health grade typed in at intake and the one handed in with the supplement, each once,
    // then the result; the dossier holds the supplement's id.
    expect(facts.map((fact) => [fact.type, fact.provenance?.assurance, fact.provenance?.dossierId])).toEqual([
      ['military.health_grade', 'ASSURANCE_SELF_DECLARED', dossier.id],
      ['military.health_grade', 'ASSURANCE_SELF_DECLARED', dossier.id],
      ['military.service_registration', 'ASSURANCE_AUTHORITATIVE', dossier.id],
    ]);
    expect(JSON.parse(facts[1]!.valueJson)).toEqual({ grade: 2, assessedAt: '2026-02-20' });
    expect(resolved.facts.find((fact) => fact.type === 'military.health_grade')?.factId).toBe(facts[1]!.id);
    facts.splice(0, 2);
    expect(facts[0]).toMatchObject({
      id: resolved.resultFactId,
      type: 'military.service_registration',
      provenance: {
        sourceSystem: 'commune-military-command',
        assurance: 'ASSURANCE_AUTHORITATIVE',
        dossierId: dossier.id,
        sourceRecordRef: `dossier/${dossier.code}`,
      },
    });
    expect(JSON.parse(facts[0]!.valueJson)).toEqual({
      status: 'registered',
      registeredAt: '2026-02-24',
      unitCode: 'BCHQS-X-00004',
      commune: '00004',
      // The code the commune military command issued, as the officer gave it.
      ...issuedMilitaryCode(),
    });
    h.clock.now = new Date();
  });

  it('rejects with a reason, withdraws from any open state, and never reopens', async () => {
    const { dossier: a } = await submitFirstRegistration();
    expect((await act(a, 'reject', { reason: 'không thuộc diện đăng ký' })).body).toMatchObject({
      status: 'rejected',
    });
    expect((await act(a, 'withdraw')).status).toBe(409);
    const { dossier: b } = await submitFirstRegistration();
    await act(b, 'start-processing');
    await act(b, 'request-supplement', { reason: 'giấy tờ' });
    expect((await act(b, 'resolve')).status).toBe(409);
    expect((await act(b, 'withdraw')).body).toMatchObject({ status: 'withdrawn', onTime: null });
    expect((await act(b, 'supplement')).status).toBe(409);
    expect(
      (await portal('POST', `/v1/dossiers/${b.id}/rating`, b.applicantPersonalId, { score: 3 })).status,
    ).toBe(409);
  });
});

describe('who acts: officer actions need a handling unit’s client certificate', () => {
  /** Every table, and the dossier as the portal reads it: a refused call must leave all as it was. */
  async function snapshot(dossier: Dossier) {
    const view = await read(dossier);
    return { ...(await state()), status: view.status, dueAt: view.dueAt, history: view.history };
  }

  /** A dossier in which `action` is allowed, and a body it accepts. */
  async function ready(action: (typeof OFFICER_ACTIONS)[number]) {
    const { dossier } = await submitFirstRegistration();
    if (action === 'request-supplement' || action === 'resolve') await act(dossier, 'start-processing');
    const body =
      action === 'request-supplement' || action === 'reject'
        ? { reason: 'giấy tờ' }
        : action === 'resolve'
          ? { result: issuedMilitaryCode() }
          : {};
    return { dossier, body };
  }

  it.each(OFFICER_ACTIONS)(
    'refuses %s without a verified certificate: 401, nothing changed',
    async (action) => {
      const { dossier, body } = await ready(action);
      const before = await snapshot(dossier);
      const answers = [
        await act(dossier, action, body, { as: null }), // https, no certificate
        await act(dossier, action, body, { as: 'rogue' }), // a certificate from another CA
        await call('POST', `/v1/dossiers/${dossier.id}/${action}`, body), // no TLS at all
        // Refused before the body is looked at: a body naming an actor changes nothing either.
        await act(dossier, action, { ...body, actor: 'commune-officer' }, { as: null }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.type).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ code: 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED', status: 401 });
      }
      expect(await snapshot(dossier)).toEqual(before);
    },
  );

  it.each(OFFICER_ACTIONS)(
    'refuses %s from a client of our CA that is no handling unit: 403, nothing changed',
    async (action) => {
      const { dossier, body } = await ready(action);
      const before = await snapshot(dossier);
      for (const client of ['operator', 'one-stop']) {
        const answer = await act(dossier, action, body, { as: client, officerId: 'officer-17' });
        expect(answer.status).toBe(403);
        expect(answer.type).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ code: 'MOTLAN_OFFICER_NOT_ALLOWED', status: 403 });
      }
      expect(await snapshot(dossier)).toEqual(before);
    },
  );

  it('records the certificate and the X-Officer-Id as the actor, never a body field', async () => {
    const { dossier } = await submitFirstRegistration();
    const before = await snapshot(dossier);
    const fromBody = await act(dossier, 'start-processing', { actor: 'someone else' });
    expect(fromBody.status).toBe(400);
    expect(fromBody.body).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED' });
    const badHeader = await act(dossier, 'start-processing', {}, { officerId: 'commune-officer/x' });
    expect(badHeader.status).toBe(400);
    expect(badHeader.body).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'headers.x-officer-id' });
    expect(await snapshot(dossier)).toEqual(before);

    const started = await act(dossier, 'start-processing', {}, { officerId: 'officer-17' });
    expect(started.status).toBe(200);
    expect((started.body as Dossier).history.at(-1)).toMatchObject({
      eventType: 'dossier.processing_started',
      actor: `${OFFICER_CLIENT}/officer-17`,
    });
    const rejected = (await act(dossier, 'reject', { reason: 'không thuộc diện đăng ký' })).body as Dossier;
    expect(rejected.history.at(-1)).toMatchObject({ eventType: 'dossier.rejected', actor: OFFICER_CLIENT });
  });

  it('lets the portal take the applicant’s own actions, recorded as the applicant', async () => {
    const { dossier } = await submitFirstRegistration();
    const withdrawn = await act(dossier, 'withdraw', { reason: 'chuyển nơi cư trú' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect((withdrawn.body as Dossier).history.at(-1)).toMatchObject({
      eventType: 'dossier.withdrawn',
      actor: 'applicant',
    });
  });
});
