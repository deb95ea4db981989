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
    const stored = await eventually(async () => {
      const { rows } = await h.pool.query(
        `SELECT audit_id, fact_types, discloser, occurred_at FROM disclosure_log
         WHERE subject = $1 AND audit_id <> 'adapter-link-3' ORDER BY audit_id`,
        [personalId],
      );
      const last = await h.pool.query("SELECT 1 FROM disclosure_log WHERE audit_id = 'adapter-link-3'");
      return last.rowCount === 1 ? rows : undefined;
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
