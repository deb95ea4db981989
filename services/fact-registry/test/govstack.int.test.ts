import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { factsV1 } from '@motlan/proto';
import { clientTls, eventually, httpsJson } from '@motlan/testkit';
import { fact, startRegistry, type Harness } from './registry-harness.ts';

/**
 * The GovStack-compatible routes against a live registry (real Kafka and PostgreSQL): purpose
 * binding, criteria, the Information-Mediator-Client header, and the same decision and audit
 * record as the native REST and gRPC reads. Policy (registry-harness.ts): one-stop may read name,
 * date of birth and permanent residence for first-registration; dev-client only the name, for
 * first-registration; operator reads nothing.
 */
let h: Harness;
const ID = '001099012345';
const UNKNOWN_ID = '001099999991';
const fullName = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };
const birth = { date: '1999-03-04' };

beforeAll(async () => {
  h = await startRegistry();
  const facts = [fact(ID, 'identity.full_name', fullName), fact(ID, 'identity.date_of_birth', birth)];
  await h.publish(...facts);
  await eventually(async () => {
    const { rowCount } = await h.pool.query('SELECT 1 FROM current_facts WHERE subject = $1', [ID]);
    return rowCount === facts.length ? true : undefined;
  });
}, 120_000);
afterAll(async () => {
  await h?.resources.cleanup();
});

interface AuditRow {
  client: string;
  purpose: string;
  subject: string;
  fact_types: string[];
  outcome: string;
}

/** The audit link one request left (the trail writes it before the answer leaves). */
async function auditOf(requestId: string): Promise<AuditRow[]> {
  const { rows } = await h.pool.query<AuditRow>(
    'SELECT client, purpose, subject, fact_types, outcome FROM audit_log WHERE request_id = $1',
    [requestId],
  );
  return rows;
}

/** A GovStack call as `client`, with its own request id; the mediator header names the client. */
async function govstack(
  client: string,
  route: 'read' | 'exists' | 'list',
  options: {
    purpose?: string;
    content?: Record<string, unknown>;
    query?: string;
    headers?: Record<string, string>;
  },
) {
  const requestId = randomUUID();
  const headers = {
    'x-request-id': requestId,
    'information-mediator-client': `VN/GOV/MOD/${client}`,
    ...(options.purpose ? { 'x-purpose': options.purpose } : {}),
    ...options.headers,
  };
  const base = `${h.httpsUrl}/data/citizen-facts/1.0`;
  const answer =
    route === 'list'
      ? await httpsJson(`${base}?${options.query ?? `query.ID=${ID}`}`, { tls: clientTls(client), headers })
      : await httpsJson(`${base}/${route}`, {
          method: 'POST',
          tls: clientTls(client),
          headers,
          body: { query: { content: options.content ?? { ID } } },
        });
  return { ...answer, requestId };
}

describe('GovStack-compatible routes: purpose binding', () => {
  it.each([
    ['a purpose the client is not granted', 'dev-client', 'temporary-absence'],
    ['an unknown purpose', 'one-stop', '9.999999'],
    ['a client with no purposes at all', 'operator', 'first-registration'],
  ])('exists refuses %s with 403 and audits a denial', async (_case, client, purpose) => {
    const answer = await govstack(client, 'exists', { purpose });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED', field: 'purpose' });
    expect(await auditOf(answer.requestId)).toEqual([
      { client, purpose, subject: ID, fact_types: ['identity.full_name'], outcome: 'denied' },
    ]);
  });

  it('read and list refuse a purpose the client is not granted with 403, audited as denied, as native /v1 does', async () => {
    for (const route of ['read', 'list'] as const) {
      const answer = await govstack('dev-client', route, { purpose: 'temporary-absence' });
      expect(answer.status, route).toBe(403);
      expect(answer.body, route).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
      expect(await auditOf(answer.requestId), route).toEqual([
        {
          client: 'dev-client',
          purpose: 'temporary-absence',
          subject: ID,
          fact_types: [],
          outcome: 'denied',
        },
      ]);
    }
    const native = await httpsJson(
      `${h.httpsUrl}/v1/citizens/${ID}/facts?types=identity.full_name&purpose=temporary-absence`,
      { tls: clientTls('dev-client') },
    );
    expect(native.status).toBe(403);
    expect(native.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
  });

  it('exists discloses the date of birth when asked about it: the purpose must grant it', async () => {
    const answer = await govstack('dev-client', 'exists', {
      purpose: 'first-registration',
      content: { ID, BirthDate: birth.date },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED', field: 'factTypes' });
    expect(await auditOf(answer.requestId)).toEqual([
      {
        client: 'dev-client',
        purpose: 'first-registration',
        subject: ID,
        fact_types: ['identity.date_of_birth', 'identity.full_name'],
        outcome: 'denied',
      },
    ]);
  });

  it('exists answers for a granted purpose, audited as granted with the fact types it discloses', async () => {
    const known = await govstack('one-stop', 'exists', { purpose: 'first-registration' });
    expect(known.body).toEqual({ answer: { status: true, message: 'Object found from database' } });
    expect(await auditOf(known.requestId)).toEqual([
      {
        client: 'one-stop',
        purpose: 'first-registration',
        subject: ID,
        fact_types: ['identity.full_name'],
        outcome: 'granted',
      },
    ]);
    const unknown = await govstack('one-stop', 'exists', {
      purpose: 'first-registration',
      content: { ID: UNKNOWN_ID },
    });
    expect(unknown.body).toEqual({ answer: { status: false, message: 'Object not found from database' } });
  });
});

describe('GovStack-compatible routes: criteria', () => {
  const purpose = 'first-registration';

  it('read and exists honour a name that does not match instead of ignoring it', async () => {
    const content = { ID, FirstName: 'Someone Else' };
    const read = await govstack('one-stop', 'read', { purpose, content });
    expect(read.status).toBe(404);
    const exists = await govstack('one-stop', 'exists', { purpose, content });
    expect(exists.body).toEqual({ answer: { status: false, message: 'Object not found from database' } });
    const list = await govstack('one-stop', 'list', {
      purpose,
      query: `query.ID=${ID}&query.FirstName=${encodeURIComponent('Someone Else')}`,
    });
    expect(list.body).toMatchObject({ count: 0, results: [] });
    // The answer told whether the name matches: the name is among the disclosed types.
    expect((await auditOf(exists.requestId))[0]).toMatchObject({
      fact_types: ['identity.full_name'],
      outcome: 'granted',
    });
  });

  it('matches names as VerifyCitizen does: case, spacing and missing diacritics forgiven, other marks not', async () => {
    const matching = [
      { FirstName: 'an', LastName: 'NGUYEN' },
      { FirstName: 'Văn An', LastName: 'Nguyễn' },
      { FullName: 'nguyen  van an' },
      { FullName: 'Nguyễn Văn An', BirthDate: birth.date },
    ];
    for (const criteria of matching) {
      const exists = await govstack('one-stop', 'exists', { purpose, content: { ID, ...criteria } });
      expect(exists.body, JSON.stringify(criteria)).toMatchObject({ answer: { status: true } });
      const read = await govstack('one-stop', 'read', { purpose, content: { ID, ...criteria } });
      expect(read.status, JSON.stringify(criteria)).toBe(200);
    }
    const mismatching = [
      { FirstName: 'Ân' },
      { LastName: 'Nguyên' },
      { FullName: 'Nguyễn An' },
      { FullName: 'Nguyễn Văn An', BirthDate: '1999-03-05' },
    ];
    for (const criteria of mismatching) {
      const exists = await govstack('one-stop', 'exists', { purpose, content: { ID, ...criteria } });
      expect(exists.body, JSON.stringify(criteria)).toMatchObject({ answer: { status: false } });
    }
  });

  it('a read with criteria returns the record with the facts it was asked for', async () => {
    const read = await govstack('one-stop', 'read', {
      purpose,
      content: { ID, LastName: 'Nguyen', BirthDate: birth.date },
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      content: { ID, 'identity.full_name': fullName, 'identity.date_of_birth': birth },
    });
  });

  it('refuses a criterion it does not support with a 400 naming it, and decides nothing', async () => {
    const read = await govstack('one-stop', 'read', {
      purpose,
      content: { ID, BirthCertificateID: 'RR-1234567889', Gender: 'male' },
    });
    expect(read.status).toBe(400);
    expect(read.headers['content-type']).toMatch(/problem\+json/);
    expect(read.body).toMatchObject({ field: 'body.query.content.BirthCertificateID' });
    expect((read.body as { detail: string }).detail).toContain('Gender');
    const exists = await govstack('one-stop', 'exists', {
      purpose,
      content: { ID, MiddleName: 'Văn' },
    });
    expect(exists.status).toBe(400);
    expect(exists.body).toMatchObject({ field: 'body.query.content.MiddleName' });
    const list = await govstack('one-stop', 'list', { purpose, query: `query.ID=${ID}&search=An` });
    expect(list.status).toBe(400);
    expect(list.body).toMatchObject({ field: 'querystring.search' });
    const badDate = await govstack('one-stop', 'exists', {
      purpose,
      content: { ID, BirthDate: '1999-02-30' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ field: 'body.query.content.BirthDate' });
    for (const answer of [read, exists, list, badDate]) expect(await auditOf(answer.requestId)).toEqual([]);
  });
});

describe('GovStack-compatible routes: Information-Mediator-Client', () => {
  const purpose = 'first-registration';

  it('refuses a header naming another subsystem than the certificate with 403, before anything is decided', async () => {
    const answer = await govstack('one-stop', 'read', {
      purpose,
      headers: { 'information-mediator-client': 'VN/GOV/MOD/bench-client' },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: 'MOTLAN_MEDIATOR_CLIENT_MISMATCH',
      field: 'headers.information-mediator-client',
    });
    expect(await auditOf(answer.requestId)).toEqual([]);
    const usage = await httpsJson(
      `${h.httpsUrl}/data/MyPersonalDataUsage/1.0?userID=${ID}&DatabaseID=citizen-facts`,
      { tls: clientTls('operator'), headers: { 'information-mediator-client': 'VN/GOV/MOD/one-stop' } },
    );
    expect(usage.status).toBe(403);
  });

  it('refuses a header that is not INSTANCE/CLASS/MEMBER/SUBSYSTEM with a 400 naming it', async () => {
    const answer = await govstack('one-stop', 'exists', {
      purpose,
      headers: { 'information-mediator-client': 'one-stop' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ field: 'headers.information-mediator-client' });
  });

  it('accepts a request without the header: the certificate names the caller', async () => {
    const answer = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0/exists`, {
      method: 'POST',
      tls: clientTls('one-stop'),
      headers: { 'x-purpose': purpose },
      body: { query: { content: { ID } } },
    });
    expect(answer.status).toBe(200);
  });
});

describe('one decision and one audit record, whatever the route', () => {
  const cases = [
    { name: 'granted', client: 'one-stop', purpose: 'first-registration', outcome: 'granted' },
    { name: 'a refused purpose', client: 'dev-client', purpose: 'temporary-absence', outcome: 'denied' },
    {
      name: 'a type outside the grant',
      client: 'dev-client',
      purpose: 'first-registration',
      outcome: 'denied',
    },
  ] as const;
  const factTypes = ['identity.full_name', 'identity.date_of_birth'];

  it.each(cases)(
    'native REST, gRPC GetFacts and GovStack read: $name',
    async ({ client, purpose, outcome }) => {
      const ids = { rest: randomUUID(), grpc: randomUUID(), govstack: randomUUID() };
      const rest = await httpsJson(
        `${h.httpsUrl}/v1/citizens/${ID}/facts?types=${factTypes.join(',')}&purpose=${purpose}`,
        { tls: clientTls(client), headers: { 'x-request-id': ids.rest } },
      );
      const grpc = await h
        .client(client)
        .call<factsV1.GetFactsResponse__Output>(
          'GetFacts',
          { personalId: ID, factTypes, purpose },
          { metadata: { 'x-request-id': ids.grpc } },
        )
        .then(
          (answer) => ({ ok: true as const, answer }),
          (error: { code: string; grpcCode: number }) => ({ ok: false as const, error }),
        );
      const govstackRead = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0/read`, {
        method: 'POST',
        tls: clientTls(client),
        headers: { 'x-request-id': ids.govstack, 'x-purpose': purpose, 'x-fact-types': factTypes.join(',') },
        body: { query: { content: { ID } } },
      });

      if (outcome === 'granted') {
        expect(rest.status).toBe(200);
        expect(grpc.ok).toBe(true);
        expect(govstackRead.status).toBe(200);
        const restValues = Object.fromEntries(
          (rest.body as { facts: { type: string; value: unknown }[] }).facts.map((entry) => [
            entry.type,
            entry.value,
          ]),
        );
        const grpcValues = grpc.ok
          ? Object.fromEntries(
              grpc.answer.facts.map((entry) => [entry.fact!.type, JSON.parse(entry.fact!.valueJson)]),
            )
          : {};
        const govstackValues = { ...(govstackRead.body as { content: Record<string, unknown> }).content };
        delete govstackValues['ID'];
        expect(restValues).toEqual({ 'identity.full_name': fullName, 'identity.date_of_birth': birth });
        expect(grpcValues).toEqual(restValues);
        expect(govstackValues).toEqual(restValues);
      } else {
        expect(rest.status).toBe(403);
        expect(rest.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
        expect(grpc).toMatchObject({ ok: false, error: { code: 'MOTLAN_PURPOSE_NOT_ALLOWED', grpcCode: 7 } });
        expect(govstackRead.status).toBe(403);
        expect(govstackRead.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
      }

      const expected = {
        client,
        purpose,
        subject: ID,
        fact_types: [...factTypes].sort(),
        outcome,
      };
      expect(await auditOf(ids.rest)).toEqual([expected]);
      expect(await auditOf(ids.grpc)).toEqual([expected]);
      expect(await auditOf(ids.govstack)).toEqual([expected]);
    },
  );

  it.each(cases)('native REST history and gRPC GetHistory: $name', async ({ client, purpose, outcome }) => {
    const type = 'identity.date_of_birth';
    const ids = { rest: randomUUID(), grpc: randomUUID() };
    const rest = await httpsJson(`${h.httpsUrl}/v1/citizens/${ID}/facts/${type}/history?purpose=${purpose}`, {
      tls: clientTls(client),
      headers: { 'x-request-id': ids.rest },
    });
    const grpc = await h
      .client(client)
      .call<factsV1.GetHistoryResponse__Output>(
        'GetHistory',
        { personalId: ID, factType: type, purpose },
        { metadata: { 'x-request-id': ids.grpc } },
      )
      .then(
        (answer) => ({ ok: true as const, versions: answer.versions.length }),
        (error: { code: string; grpcCode: number }) => ({ ok: false as const, error }),
      );
    // dev-client is granted the name only: its date of birth history is refused like its read.
    const granted = outcome === 'granted' && client === 'one-stop';
    expect(rest.status).toBe(granted ? 200 : 403);
    expect(grpc).toMatchObject(
      granted
        ? { ok: true, versions: 1 }
        : { ok: false, error: { code: 'MOTLAN_PURPOSE_NOT_ALLOWED', grpcCode: 7 } },
    );
    const expected = {
      client,
      purpose,
      subject: ID,
      fact_types: [type],
      outcome: granted ? 'granted' : 'denied',
    };
    expect(await auditOf(ids.rest)).toEqual([expected]);
    expect(await auditOf(ids.grpc)).toEqual([expected]);
  });
});
