import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import { createEventProducer, Topics, type EventProducer, type TopicDefinition } from '@motlan/kafka';
import {
  ADAPTER_KIT_MIGRATIONS,
  serveAdapter,
  type AdapterApp,
  type ServedAdapter,
} from '@motlan/adapter-kit';
import { messageCodec, type Fact__Output } from '@motlan/proto';
import {
  clientTls,
  devCertificates,
  freePort,
  httpsJson,
  readTopic,
  startServiceProcess,
  TestResources,
  type ServiceProcess,
} from '@motlan/testkit';
import {
  ACCESS_MIGRATIONS,
  grpcChannelCredentials,
  loadTlsMaterial,
  parsePolicy,
  verifyAuditChain,
} from '@motlan/access';
import { buildApp } from '../src/app.ts';
import { readConfig, type Config } from '../src/config.ts';
import { simulatorClient } from './simulator-client.ts';
import type { NpdbRecord } from '../src/domain/npdb-record.ts';
import type { Pool } from '@motlan/db';

const resources = new TestResources();
let simulator: ServiceProcess;
let simulatorUrl: string;
let config: Config;
let topic: TopicDefinition<Fact__Output>;
let producer: EventProducer;
let app: AdapterApp<NpdbRecord>;
let served: ServedAdapter;
let grpcClient: GrpcClient;
let citizens: NpdbRecord[];
let adapterPool: Pool;

const PURPOSE = '1.001234';
const policy = parsePolicy({
  clients: {
    'one-stop': {
      purposes: {
        [PURPOSE]: ['identity.full_name', 'identity.date_of_birth', 'identity.sex', 'residence.permanent'],
      },
    },
  },
});
let tls: ReturnType<typeof loadTlsMaterial>;
let httpsUrl: string;
const rest = (path: string, body?: unknown, client = 'one-stop') =>
  httpsJson(httpsUrl + path, { method: body === undefined ? 'GET' : 'POST', body, tls: clientTls(client) });

const upstream = simulatorClient(() => simulatorUrl);

const faults = (state: Record<string, unknown>) => upstream('PUT', '/admin/faults', state);

beforeAll(async () => {
  const simulatorSchema = (await resources.schema(undefined, 'npdb')).name;
  const port = await freePort();
  simulatorUrl = `http://127.0.0.1:${port}`;
  simulator = await startServiceProcess({
    entry: 'infra/simulators/national-population-db/src/main.ts',
    env: {
      DATABASE_URL: resources.databaseUrl,
      NPDB_SCHEMA: simulatorSchema,
      NPDB_HTTP_PORT: String(port),
      NPDB_SEED_PEOPLE: '300',
      NPDB_CHANGE_INTERVAL_MS: '0',
    },
    readyUrl: `${simulatorUrl}/health`,
    timeoutMs: 90_000,
  });
  resources.defer(() => simulator.stop());
  citizens = (await upstream<{ items: NpdbRecord[] }>('GET', '/api/v1/citizens?limit=300')).items;

  const { name: schema, pool } = await resources.schema(
    [ACCESS_MIGRATIONS, ADAPTER_KIT_MIGRATIONS],
    'population',
  );
  const certDir = devCertificates();
  tls = loadTlsMaterial(certDir, 'population-adapter');
  adapterPool = pool;
  topic = await resources.topic(Topics.citizenFacts);
  const auditTopic = await resources.topic(Topics.accessAudit);
  const auditAnchorsTopic = await resources.topic(Topics.accessAuditAnchors);
  producer = await createEventProducer(resources.kafka, 'population-adapter-test');
  resources.defer(() => producer.disconnect());
  config = readConfig({
    NPDB_URL: simulatorUrl,
    DATABASE_URL: resources.databaseUrl,
    POPULATION_ADAPTER_SCHEMA: schema,
    HTTP_PORT: '0',
    GRPC_PORT: '0',
    CHANGE_FEED_INTERVAL_MS: '0',
    SNAPSHOT_FRESH_FOR_MS: '0',
    UPSTREAM_ATTEMPT_TIMEOUT_MS: '300',
    BREAKER_RESET_MS: '1500',
    REQUEST_DEADLINE_MS: '1000',
    LOG_LEVEL: 'silent',
  });
  const registry = new Registry();
  app = await buildApp(config, {
    pool,
    producer,
    logger: resources.logger,
    registry,
    factsTopic: topic,
    auditTopic,
    auditAnchorsTopic,
    policy,
    tls,
  });
  served = await serveAdapter(app, config, resources.logger, registry);
  httpsUrl = served.httpUrl;
  resources.defer(() => served.stop());
  grpcClient = createGrpcClient('motlan.population.v1.PopulationService', {
    address: served.grpcAddress,
    credentials: grpcChannelCredentials(loadTlsMaterial(certDir, 'one-stop')),
    channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
  });
  resources.defer(async () => grpcClient.close());
}, 180_000);

afterAll(async () => {
  await resources.cleanup();
});

const living = () => citizens.find((citizen) => citizen.TrangThai === 'SONG')!;
const fullName = (record: NpdbRecord) =>
  [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' ');
const isoDob = (record: NpdbRecord) =>
  `${record.NgayThangNamSinh.slice(0, 4)}-${record.NgayThangNamSinh.slice(4, 6)}-${record.NgayThangNamSinh.slice(6)}`;

describe('population adapter against the running simulator', () => {
  it('verifies claims over gRPC, tolerating missing diacritics and saying so', async () => {
    const citizen = living();
    const plain = fullName(citizen)
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toUpperCase();
    const reply = await grpcClient.call<{
      verified: boolean;
      attributes: { attribute: string; outcome: string; tolerated: string[] }[];
    }>('VerifyCitizen', {
      personalId: citizen.SoDinhDanh,
      claims: { fullName: plain, dateOfBirth: isoDob(citizen) },
      purpose: PURPOSE,
    });
    expect(reply.verified).toBe(true);
    const name = reply.attributes.find((attribute) => attribute.attribute === 'full_name')!;
    expect(name.outcome).toBe('MATCH_OUTCOME_MATCH');
    expect(name.tolerated).toContain('case');
    expect(JSON.stringify(reply)).not.toContain(citizen.HoVaTen.Ten);

    const wrong = await grpcClient.call<{ verified: boolean }>('VerifyCitizen', {
      personalId: citizen.SoDinhDanh,
      claims: { fullName: 'Somebody Else Entirely' },
      purpose: PURPOSE,
    });
    expect(wrong.verified).toBe(false);
  });

  it('verifies a name typed in NFD, with a trailing dot and a look-alike Đ, saying what it forgave', async () => {
    const citizen = citizens.find((c) => c.TrangThai === 'SONG' && fullName(c).includes('Đ')) ?? living();
    const typed = `${fullName(citizen).replace(/Đ/g, '\u00d0').normalize('NFD')}.`;
    const reply = await grpcClient.call<{
      verified: boolean;
      attributes: { attribute: string; outcome: string; tolerated: string[] }[];
    }>('VerifyCitizen', { personalId: citizen.SoDinhDanh, claims: { fullName: typed }, purpose: PURPOSE });
    expect(reply.verified).toBe(true);
    const name = reply.attributes.find((attribute) => attribute.attribute === 'full_name')!;
    expect(name.tolerated).toEqual(
      fullName(citizen).includes('Đ') ? ['punctuation', 'lookalike'] : ['punctuation'],
    );
  });

  it('verifies over REST with the same answer shape', async () => {
    const citizen = living();
    const response = await rest('/v1/citizens/verify', {
      personalId: citizen.SoDinhDanh,
      claims: { fullName: fullName(citizen) },
      purpose: PURPOSE,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      verified: true,
      citizenFound: true,
      freshness: { stale: false },
    });
  });

  it('returns only the requested facts, with provenance, over gRPC and REST', async () => {
    const citizen = living();
    const reply = await grpcClient.call<{ facts: Fact__Output[]; missing: string[] }>('GetCitizen', {
      personalId: citizen.SoDinhDanh,
      factTypes: ['identity.full_name', 'residence.permanent'],
      purpose: PURPOSE,
    });
    expect(reply.facts.map((fact) => fact.type).sort()).toEqual([
      'identity.full_name',
      'residence.permanent',
    ]);
    const name = reply.facts.find((fact) => fact.type === 'identity.full_name')!;
    expect(JSON.parse(name.valueJson).full).toBe(fullName(citizen));
    expect(name.provenance).toMatchObject({
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `NPDB/${citizen.SoDinhDanh}`,
      sourceRecordVersion: String(citizen.PhienBan),
    });
    expect(Date.parse(name.provenance!.observedAt)).toBeGreaterThan(0);

    const answer = await rest(
      `/v1/citizens/${citizen.SoDinhDanh}?types=identity.date_of_birth&purpose=${PURPOSE}`,
    );
    expect(answer.status).toBe(200);
    expect((answer.body as { facts: unknown[] }).facts).toEqual([
      expect.objectContaining({ type: 'identity.date_of_birth', value: { date: isoDob(citizen) } }),
    ]);
  });

  it('answers bad input with typed errors', async () => {
    await expect(
      grpcClient.call('GetCitizen', {
        personalId: '12345',
        factTypes: ['identity.full_name'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_PERSONAL_ID_LENGTH', field: 'personalId' });
    await expect(
      grpcClient.call('GetCitizen', {
        personalId: '003099012345',
        factTypes: ['identity.full_name'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_PERSONAL_ID_PROVINCE' });
    await expect(
      grpcClient.call('GetCitizen', {
        personalId: living().SoDinhDanh,
        factTypes: ['identity.shoe_size'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 3, field: 'factTypes' });
    await expect(
      grpcClient.call('GetCitizen', {
        personalId: living().SoDinhDanh,
        factTypes: ['identity.full_name'],
        purpose: '',
      }),
    ).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_PURPOSE_REQUIRED' });
    await expect(
      grpcClient.call('VerifyCitizen', {
        personalId: '001099999999',
        claims: { fullName: 'X' },
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 5, code: 'MOTLAN_SUBJECT_NOT_FOUND' });

    const bad = await rest('/v1/citizens/verify', {
      personalId: '0010990123ab',
      claims: { fullName: 'X' },
      purpose: PURPOSE,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'MOTLAN_PERSONAL_ID_NOT_DIGITS', field: 'personalId' });
  });

  it.each([
    ['a zero-width joiner', '\u200d', 'MOTLAN_TEXT_INVISIBLE_CHARACTER'],
    ['a right-to-left override', '\u202e', 'MOTLAN_TEXT_INVISIBLE_CHARACTER'],
    ['BEL', '\u0007', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
    ['U+0000', '\u0000', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
    ['a TAB (a name is single-line text)', '\t', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
  ])(
    'refuses a claimed name with %s: INVALID_ARGUMENT over gRPC, 400 over REST',
    async (_name, character, code) => {
      const citizen = living();
      const [family, ...others] = fullName(citizen).split(' ');
      const claimed = [`${family}${character}`, ...others].join(' ');
      const request = { personalId: citizen.SoDinhDanh, claims: { fullName: claimed }, purpose: PURPOSE };
      await expect(grpcClient.call('VerifyCitizen', request)).rejects.toMatchObject({
        grpcCode: 3,
        code,
        field: 'claims.fullName',
      });
      const response = await rest('/v1/citizens/verify', request);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code, field: 'body.claims.fullName' });
    },
  );

  it('refuses a claimed name with an unpaired surrogate over REST, and matches an NFD name as its NFC form', async () => {
    const citizen = living();
    // JSON.stringify writes a lone surrogate as the escape \ud800, as a client's JSON would.
    const surrogate = await rest('/v1/citizens/verify', {
      personalId: citizen.SoDinhDanh,
      claims: { fullName: 'An\ud800' },
      purpose: PURPOSE,
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body).toMatchObject({
      code: 'MOTLAN_TEXT_UNPAIRED_SURROGATE',
      field: 'body.claims.fullName',
    });
    const decomposed = fullName(citizen).normalize('NFD');
    const reply = await grpcClient.call<{ verified: boolean }>('VerifyCitizen', {
      personalId: citizen.SoDinhDanh,
      claims: { fullName: decomposed },
      purpose: PURPOSE,
    });
    expect(reply.verified).toBe(true);
  });

  it('refuses what the policy does not grant, audits every decision, and refuses anonymous callers', async () => {
    const citizen = living();
    await expect(
      grpcClient.call('GetCitizen', {
        personalId: citizen.SoDinhDanh,
        factTypes: ['family.father'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 7, code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
    await app.trail.settle();
    const { rows } = await adapterPool.query(
      "SELECT client, purpose, fact_types, outcome FROM audit_log WHERE subject = $1 AND outcome = 'denied'",
      [citizen.SoDinhDanh],
    );
    expect(rows).toEqual([
      { client: 'one-stop', purpose: PURPOSE, fact_types: ['family.father'], outcome: 'denied' },
    ]);
    expect(await verifyAuditChain(adapterPool)).toMatchObject({ ok: true });
    // The adapter's role may add to its audit trail, never take from it.
    await expect(adapterPool.query('DELETE FROM audit_log')).rejects.toMatchObject({ code: '42501' });
    const anonymous = await httpsJson(
      `${httpsUrl}/v1/citizens/${citizen.SoDinhDanh}?types=identity.sex&purpose=${PURPOSE}`,
      {
        tls: clientTls(),
      },
    );
    expect(anonymous.status).toBe(401);
  });

  it('survives an upstream outage: breaker opens, known citizens served stale, recovery on its own', async () => {
    const known = citizens.filter((citizen) => citizen.TrangThai === 'SONG')[1]!;
    const unknown = citizens.filter((citizen) => citizen.TrangThai === 'SONG')[2]!;
    const ask = (citizen: NpdbRecord) =>
      grpcClient.call<{ facts: Fact__Output[]; freshness: { stale: boolean; ageSeconds: string } }>(
        'GetCitizen',
        { personalId: citizen.SoDinhDanh, factTypes: ['identity.full_name'], purpose: PURPOSE },
        { deadlineMs: 2_000 },
      );
    expect((await ask(known)).freshness.stale).toBe(false);

    await faults({ outage: true });
    try {
      const stale = await ask(known);
      expect(stale.freshness.stale).toBe(true);
      expect(stale.facts).toHaveLength(1);
      await expect(ask(unknown)).rejects.toMatchObject({ grpcCode: 14, canRetry: true });
      for (let i = 0; i < 6; i += 1) await ask(unknown).catch(() => undefined);
      expect(app.caller.state).toBe('open');
      const started = Date.now();
      await expect(ask(unknown)).rejects.toMatchObject({ grpcCode: 14 });
      expect(Date.now() - started).toBeLessThan(100); // failing fast, not waiting on the upstream
    } finally {
      await faults({ outage: false });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_700)); // breaker reset timeout
    const recovered = await ask(unknown);
    expect(recovered.freshness.stale).toBe(false);
    expect(app.caller.state).toBe('closed');
  });

  it('never waits past the deadline when the upstream is slow', async () => {
    const citizen = citizens.filter((entry) => entry.TrangThai === 'SONG')[3]!;
    await faults({ latencyMs: { min: 3_000, max: 3_000 } });
    try {
      const started = Date.now();
      await expect(
        grpcClient.call(
          'GetCitizen',
          { personalId: citizen.SoDinhDanh, factTypes: ['identity.sex'], purpose: PURPOSE },
          { deadlineMs: 800 },
        ),
      ).rejects.toMatchObject({ grpcCode: expect.any(Number) });
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await faults({ latencyMs: { min: 0, max: 0 } });
    }
  });

  it('turns the change feed into facts exactly once, resuming from its cursor after a restart', async () => {
    const generated = await upstream<{
      changes: { Cursor: string; SoDinhDanh: string; BanGhi: NpdbRecord }[];
    }>('POST', '/admin/changes', { count: 4 });
    expect(generated.changes.length).toBeGreaterThan(0);
    let handled = 0;
    for (let page = await app.changeFeed.syncOnce(); page > 0; page = await app.changeFeed.syncOnce())
      handled += page;
    expect(handled).toBe(generated.changes.length);

    // A restarted adapter (a new app on the same schema) resumes from the stored cursor:
    // nothing already published is published again, and only the newer change is.
    const restarted = await buildApp(config, {
      pool: adapterPool,
      producer,
      logger: resources.logger,
      registry: new Registry(),
      factsTopic: topic,
      policy,
      tls,
    });
    expect(await restarted.changeFeed.syncOnce()).toBe(0);
    const later = await upstream<typeof generated>('POST', '/admin/changes', { count: 1 });
    expect(await restarted.changeFeed.syncOnce()).toBe(later.changes.length);
    await restarted.close();
    generated.changes.push(...later.changes);

    const expectedFacts = generated.changes.reduce(
      (sum, change) => sum + app.adapter.toFacts(change.BanGhi).length,
      0,
    );
    const records = await readTopic(resources.kafka, topic.name, expectedFacts + 1, 5_000);
    expect(records).toHaveLength(expectedFacts);
    const codec = messageCodec<Fact__Output>(topic.payload);
    const ids = records.map((record) => record.headers?.['motlan-event-id']?.toString());
    expect(new Set(ids).size).toBe(ids.length);
    const last = generated.changes.at(-1)!;
    const facts = records.map((record) => codec.decode(record.value!));
    expect(
      facts.some(
        (fact) =>
          fact.subject?.personalId === last.SoDinhDanh &&
          fact.provenance?.sourceRecordVersion === String(last.BanGhi.PhienBan),
      ),
    ).toBe(true);
  });
});
