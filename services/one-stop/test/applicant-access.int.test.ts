/**
 * Who may read a dossier and act on it, and who is shown its fact values: the citizen portal for
 * the applicant it names, the handling units' systems for their units, nobody without a
 * certificate. Each view or prefill that shows values is a disclosure in one-stop's audit trail
 * and on access.audit.v1. Real PostgreSQL and Kafka over https; the mesh is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcChannelCredentials, grpcServerCredentials, loadTlsMaterial } from '@motlan/access';
import { createGrpcClient, startGrpcServer } from '@motlan/grpc';
import { messageCodec, type auditV1, type dossierV1 } from '@motlan/proto';
import { devCertificates, readTopic } from '@motlan/testkit';
import {
  issuedMilitaryCode,
  anyOfficer,
  citizen,
  OFFICER_CLIENT,
  PORTAL_CLIENT,
  startHarness,
  topicSize,
  type Answer,
  type CallOptions,
  type Harness,
} from './harness.ts';

/** A handling unit's system the policy grants nothing (it may act, but is shown no value). */
const UNGRANTED_OFFICER = 'operator';
/** A client of our CA that is neither a portal nor a handling unit's system. */
const STRANGER = 'dev-client';

let h: Harness;
let serial = 900;

interface Fact {
  type: string;
  origin: string;
  value?: unknown;
  withheld?: boolean;
  sourceSystem: string;
}
interface Dossier {
  id: string;
  code: string;
  procedureCode: string;
  applicantPersonalId: string;
  status: string;
  facts: Fact[];
  history: unknown[];
}

const healthGrade = { type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } };

beforeAll(async () => {
  h = await startHarness(undefined, { officers: [OFFICER_CLIENT, UNGRANTED_OFFICER] });
});

afterAll(async () => {
  await h.resources.cleanup();
});

function applicantOf(person: ReturnType<typeof citizen>) {
  return { personalId: person.personalId, fullName: person.fullName, dateOfBirth: person.dateOfBirth };
}

async function submit(): Promise<Dossier> {
  const person = h.mesh.addCitizen(citizen((serial += 1)));
  const answer = await h.https('POST', '/v1/dossiers', {
    applicant: person.personalId,
    body: { procedureCode: '1.004227', applicant: applicantOf(person), facts: [healthGrade] },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as Dossier;
}

const officer = (dossier: Dossier, action: string, body: object = {}) =>
  h.https('POST', `/v1/dossiers/${dossier.id}/${action}`, { as: OFFICER_CLIENT, body });

/** A dossier in the state where the applicant's `action` is allowed, and a body it accepts. */
async function ready(
  action: 'withdraw' | 'supplement' | 'rating',
): Promise<{ dossier: Dossier; body: object }> {
  const dossier = await submit();
  if (action === 'withdraw') return { dossier, body: { reason: 'x' } };
  await officer(dossier, 'start-processing');
  if (action === 'supplement') {
    await officer(dossier, 'request-supplement', { reason: 'giấy tờ' });
    return { dossier, body: { facts: [{ ...healthGrade, value: { grade: 2, assessedAt: '2026-01-02' } }] } };
  }
  await officer(dossier, 'resolve', { result: issuedMilitaryCode() });
  return { dossier, body: { score: 1 } };
}

/** Everything a refused call must leave as it was: every table, and the dossier itself. */
async function snapshot(dossier: Dossier) {
  const row = await h.pool.query(
    'SELECT status, version, facts, due_at, closed_at, reason FROM dossiers WHERE id = $1',
    [dossier.id],
  );
  return {
    row: row.rows[0] as unknown,
    dossiers: await h.count('dossiers'),
    history: await h.count('dossier_history'),
    ratings: await h.count('dossier_ratings'),
    outbox: await h.count('outbox'),
    declarations: (await h.declared()).length,
  };
}

/** The same route with no certificate over https, a foreign CA's, and no TLS at all. */
async function unauthenticated(method: 'GET' | 'POST', path: string, options: CallOptions = {}) {
  const injected = await h.app.http.inject({
    method,
    url: path,
    ...(options.applicant ? { headers: { 'x-applicant-id': options.applicant } } : {}),
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  return [
    await h.https(method, path, { ...options, as: null }),
    await h.https(method, path, { ...options, as: 'rogue' }),
    {
      status: injected.statusCode,
      type: injected.headers['content-type'] as string,
      body: injected.json() as unknown,
    },
  ];
}

function expectRefused(answers: Answer[], status: number, code: string, secrets: string[] = []) {
  for (const answer of answers) {
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ code, status });
    for (const secret of secrets) expect(JSON.stringify(answer.body)).not.toContain(secret);
  }
}

async function auditRows(subject: string) {
  const { rows } = await h.pool.query<{
    client: string;
    purpose: string;
    fact_types: string[];
    outcome: string;
  }>('SELECT client, purpose, fact_types, outcome FROM audit_log WHERE subject = $1 ORDER BY occurred_at', [
    subject,
  ]);
  return rows;
}

describe('no certificate: 401, no personal data, nothing changed', () => {
  it('refuses to show a dossier, whichever code is walked', async () => {
    const dossier = await submit();
    const secrets = [dossier.applicantPersonalId, 'Nguyễn', 'Bình', 'Cúc', '1999-05-14'];
    for (const path of [`/v1/dossiers/${dossier.code}`, `/v1/dossiers/${dossier.id}`]) {
      expectRefused(
        await unauthenticated('GET', path, { applicant: dossier.applicantPersonalId }),
        401,
        'MOTLAN_CLIENT_CERTIFICATE_REQUIRED',
        secrets,
      );
    }
    expect(await auditRows(dossier.applicantPersonalId)).toEqual(
      // Only the submission's own answer to the portal was a disclosure.
      [expect.objectContaining({ client: PORTAL_CLIENT })],
    );
  });

  it.each(['withdraw', 'supplement', 'rating'] as const)('refuses %s', async (action) => {
    const { dossier, body } = await ready(action);
    const before = await snapshot(dossier);
    const answers = await unauthenticated('POST', `/v1/dossiers/${dossier.id}/${action}`, {
      applicant: dossier.applicantPersonalId,
      body,
    });
    // Refused before the body is looked at: a body that does not fit is 401 too, never 400.
    answers.push(
      await h.https('POST', `/v1/dossiers/${dossier.id}/${action}`, { as: null, body: { bogus: 1 } }),
    );
    expectRefused(answers, 401, 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED', [dossier.applicantPersonalId]);
    expect(await snapshot(dossier)).toEqual(before);
  });

  it('refuses prefill and submission, which would reveal facts and declare them', async () => {
    const person = h.mesh.addCitizen(citizen((serial += 1)));
    const declarations = (await h.declared()).length;
    const reads = h.mesh.reads;
    const dossiers = await h.count('dossiers');
    const prefill = await unauthenticated('POST', '/v1/dossiers/prefill', {
      applicant: person.personalId,
      body: { procedureCode: '1.004227', applicant: applicantOf(person) },
    });
    const submitted = await unauthenticated('POST', '/v1/dossiers', {
      applicant: person.personalId,
      body: { procedureCode: '1.004227', applicant: applicantOf(person), facts: [healthGrade] },
    });
    expectRefused([...prefill, ...submitted], 401, 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED', ['Bình', 'Cúc']);
    expect(h.mesh.reads).toBe(reads);
    expect((await h.declared()).length).toBe(declarations);
    expect(await h.count('dossiers')).toBe(dossiers);
  });

  it('walks every route of the OpenAPI document: only the catalog answers, nothing changes', async () => {
    const dossier = await submit();
    const spec = (await h.app.http.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const before = await snapshot(dossier);
    let walked = 0;
    for (const [template, operations] of Object.entries(spec.paths)) {
      const path = template
        .replace('{dossierId}', dossier.code)
        .replace('{code}', '1.004227')
        .concat(template.startsWith('/v1/reports') ? '?from=2025-01-01&to=2030-01-01' : '');
      for (const method of Object.keys(operations)) {
        const verb = method.toUpperCase() as 'GET' | 'POST';
        const body = verb === 'POST' ? {} : undefined;
        for (const as of [null, 'rogue']) {
          const answer = await h.https(verb, path, {
            as,
            applicant: dossier.applicantPersonalId,
            ...(body ? { body } : {}),
          });
          walked += 1;
          const text = JSON.stringify(answer.body);
          expect(text, `${verb} ${path}`).not.toContain(dossier.applicantPersonalId);
          // The catalog and the service's own probes are public; every API route refuses.
          if (template.startsWith('/v1/procedures')) expect(answer.status, `${verb} ${path}`).toBe(200);
          else if (template.startsWith('/v1/')) expect(answer.status, `${verb} ${path}`).toBe(401);
        }
      }
    }
    expect(walked).toBeGreaterThanOrEqual(2 * 13); // 10 dossier routes, 2 catalog, 1 report
    expect(await snapshot(dossier)).toEqual(before);
  });

  it('keeps the procedure catalog public', async () => {
    const answer = await h.app.http.inject({ method: 'GET', url: '/v1/procedures/1.004227' });
    expect(answer.statusCode).toBe(200);
  });
});

describe('the portal acts only for the applicant it names', () => {
  it.each(['withdraw', 'supplement', 'rating'] as const)(
    "refuses %s on another applicant's dossier: 403, nothing changed",
    async (action) => {
      const { dossier, body } = await ready(action);
      const someoneElse = citizen((serial += 1)).personalId;
      const before = await snapshot(dossier);
      const answer = await h.https('POST', `/v1/dossiers/${dossier.id}/${action}`, {
        applicant: someoneElse,
        body,
      });
      expectRefused([answer], 403, 'MOTLAN_NOT_THE_APPLICANT', [dossier.applicantPersonalId]);
      expect(await snapshot(dossier)).toEqual(before);
    },
  );

  it("does not show another applicant's dossier, nor say whether a code exists", async () => {
    const dossier = await submit();
    const someoneElse = citizen((serial += 1)).personalId;
    const theirs = await h.https('GET', `/v1/dossiers/${dossier.code}`, { applicant: someoneElse });
    const none = await h.https('GET', '/v1/dossiers/MT-20000101-999999', { applicant: someoneElse });
    expectRefused([theirs, none], 403, 'MOTLAN_NOT_THE_APPLICANT', [dossier.applicantPersonalId, 'Nguyễn']);
    // Everything but what repeats the code asked for (detail, instance) is the same.
    const shape = (answer: Answer) => ({
      ...(answer.body as Record<string, unknown>),
      detail: undefined,
      instance: undefined,
    });
    expect(shape(theirs)).toEqual(shape(none));
  });

  it('refuses a prefill or submission whose body names someone else, and a missing header', async () => {
    const person = h.mesh.addCitizen(citizen((serial += 1)));
    const victim = h.mesh.addCitizen(citizen((serial += 1)));
    const reads = h.mesh.reads;
    const dossiers = await h.count('dossiers');
    const body = { procedureCode: '1.004227', applicant: applicantOf(victim), facts: [healthGrade] };
    const prefill = await h.https('POST', '/v1/dossiers/prefill', {
      applicant: person.personalId,
      body: { procedureCode: body.procedureCode, applicant: body.applicant },
    });
    const submitted = await h.https('POST', '/v1/dossiers', { applicant: person.personalId, body });
    expectRefused([prefill, submitted], 403, 'MOTLAN_NOT_THE_APPLICANT', ['Bình']);
    expect(prefill.body).toMatchObject({ field: 'applicant.personalId' });
    const unnamed = await h.https('POST', '/v1/dossiers', { body });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'headers.x-applicant-id' });
    expect(h.mesh.reads).toBe(reads);
    expect(await h.count('dossiers')).toBe(dossiers);
  });

  it('refuses a client that is neither a portal nor a handling unit, changing nothing', async () => {
    const { dossier, body } = await ready('withdraw');
    const before = await snapshot(dossier);
    const read = await h.https('GET', `/v1/dossiers/${dossier.id}`, {
      as: STRANGER,
      applicant: dossier.applicantPersonalId,
    });
    expectRefused([read], 403, 'MOTLAN_DOSSIER_CALLER_NOT_ALLOWED', [dossier.applicantPersonalId]);
    const withdrawn = await h.https('POST', `/v1/dossiers/${dossier.id}/withdraw`, {
      as: OFFICER_CLIENT,
      applicant: dossier.applicantPersonalId,
      body,
    });
    expectRefused([withdrawn], 403, 'MOTLAN_PORTAL_NOT_ALLOWED');
    expect(await snapshot(dossier)).toEqual(before);
  });

  it("lets a handling unit's system read only its units' dossiers", async () => {
    const dossier = await submit();
    const scoped = (unit: string) => ({
      role: 'officer' as const,
      client: 'bchqs-x',
      actor: 'bchqs-x',
      mayActFor: (code: string) => code === unit,
    });
    await expect(h.app.oneStop.get(dossier.id, scoped('BCHQS-X-99999'))).rejects.toMatchObject({
      code: 'MOTLAN_OFFICER_NOT_ALLOWED',
      httpStatus: 403,
    });
    const own = (await h.app.oneStop.get(dossier.id, anyOfficer)).unitCode;
    expect((await h.app.oneStop.get(dossier.id, scoped(own))).id).toBe(dossier.id);
  });

  it('lets the portal withdraw its own applicant’s dossier', async () => {
    const { dossier, body } = await ready('withdraw');
    const answer = await h.https('POST', `/v1/dossiers/${dossier.code}/withdraw`, {
      applicant: dossier.applicantPersonalId,
      body,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'withdrawn' });
  });
});

describe('fact values only where the policy grants them, each showing audited', () => {
  it("audits the portal's view as a disclosure for the procedure, and relays it to access.audit.v1", async () => {
    const dossier = await submit();
    const subject = dossier.applicantPersonalId;
    const before = (await auditRows(subject)).length;
    const answer = await h.https('GET', `/v1/dossiers/${dossier.code}`, { applicant: subject });
    expect(answer.status).toBe(200);
    const view = answer.body as Dossier;
    expect(view.facts.find((fact) => fact.type === 'family.father')).toMatchObject({
      value: { fullName: 'Nguyễn Văn Bình' },
    });
    expect(view.facts.every((fact) => fact.withheld === undefined)).toBe(true);
    const rows = await auditRows(subject);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({
      client: PORTAL_CLIENT,
      purpose: '1.004227',
      fact_types: view.facts.map((fact) => fact.type),
      outcome: 'granted',
    });

    expect(await h.app.auditRelay.relayOnce()).toBeGreaterThan(0);
    const codec = messageCodec<auditV1.AccessAudited__Output>('motlan.audit.v1.AccessAudited');
    const topic = h.topics.accessAudit.name;
    const links = (await readTopic(h.resources.kafka, topic, await topicSize(h.resources.kafka, topic)))
      .map((message) => codec.decode(message.value!))
      .filter((link) => link.personalId === subject);
    expect(links.at(-1)).toMatchObject({
      discloser: 'one-stop',
      client: PORTAL_CLIENT,
      purpose: '1.004227',
      outcome: 'granted',
    });
  });

  it('audits a prefill answer, which shows values too', async () => {
    const person = h.mesh.addCitizen(citizen((serial += 1)));
    const answer = await h.https('POST', '/v1/dossiers/prefill', {
      applicant: person.personalId,
      body: { procedureCode: '1.004227', applicant: applicantOf(person) },
    });
    expect(answer.status).toBe(200);
    const prefilled = (answer.body as { prefilled: Fact[] }).prefilled;
    expect(prefilled.find((fact) => fact.type === 'identity.full_name')?.value).toBeDefined();
    expect(await auditRows(person.personalId)).toEqual([
      {
        client: PORTAL_CLIENT,
        purpose: '1.004227',
        fact_types: prefilled.map((fact) => fact.type),
        outcome: 'granted',
      },
    ]);
  });

  it('shows a handling unit with no grant the facts without values, and records nothing', async () => {
    const dossier = await submit();
    const subject = dossier.applicantPersonalId;
    const before = await auditRows(subject);
    const answer = await h.https('GET', `/v1/dossiers/${dossier.id}`, { as: UNGRANTED_OFFICER });
    expect(answer.status).toBe(200);
    const view = answer.body as Dossier;
    expect(view.facts).toHaveLength(9);
    for (const fact of view.facts) {
      expect(fact).toMatchObject({ withheld: true });
      expect(fact).not.toHaveProperty('value');
      expect(fact.sourceSystem).toBeTruthy();
    }
    expect(JSON.stringify(view.facts)).not.toMatch(/Bình|Cúc|Hàng Bài|assessedAt/);
    expect(await auditRows(subject)).toEqual(before);

    const granted = await h.https('GET', `/v1/dossiers/${dossier.id}`, { as: OFFICER_CLIENT });
    expect((granted.body as Dossier).facts.every((fact) => fact.value !== undefined)).toBe(true);
    expect((await auditRows(subject)).at(-1)).toMatchObject({ client: OFFICER_CLIENT, purpose: '1.004227' });
  });
});

describe('gRPC DossierService under the same rule', () => {
  it('answers a portal for its applicant and an officer; refuses another applicant and other clients', async () => {
    const dossier = await submit();
    const certs = devCertificates();
    const server = await startGrpcServer({
      services: h.app.grpcBindings,
      logger: h.resources.logger,
      credentials: grpcServerCredentials(loadTlsMaterial(certs, 'one-stop')),
      host: '127.0.0.1',
      port: 0,
    });
    h.resources.defer(() => server.stop(0));
    const as = (client: string) => {
      const grpcClient = createGrpcClient('motlan.dossier.v1.DossierService', {
        address: `127.0.0.1:${server.port}`,
        credentials: grpcChannelCredentials(loadTlsMaterial(certs, client)),
        channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
      });
      h.resources.defer(async () => grpcClient.close());
      return (metadata: Record<string, string> = {}) =>
        grpcClient.call<dossierV1.GetDossierResponse__Output>(
          'GetDossier',
          { dossierId: dossier.code },
          { metadata },
        );
    };
    const portal = as(PORTAL_CLIENT);
    expect((await portal({ 'x-applicant-id': dossier.applicantPersonalId })).dossier).toMatchObject({
      id: dossier.id,
    });
    await expect(portal({ 'x-applicant-id': citizen((serial += 1)).personalId })).rejects.toMatchObject({
      grpcCode: 7,
      code: 'MOTLAN_NOT_THE_APPLICANT',
    });
    await expect(portal()).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_VALIDATION_FAILED' });
    await expect(as(STRANGER)()).rejects.toMatchObject({
      grpcCode: 7,
      code: 'MOTLAN_DOSSIER_CALLER_NOT_ALLOWED',
    });
    expect((await as(OFFICER_CLIENT)()).dossier).toMatchObject({ id: dossier.id });
  });
});
