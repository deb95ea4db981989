import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@motlan/access';
import { grpc } from '@motlan/grpc';
import { createGrpcClient } from '@motlan/grpc';
import { deadLetterTopicOf, Headers, headerText } from '@motlan/kafka';
import { messageCodec, type auditV1, type factsV1 } from '@motlan/proto';
import { asAdministrator, clientTls, eventually, httpsJson, readTopic } from '@motlan/testkit';
import { fact, startRegistry, type Harness } from './registry-harness.ts';

let h: Harness;
const ID = '001099012345';
const fullName = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };

beforeAll(async () => {
  h = await startRegistry();
}, 120_000);
afterAll(async () => {
  await h?.resources.cleanup();
});

type Facts = factsV1.GetFactsResponse__Output;
const getFacts = (client: string, personalId: string, factTypes: string[], purpose: string) =>
  h.client(client).call<Facts>('GetFacts', { personalId, factTypes, purpose });

async function waitForFact(personalId: string, type: string, factId: string, purpose = 'first-registration') {
  return eventually(async () => {
    const history = await h.pool.query('SELECT 1 FROM fact_history WHERE fact_id = $1', [factId]);
    return history.rowCount ? true : undefined;
  }).then(() => getFacts('one-stop', personalId, [type], purpose));
}

/** The population database vouches for the subject: an authoritative fact, applied. */
async function knownSubject(personalId: string): Promise<void> {
  const name = fact(personalId, 'identity.full_name', fullName);
  await h.publish(name);
  await waitForFact(personalId, 'identity.full_name', name.id);
}

/** Every message published to citizen.facts.v1 so far for this subject. */
async function publishedFor(personalId: string) {
  const messages = await readTopic(h.resources.kafka, h.factsTopic.name, Number.MAX_SAFE_INTEGER, 4_000);
  return messages.filter((message) => message.key?.toString() === personalId);
}

const declareGrpc = (
  personalId: string,
  facts: { type: string; valueJson: string }[],
  options: { client?: string; key?: string; dossierId?: string } = {},
) =>
  h
    .client(options.client ?? 'one-stop')
    .call<{ factIds: string[] }>(
      'DeclareFacts',
      { personalId, dossierId: options.dossierId ?? 'HS-2026-000900', purpose: 'first-registration', facts },
      options.key === undefined ? {} : { metadata: { 'idempotency-key': options.key } },
    );

const declareRest = (
  personalId: string,
  facts: { type: string; value: unknown }[],
  options: { client?: string; key?: string; dossierId?: string } = {},
) =>
  httpsJson(`${h.httpsUrl}/v1/citizens/${personalId}/declarations`, {
    method: 'POST',
    tls: clientTls(options.client ?? 'one-stop'),
    body: { dossierId: options.dossierId ?? 'HS-2026-000900', facts },
    ...(options.key === undefined ? {} : { headers: { 'Idempotency-Key': options.key } }),
  });

const residence = {
  provinceCode: '79',
  districtCode: null,
  wardCode: '26734',
  detail: '12 Nguyễn Huệ',
  unitsVersion: 'current-2025',
};

describe('fact registry', () => {
  it('serves a fact from citizen.facts.v1 with provenance, listing what is missing', async () => {
    const name = fact(ID, 'identity.full_name', fullName);
    await h.publish(name);
    const answer = await waitForFact(ID, 'identity.full_name', name.id);
    const both = await getFacts(
      'one-stop',
      ID,
      ['identity.full_name', 'identity.date_of_birth'],
      'first-registration',
    );
    expect(both.facts).toHaveLength(1);
    expect(both.facts[0]!.fact).toMatchObject({
      id: name.id,
      type: 'identity.full_name',
      valueJson: name.valueJson,
    });
    expect(both.facts[0]!.fact!.provenance).toMatchObject({
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
    });
    expect(both.missing).toEqual(['identity.date_of_birth']);
    expect(answer.facts[0]!.conflicted).toBe(false);
  });

  it('makes a declaration readable by a second procedure once applied', async () => {
    const personalId = '079203000123';
    await knownSubject(personalId);
    const declared = await h.client('one-stop').call<{ factIds: string[] }>('DeclareFacts', {
      personalId,
      dossierId: 'HS-2026-000001',
      purpose: 'first-registration',
      facts: [
        {
          type: 'residence.current',
          valueJson: JSON.stringify({
            provinceCode: '79',
            districtCode: null,
            wardCode: '26734',
            detail: '12 Nguyễn Huệ',
            unitsVersion: 'current-2025',
          }),
        },
      ],
    });
    expect(declared.factIds).toHaveLength(1);
    const answer = await waitForFact(
      personalId,
      'residence.current',
      declared.factIds[0]!,
      'temporary-absence',
    );
    expect(answer.facts[0]!.fact!.provenance).toMatchObject({
      assurance: 'ASSURANCE_SELF_DECLARED',
      sourceSystem: 'one-stop',
      dossierId: 'HS-2026-000001',
    });
  });

  it('keeps an authoritative fact over a contradicting declaration, and flags the conflict', async () => {
    const personalId = '001199000333';
    const authoritative = fact(personalId, 'identity.full_name', {
      family: 'Lê',
      middle: 'Thị',
      given: 'Dung',
      full: 'Lê Thị Dung',
    });
    await h.publish(authoritative);
    await waitForFact(personalId, 'identity.full_name', authoritative.id);
    const declared = await h.client('one-stop').call<{ factIds: string[] }>('DeclareFacts', {
      personalId,
      dossierId: 'HS-2026-000002',
      purpose: 'first-registration',
      facts: [
        {
          type: 'identity.full_name',
          valueJson: JSON.stringify({ family: 'Lê', middle: 'Thị', given: 'Dũng', full: 'Lê Thị Dũng' }),
        },
      ],
    });
    const answer = await waitForFact(personalId, 'identity.full_name', declared.factIds[0]!);
    expect(answer.facts[0]!.fact!.id).toBe(authoritative.id);
    expect(answer.facts[0]!.conflicted).toBe(true);
    const history = await h.client('one-stop').call<factsV1.GetHistoryResponse__Output>('GetHistory', {
      personalId,
      factType: 'identity.full_name',
      purpose: 'first-registration',
    });
    expect(history.versions.map((version) => [version.fact!.provenance!.assurance, version.current])).toEqual(
      [
        ['ASSURANCE_AUTHORITATIVE', true],
        ['ASSURANCE_SELF_DECLARED', false],
      ],
    );
    const conflicts = await h.pool.query(
      'SELECT winning_fact_id, losing_fact_id FROM fact_conflicts WHERE subject = $1',
      [personalId],
    );
    expect(conflicts.rows).toEqual([
      { winning_fact_id: authoritative.id, losing_fact_id: declared.factIds[0] },
    ]);
  });

  it('refuses a declaration whose value holds U+0000 (REST 400, gRPC INVALID_ARGUMENT) and publishes nothing', async () => {
    const personalId = '001099000901';
    await knownSubject(personalId);
    const given = { ...fullName, given: 'An\u0000' };
    const rest = await declareRest(personalId, [{ type: 'identity.full_name', value: given }]);
    expect(rest.status).toBe(400);
    expect(rest.headers['content-type']).toMatch(/problem\+json/);
    expect(rest.body).toMatchObject({
      code: 'MOTLAN_TEXT_CONTROL_CHARACTER',
      field: 'body.facts.0.value.given',
    });
    // Over gRPC the value travels as JSON text, so the escape reaches the fact-value check itself.
    const valueJson = JSON.stringify(given);
    expect(valueJson).toContain('\\u0000');
    await expect(declareGrpc(personalId, [{ type: 'identity.full_name', valueJson }])).rejects.toMatchObject({
      grpcCode: 3,
      code: 'MOTLAN_TEXT_CONTROL_CHARACTER',
      field: 'facts.0.value.given',
    });
    await expect(
      declareGrpc(personalId, [
        { type: 'identity.full_name', valueJson: JSON.stringify({ ...fullName, given: 'A\u200dn' }) },
      ]),
    ).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_TEXT_INVISIBLE_CHARACTER' });
    const published = await publishedFor(personalId);
    expect(published).toHaveLength(1); // the authoritative name alone
    expect(headerText(published[0]!.headers, Headers.eventType)).toBe('fact.recorded');
  });

  it('stores a declared NFD name in NFC', async () => {
    const personalId = '001099000904';
    await knownSubject(personalId);
    const nfd = Object.fromEntries(Object.entries(fullName).map(([k, v]) => [k, v.normalize('NFD')]));
    expect(nfd.full).not.toBe(fullName.full);
    const declared = await declareRest(personalId, [{ type: 'identity.full_name', value: nfd }], {
      dossierId: 'HS-2026-000904',
    });
    expect(declared.status).toBe(202);
    const [id] = (declared.body as { factIds: string[] }).factIds;
    await eventually(async () => {
      const { rows } = await h.pool.query('SELECT value FROM fact_history WHERE fact_id = $1', [id]);
      return rows[0]?.value as unknown;
    }).then((value) => expect(value).toEqual(fullName));
  });

  it('refuses a declaration for a personal ID the population database has not vouched for, publishing nothing', async () => {
    const personalId = '001099000902';
    const rest = await declareRest(personalId, [{ type: 'residence.current', value: residence }]);
    expect(rest.status).toBe(422);
    expect(rest.headers['content-type']).toMatch(/problem\+json/);
    expect(rest.body).toMatchObject({ code: 'MOTLAN_SUBJECT_UNKNOWN', field: 'personalId' });
    await expect(
      declareGrpc(personalId, [{ type: 'residence.current', valueJson: JSON.stringify(residence) }]),
    ).rejects.toMatchObject({ grpcCode: 5, code: 'MOTLAN_SUBJECT_UNKNOWN' });
    // Only the population database vouches: a self-declared fact already held does not.
    await h.publish(
      fact(personalId, 'residence.current', residence, { assurance: 'ASSURANCE_SELF_DECLARED' }),
    );
    await eventually(async () =>
      (await h.pool.query('SELECT 1 FROM fact_history WHERE subject = $1', [personalId])).rowCount
        ? true
        : undefined,
    );
    expect((await declareRest(personalId, [{ type: 'residence.current', value: residence }])).status).toBe(
      422,
    );
    expect(await publishedFor(personalId)).toHaveLength(1); // the test's own self-declared fact
    await knownSubject(personalId);
    expect((await declareRest(personalId, [{ type: 'residence.current', value: residence }])).status).toBe(
      202,
    );
  });

  it('makes a retried declaration with the same Idempotency-Key one declaration; the key with another body is refused', async () => {
    const personalId = '001099000903';
    await knownSubject(personalId);
    const facts = [
      { type: 'residence.current', valueJson: JSON.stringify(residence) },
      { type: 'identity.full_name', valueJson: JSON.stringify(fullName) },
    ];
    const key = `retry-${Date.now()}`;
    const first = await declareGrpc(personalId, facts, { key });
    const retried = await declareGrpc(personalId, facts, { key });
    expect(retried.factIds).toEqual(first.factIds);
    expect(new Set(first.factIds).size).toBe(2);
    // The same key over REST is the same request (the wire name is shared), NFD or not.
    const overRest = await declareRest(
      personalId,
      [
        { type: 'residence.current', value: residence },
        { type: 'identity.full_name', value: { ...fullName, full: fullName.full.normalize('NFD') } },
      ],
      { key },
    );
    expect(overRest).toMatchObject({ status: 202, body: { factIds: first.factIds } });
    // The same key with another declaration is refused, and publishes nothing.
    const changed = await declareRest(
      personalId,
      [{ type: 'residence.current', value: { ...residence, detail: '14 Nguyễn Huệ' } }],
      { key },
    );
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ code: 'MOTLAN_IDEMPOTENCY_KEY_REUSED', field: 'idempotency-key' });
    await expect(declareGrpc(personalId, facts, { key, dossierId: 'HS-2026-000999' })).rejects.toMatchObject({
      grpcCode: 9,
      code: 'MOTLAN_IDEMPOTENCY_KEY_REUSED',
    });
    const badKey = await declareRest(personalId, [{ type: 'residence.current', value: residence }], {
      key: 'not a key',
    });
    expect(badKey.body).toMatchObject({
      code: 'MOTLAN_IDEMPOTENCY_KEY_INVALID',
      field: 'headers.idempotency-key',
    });

    // Three publishes of the same two events, byte for byte; each applied once.
    const published = (await publishedFor(personalId)).filter(
      (message) => headerText(message.headers, Headers.eventType) === 'fact.declared',
    );
    expect(published).toHaveLength(6);
    expect(new Set(published.map((message) => headerText(message.headers, Headers.eventId)))).toEqual(
      new Set(first.factIds),
    );
    expect(new Set(published.map((message) => message.value?.toString('base64'))).size).toBe(2);
    await eventually(async () => {
      const { rows } = await h.pool.query(
        `SELECT count(*)::int AS n FROM fact_history WHERE subject = $1 AND assurance = 1`,
        [personalId],
      );
      return rows[0].n === 2 ? true : undefined;
    });

    // Without a key, a repeat is a second declaration (new ids).
    const once = await declareGrpc(personalId, facts.slice(0, 1));
    const twice = await declareGrpc(personalId, facts.slice(0, 1));
    expect(once.factIds[0]).not.toBe(twice.factIds[0]);
  });

  it('applies the same event delivered twice once', async () => {
    const personalId = '001099000777';
    const dob = fact(personalId, 'identity.date_of_birth', { date: '1999-01-02' });
    await h.publish(dob, dob);
    await waitForFact(personalId, 'identity.date_of_birth', dob.id);
    await eventually(async () => {
      const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM processed_events');
      return rows[0].n >= 1 ? true : undefined;
    });
    const history = await h.pool.query('SELECT count(*)::int AS n FROM fact_history WHERE subject = $1', [
      personalId,
    ]);
    expect(history.rows[0].n).toBe(1);
  });

  it('dead-letters a fact of an unknown type, with a value that fails its schema, or authoritative from the wrong source', async () => {
    const unknown = fact('001099000888', 'identity.shoe_size', { size: 42 });
    const badValue = fact('001099000888', 'identity.date_of_birth', { date: 'yesterday' });
    // The population database speaking with authority for the military health examination.
    const wrongSource = fact('001099000888', 'military.health_grade', { grade: 1, assessedAt: '2026-01-05' });
    await h.publish(unknown, badValue, wrongSource);
    const letters = await readTopic(h.resources.kafka, deadLetterTopicOf(h.factsTopic.name), 3);
    expect(letters.map((letter) => headerText(letter.headers, Headers.eventId)).sort()).toEqual(
      [unknown.id, badValue.id, wrongSource.id].sort(),
    );
    const history = await h.pool.query('SELECT 1 FROM fact_history WHERE subject = $1', ['001099000888']);
    expect(history.rowCount).toBe(0);
  });

  it('refuses a read outside the policy with PERMISSION_DENIED, audits it, and lists it for the citizen', async () => {
    await expect(getFacts('one-stop', ID, ['family.father'], 'first-registration')).rejects.toMatchObject({
      grpcCode: 7,
      code: 'MOTLAN_PURPOSE_NOT_ALLOWED',
    });
    await expect(
      getFacts('one-stop', ID, ['identity.full_name'], 'unlisted-procedure'),
    ).rejects.toMatchObject({
      grpcCode: 7,
    });
    // Disclosures arrive through access.audit.v1, like those of every other discloser.
    const listed = await eventually(async () => {
      const answer = await h
        .client('operator')
        .call<factsV1.ListDisclosuresResponse__Output>('ListDisclosures', {
          personalId: ID,
        });
      return answer.disclosures.filter((entry) => entry.outcome === 'denied').length === 2
        ? answer
        : undefined;
    });
    expect(listed.disclosures.every((entry) => entry.discloser === 'fact-registry')).toBe(true);
    expect(
      listed.disclosures.filter((entry) => entry.outcome === 'denied').map((entry) => entry.purpose),
    ).toEqual(['unlisted-procedure', 'first-registration']);
    expect(
      listed.disclosures.some((entry) => entry.outcome === 'granted' && entry.client === 'one-stop'),
    ).toBe(true);
    await expect(h.client('one-stop').call('ListDisclosures', { personalId: ID })).rejects.toMatchObject({
      code: 'MOTLAN_DISCLOSURE_LIST_NOT_ALLOWED',
    });
  });

  it('publishes every audit link to access.audit.v1', async () => {
    await h.app.trail.settle();
    await eventually(async () => {
      return (await h.app.relay.backlog()) === 0 ? true : undefined;
    });
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM audit_log');
    const events = await readTopic(h.resources.kafka, h.auditTopic.name, rows[0].n, 10_000);
    expect(events).toHaveLength(rows[0].n);
    const codec = messageCodec<auditV1.AccessAudited__Output>(h.auditTopic.payload);
    const denied = events
      .map((event) => codec.decode(event.value!))
      .find((event) => event.outcome === 'denied')!;
    expect(denied).toMatchObject({ personalId: ID, client: 'one-stop', discloser: 'fact-registry' });
  });

  it('refuses callers without a valid client certificate', async () => {
    const rogue = createGrpcClient('motlan.facts.v1.FactRegistry', {
      address: `127.0.0.1:${h.grpcServer.port}`,
      credentials: grpc.credentials.createSsl(
        clientTls('rogue').ca,
        clientTls('rogue').key!,
        clientTls('rogue').cert!,
      ),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
    await expect(
      rogue.call(
        'GetFacts',
        { personalId: ID, factTypes: ['identity.full_name'], purpose: 'first-registration' },
        { deadlineMs: 2_000 },
      ),
    ).rejects.toMatchObject({ grpcCode: 14 });
    rogue.close();
    const anonymous = createGrpcClient('motlan.facts.v1.FactRegistry', {
      address: `127.0.0.1:${h.grpcServer.port}`,
      credentials: grpc.credentials.createSsl(clientTls().ca),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
    await expect(
      anonymous.call(
        'GetFacts',
        { personalId: ID, factTypes: ['identity.full_name'], purpose: 'first-registration' },
        { deadlineMs: 2_000 },
      ),
    ).rejects.toMatchObject({ grpcCode: 14 });
    anonymous.close();

    const rest = await httpsJson(
      `${h.httpsUrl}/v1/citizens/${ID}/facts?types=identity.full_name&purpose=first-registration`,
      {
        tls: clientTls(),
      },
    );
    expect(rest.status).toBe(401);
    expect(rest.body).toMatchObject({ code: 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED' });
    const rogueRest = await httpsJson(
      `${h.httpsUrl}/v1/citizens/${ID}/facts?types=identity.full_name&purpose=first-registration`,
      {
        tls: { ...clientTls('rogue'), ca: clientTls().ca },
      },
    );
    expect(rogueRest.status).toBe(401);
  });

  it('serves the same operations over REST with mutual TLS', async () => {
    const ok = await httpsJson(
      `${h.httpsUrl}/v1/citizens/${ID}/facts?types=identity.full_name,identity.date_of_birth&purpose=first-registration`,
      {
        tls: clientTls('one-stop'),
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      facts: [
        {
          type: 'identity.full_name',
          value: fullName,
          conflicted: false,
          provenance: { assurance: 'ASSURANCE_AUTHORITATIVE' },
        },
      ],
      missing: ['identity.date_of_birth'],
    });
    const bad = await httpsJson(
      `${h.httpsUrl}/v1/citizens/00109901234/facts?types=identity.full_name&purpose=first-registration`,
      {
        tls: clientTls('one-stop'),
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'MOTLAN_PERSONAL_ID_LENGTH', field: 'personalId' });
    const declaredBad = await httpsJson(`${h.httpsUrl}/v1/citizens/${ID}/declarations`, {
      method: 'POST',
      tls: clientTls('one-stop'),
      body: { dossierId: 'HS-1', facts: [{ type: 'identity.date_of_birth', value: { date: '2026-13-45' } }] },
    });
    expect(declaredBad.status).toBe(400);
    expect(declaredBad.body).toMatchObject({ code: 'MOTLAN_FACT_VALUE_INVALID' });
  });

  it('answers GovStack Digital Registries requests in that specification’s shapes', async () => {
    const headers = {
      'information-mediator-client': 'VN/GOV/MOD/one-stop',
      'x-purpose': 'first-registration',
    };
    const tls = clientTls('one-stop');
    const read = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0/read`, {
      method: 'POST',
      tls,
      headers,
      body: { query: { content: { ID } } },
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ content: { ID, 'identity.full_name': fullName } });
    const exists = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0/exists`, {
      method: 'POST',
      tls,
      headers,
      body: { query: { content: { ID: '001099999991' } } },
    });
    expect(exists.body).toEqual({ answer: { status: false, message: 'Object not found from database' } });
    const list = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0?query.ID=${ID}`, { tls, headers });
    expect(list.body).toMatchObject({ count: 1, next: null, previous: null, results: [{ ID }] });
    await eventually(async () => {
      const { rows } = await h.pool.query(
        "SELECT 1 FROM disclosure_log WHERE subject = $1 AND outcome = 'granted'",
        [ID],
      );
      return rows.length > 0 ? true : undefined;
    });
    const usage = await httpsJson(
      `${h.httpsUrl}/data/MyPersonalDataUsage/1.0?userID=${ID}&DatabaseID=citizen-facts`,
      {
        tls: clientTls('operator'),
      },
    );
    expect(usage.status).toBe(200);
    expect((usage.body as { ReaderID: string }[])[0]).toMatchObject({
      ReaderID: 'one-stop',
      SearchDateTime: expect.any(String),
    });
  });

  it('refuses control and invisible characters in GovStack bodies and query strings, naming the field, auditing nothing', async () => {
    const headers = {
      'information-mediator-client': 'VN/GOV/MOD/one-stop',
      'x-purpose': 'first-registration',
    };
    const tls = clientTls('one-stop');
    const audited = async () =>
      Number((await h.pool.query('SELECT count(*) AS n FROM audit_log')).rows[0].n as string);
    await h.app.trail.settle();
    const before = await audited();
    const read = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0/read`, {
      method: 'POST',
      tls,
      headers,
      body: { query: { content: { ID: `${ID}\u200d` } } },
    });
    expect(read.status).toBe(400);
    expect(read.body).toMatchObject({
      code: 'MOTLAN_TEXT_INVISIBLE_CHARACTER',
      field: 'body.query.content.ID',
    });
    const list = await httpsJson(`${h.httpsUrl}/data/citizen-facts/1.0?query.ID=${ID}%00`, { tls, headers });
    expect(list.status).toBe(400);
    expect(list.body).toMatchObject({ code: 'MOTLAN_TEXT_CONTROL_CHARACTER', field: 'querystring.query.ID' });
    await h.app.trail.settle();
    expect(await audited()).toBe(before);
  });

  it('detects tampering with one audit row and names the first broken link', async () => {
    await h.app.trail.settle();
    expect(await verifyAuditChain(h.pool)).toMatchObject({ ok: true });
    const { rows } = await h.pool.query('SELECT sequence FROM audit_log ORDER BY sequence LIMIT 1 OFFSET 2');
    const target = Number(rows[0].sequence);
    await asAdministrator(h.ownerPool, (client) =>
      client.query("UPDATE audit_log SET client = 'someone-else' WHERE sequence = $1", [target]),
    );
    const verdict = await verifyAuditChain(h.pool);
    expect(verdict).toMatchObject({
      ok: false,
      firstBroken: { sequence: target, reason: 'content does not match its hash' },
    });
    expect(verdict.checked).toBe(target - 1);
  });

  // Last: it puts other disclosers' links on the audit topic, which the test above reads as the
  // registry's own.
  it("stores another discloser's audit links in the citizen's view once, however often delivered", async () => {
    const personalId = '001099000999';
    const link = (auditId: string, factTypes: string[]): auditV1.AccessAudited => ({
      auditId,
      personalId,
      client: 'one-stop',
      purpose: '1.004227',
      factTypes,
      outcome: 'granted',
      occurredAt: '2026-11-20T03:04:05.000Z',
      requestId: `request-${auditId}`,
      discloser: 'population-adapter',
      sequence: '1',
      hash: 'h',
    });
    const first = link('adapter-link-1', ['identity.full_name', 'identity.date_of_birth']);
    const second = link('adapter-link-2', []);
    // Delivered twice in one fetch (a relay re-sending after a crash), then once more later; a
    // last link on the same key (same partition) shows every earlier delivery was handled.
    const events = [first, second, first].map((value) => ({ key: personalId, value, eventType: 'audited' }));
    await h.producer.publish(h.auditTopic, events);
    await h.producer.publish(h.auditTopic, [events[0]!]);
    await h.producer.publish(h.auditTopic, [{ ...events[0]!, value: link('adapter-link-3', []) }]);
    // One statement, one snapshot: read apart, the earlier links could commit (with the last, in one
    // batch) between the two reads and seem missing.
    const stored = await eventually(async () => {
      const { rows } = await h.pool.query<{ audit_id: string }>(
        `SELECT audit_id, fact_types, discloser, occurred_at FROM disclosure_log
         WHERE subject = $1 ORDER BY audit_id`,
        [personalId],
      );
      return rows.some((row) => row.audit_id === 'adapter-link-3')
        ? rows.filter((row) => row.audit_id !== 'adapter-link-3')
        : undefined;
    });
    expect(stored).toEqual([
      {
        audit_id: 'adapter-link-1',
        fact_types: ['identity.full_name', 'identity.date_of_birth'],
        discloser: 'population-adapter',
        occurred_at: new Date('2026-11-20T03:04:05.000Z'),
      },
      {
        audit_id: 'adapter-link-2',
        fact_types: [],
        discloser: 'population-adapter',
        occurred_at: expect.any(Date),
      },
    ]);
    // A redelivery is a duplicate, not a failure: nothing went to the dead-letter topic.
    const admin = h.resources.kafka.admin();
    await admin.connect();
    const letters = await admin.fetchTopicOffsets(deadLetterTopicOf(h.auditTopic.name));
    await admin.disconnect();
    expect(letters.every((partition) => partition.high === partition.low)).toBe(true);
  });
});
