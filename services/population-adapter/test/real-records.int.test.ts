/**
 * Records as the real upstream serves them, made on purpose by the simulator: partial dates of
 * birth, a father not recorded, records that cannot be mapped. The feed must flow past the bad
 * ones (quarantined with their reason), and the change feed's breaker is not the lookups'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { ACCESS_MIGRATIONS, grpcChannelCredentials, loadTlsMaterial, parsePolicy } from '@motlan/access';
import { ADAPTER_KIT_MIGRATIONS, serveAdapter, type AdapterApp } from '@motlan/adapter-kit';
import type { Pool } from '@motlan/db';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import { createEventProducer, Topics, type TopicDefinition } from '@motlan/kafka';
import { messageCodec, type Fact__Output } from '@motlan/proto';
import {
  clientTls,
  devCertificates,
  freePort,
  httpsJson,
  readTopic,
  startServiceProcess,
  TestResources,
} from '@motlan/testkit';
import { buildApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import type { NpdbRecord } from '../src/domain/npdb-record.ts';
import { simulatorClient } from './simulator-client.ts';

const resources = new TestResources();
const PURPOSE = '1.004227';
const policy = parsePolicy({
  clients: {
    'one-stop': {
      purposes: { [PURPOSE]: ['identity.date_of_birth', 'family.father', 'identity.full_name'] },
    },
    operator: { mayOperate: true, purposes: {} },
  },
});

let simulatorUrl: string;
let simulatorPool: Pool;
let app: AdapterApp<NpdbRecord>;
let registry: Registry;
let topic: TopicDefinition<Fact__Output>;
let httpsUrl: string;
let grpcClient: GrpcClient;
let citizens: NpdbRecord[];

interface Change {
  Cursor: string;
  SoDinhDanh: string;
  BanGhi: NpdbRecord;
}

const upstream = simulatorClient(() => simulatorUrl);

const quirk = async (name: string, personalId: string) =>
  (await upstream<{ change: Change }>('POST', '/admin/record-quirks', { quirk: name, personalId })).change;

const rest = (path: string, client: string, method: 'GET' | 'POST' = 'GET') =>
  httpsJson(httpsUrl + path, { method, tls: clientTls(client), ...(method === 'POST' ? { body: {} } : {}) });

async function drainFeed(): Promise<number> {
  let handled = 0;
  for (let page = await app.changeFeed.syncOnce(); page > 0; page = await app.changeFeed.syncOnce())
    handled += page;
  return handled;
}

beforeAll(async () => {
  const simulatorSchema = await resources.schema(undefined, 'npdb');
  simulatorPool = simulatorSchema.pool;
  const port = await freePort();
  simulatorUrl = `http://127.0.0.1:${port}`;
  const simulator = await startServiceProcess({
    entry: 'infra/simulators/national-population-db/src/main.ts',
    env: {
      DATABASE_URL: resources.databaseUrl,
      NPDB_SCHEMA: simulatorSchema.name,
      NPDB_HTTP_PORT: String(port),
      NPDB_SEED_PEOPLE: '120',
      NPDB_CHANGE_INTERVAL_MS: '0',
    },
    readyUrl: `${simulatorUrl}/health`,
    timeoutMs: 90_000,
  });
  resources.defer(() => simulator.stop());
  citizens = (await upstream<{ items: NpdbRecord[] }>('GET', '/api/v1/citizens?limit=120')).items.filter(
    (citizen) => citizen.TrangThai === 'SONG',
  );

  const { name: schema, pool } = await resources.schema(
    [ACCESS_MIGRATIONS, ADAPTER_KIT_MIGRATIONS],
    'population',
  );
  topic = await resources.topic(Topics.citizenFacts);
  const producer = await createEventProducer(resources.kafka, 'population-adapter-test');
  resources.defer(() => producer.disconnect());
  const config = readConfig({
    NPDB_URL: simulatorUrl,
    DATABASE_URL: resources.databaseUrl,
    POPULATION_ADAPTER_SCHEMA: schema,
    HTTP_PORT: '0',
    GRPC_PORT: '0',
    CHANGE_FEED_INTERVAL_MS: '0',
    SNAPSHOT_FRESH_FOR_MS: '0',
    UPSTREAM_ATTEMPT_TIMEOUT_MS: '300',
    UPSTREAM_RETRIES: '0',
    BREAKER_RESET_MS: '60000',
    REQUEST_DEADLINE_MS: '1000',
    LOG_LEVEL: 'silent',
  });
  registry = new Registry();
  const certDir = devCertificates();
  app = await buildApp(config, {
    pool,
    producer,
    logger: resources.logger,
    registry,
    factsTopic: topic,
    policy,
    tls: loadTlsMaterial(certDir, 'population-adapter'),
  });
  const served = await serveAdapter(app, config, resources.logger, registry);
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

describe('the change feed past records the adapter cannot map', () => {
  const [badDate, badWard, partial, fatherless] = [0, 1, 2, 3].map((i) => () => citizens[i]!);
  let later: Change[];
  let facts: Fact__Output[];

  it('quarantines the unmappable records with their reason and publishes everyone else', async () => {
    await quirk('malformed-date-of-birth', badDate().SoDinhDanh);
    await quirk('malformed-ward-code', badWard().SoDinhDanh);
    await quirk('partial-dob-year', partial().SoDinhDanh);
    await quirk('no-father', fatherless().SoDinhDanh);
    // A later change for another, fixed citizen (the generator's random changes could touch the
    // bad records and resolve their quarantine).
    later = [await quirk('father-without-id', citizens[4]!.SoDinhDanh)];
    const others = later;
    expect(await drainFeed()).toBe(4 + later.length);
    const expected = [partial(), fatherless()].length * app.adapter.factTypes.length;
    const codec = messageCodec<Fact__Output>(topic.payload);
    facts = (await readTopic(resources.kafka, topic.name, expected + later.length * 20, 5_000)).map(
      (record) => codec.decode(record.value!),
    );
    const subjects = new Set(facts.map((fact) => fact.subject!.personalId));
    // A later change for another citizen reached Kafka: the feed did not stop at the bad records.
    for (const change of others) expect(subjects.has(change.SoDinhDanh)).toBe(true);
    expect(subjects.has(badDate().SoDinhDanh)).toBe(later.some((c) => c.SoDinhDanh === badDate().SoDinhDanh));
    expect(subjects.has(badWard().SoDinhDanh)).toBe(later.some((c) => c.SoDinhDanh === badWard().SoDinhDanh));

    const listed = await rest('/v1/quarantine', 'operator');
    expect(listed.status).toBe(200);
    const body = listed.body as { open: number; records: Record<string, unknown>[] };
    expect(body.open).toBe(2);
    const bySubject = new Map(body.records.map((entry) => [entry.subject, entry]));
    expect(bySubject.get(badDate().SoDinhDanh)).toMatchObject({
      feed: 'national-population-db:changes',
      reasonCode: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'value.date',
      version: String(badDate().PhienBan + 1),
      attempts: 1,
    });
    expect(bySubject.get(badWard().SoDinhDanh)).toMatchObject({
      reasonCode: 'MOTLAN_FACT_VALUE_INVALID',
      field: 'value.wardCode',
    });
    expect(JSON.stringify(body)).not.toContain(badDate().HoVaTen.Ten);
    expect(await registry.getSingleMetricAsString('motlan_adapter_quarantined_records')).toContain(
      'motlan_adapter_quarantined_records{adapter="population-adapter"} 2',
    );
    expect(
      (await registry.getSingleMetricAsString('motlan_adapter_records_quarantined_total')).includes(' 2'),
    ).toBe(true);
  });

  it('shows quarantined records to operators only', async () => {
    const refused = await rest('/v1/quarantine', 'one-stop');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'MOTLAN_OPERATOR_REQUIRED' });
    expect((await rest('/v1/quarantine/retry', 'one-stop', 'POST')).status).toBe(403);
  });

  it('publishes a partial date of birth as a fact, and GetCitizen answers it', async () => {
    const dob = facts.find(
      (fact) => fact.subject!.personalId === partial().SoDinhDanh && fact.type === 'identity.date_of_birth',
    )!;
    const year = partial().NgayThangNamSinh.slice(0, 4);
    expect(JSON.parse(dob.valueJson)).toEqual({ date: year, precision: 'year' });
    const reply = await grpcClient.call<{ facts: Fact__Output[] }>('GetCitizen', {
      personalId: partial().SoDinhDanh,
      factTypes: ['identity.date_of_birth'],
      purpose: PURPOSE,
    });
    expect(JSON.parse(reply.facts[0]!.valueJson)).toEqual({ date: year, precision: 'year' });
    const verified = await grpcClient.call<{
      verified: boolean;
      attributes: { attribute: string; outcome: string; tolerated: string[] }[];
    }>('VerifyCitizen', {
      personalId: partial().SoDinhDanh,
      claims: { dateOfBirth: `${year}-06-15` },
      purpose: PURPOSE,
    });
    expect(verified.verified).toBe(true);
    expect(verified.attributes.find((entry) => entry.attribute === 'date_of_birth')).toMatchObject({
      outcome: 'MATCH_OUTCOME_MATCH',
      tolerated: ['partial_date'],
    });
  });

  it('publishes an absent father as a fact that says so', async () => {
    const father = facts.find(
      (fact) => fact.subject!.personalId === fatherless().SoDinhDanh && fact.type === 'family.father',
    )!;
    expect(JSON.parse(father.valueJson)).toEqual({ recorded: false });
    expect(father.provenance).toMatchObject({
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `NPDB/${fatherless().SoDinhDanh}`,
    });
  });

  it('answers GetCitizen for an unmappable record as the upstream’s fault (502), not the caller’s (400)', async () => {
    const answer = await httpsJson(
      `${httpsUrl}/v1/citizens/${badDate().SoDinhDanh}?types=identity.full_name&purpose=${PURPOSE}`,
      { tls: clientTls('one-stop') },
    );
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ code: 'MOTLAN_UPSTREAM_RECORD_UNMAPPABLE' });
  });

  it('retries quarantined records after the upstream corrected one; the other stays, with one more attempt', async () => {
    const fixed = (await upstream<{ KetQua: NpdbRecord }>('GET', `/api/v1/citizens/${badWard().SoDinhDanh}`))
      .KetQua;
    const corrected = { ...fixed, ThuongTru: badWard().ThuongTru };
    await simulatorPool.query('UPDATE citizens SET record = $2::jsonb WHERE so_dinh_danh = $1', [
      badWard().SoDinhDanh,
      JSON.stringify(corrected),
    ]);
    const retried = await rest('/v1/quarantine/retry', 'operator', 'POST');
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ tried: 2, resolved: 1, stillFailing: 1 });
    const codec = messageCodec<Fact__Output>(topic.payload);
    const all = (await readTopic(resources.kafka, topic.name, facts.length + 100, 5_000)).map((record) =>
      codec.decode(record.value!),
    );
    const ward = all.find(
      (fact) =>
        fact.subject!.personalId === badWard().SoDinhDanh &&
        fact.type === 'residence.permanent' &&
        fact.provenance!.sourceRecordVersion === String(corrected.PhienBan),
    );
    expect(JSON.parse(ward!.valueJson).wardCode).toBe(badWard().ThuongTru.MaXa);
    const open = (await rest('/v1/quarantine', 'operator')).body as {
      open: number;
      records: { subject: string; attempts: number }[];
    };
    expect(open.open).toBe(1);
    expect(open.records).toEqual([expect.objectContaining({ subject: badDate().SoDinhDanh, attempts: 2 })]);
    const history = (await rest('/v1/quarantine?includeResolved=true', 'operator')).body as {
      records: { subject: string; resolution?: string }[];
    };
    expect(history.records.find((entry) => entry.subject === badWard().SoDinhDanh)?.resolution).toMatch(
      /^retried/,
    );
  });

  it('resolves a quarantined record when a later version of it maps', async () => {
    const good = { ...badDate(), PhienBan: badDate().PhienBan + 5, CapNhatLuc: new Date().toISOString() };
    await simulatorPool.query('UPDATE citizens SET record = $2::jsonb WHERE so_dinh_danh = $1', [
      good.SoDinhDanh,
      JSON.stringify(good),
    ]);
    await simulatorPool.query(
      "INSERT INTO changes (so_dinh_danh, loai_thay_doi, thoi_diem, record) VALUES ($1, 'DIEU_CHINH', now(), $2::jsonb)",
      [good.SoDinhDanh, JSON.stringify(good)],
    );
    expect(await drainFeed()).toBe(1);
    expect(((await rest('/v1/quarantine', 'operator')).body as { open: number }).open).toBe(0);
  });
});

describe('versions out of order', () => {
  it('publishes both, and keeps the newer record as the snapshot lookups fall back on', async () => {
    const citizen = citizens[6]!;
    const newer = await quirk('out-of-order-version', citizen.SoDinhDanh);
    expect(await drainFeed()).toBe(2);
    expect((await app.snapshots.get(citizen.SoDinhDanh))?.version).toBe(String(newer.BanGhi.PhienBan));
  });
});

describe('separate breakers', () => {
  it('a failing change feed opens its own breaker, never the one interactive lookups go through', async () => {
    const citizen = citizens[5]!;
    await upstream('PUT', '/admin/faults', { outage: true });
    try {
      for (let i = 0; i < 8; i += 1) await app.changeFeed.syncOnce().catch(() => undefined);
      expect(app.feedCaller.state).toBe('open');
      expect(app.caller.state).toBe('closed');
    } finally {
      await upstream('PUT', '/admin/faults', { outage: false });
    }
    const reply = await grpcClient.call<{ facts: Fact__Output[]; freshness: { stale: boolean } }>(
      'GetCitizen',
      {
        personalId: citizen.SoDinhDanh,
        factTypes: ['identity.full_name'],
        purpose: PURPOSE,
      },
    );
    expect(reply.freshness.stale).toBe(false);
    expect(reply.facts).toHaveLength(1);
    await expect(app.changeFeed.syncOnce()).rejects.toMatchObject({ code: 'MOTLAN_UNAVAILABLE' });
  });
});

describe('administrative units across the 2025 reorganisation', () => {
  it('answers a legacy code with the current unit, and a current code with the legacy units it was made of', async () => {
    const binhDuong = await rest('/v1/admin-units/provinces/74', 'one-stop');
    expect(binhDuong.status).toBe(200);
    expect(binhDuong.body).toMatchObject({
      code: '74',
      legacy: { code: '74', name: 'Tỉnh Bình Dương' },
      current: null,
      becamePartOf: { code: '79', name: 'Thành phố Hồ Chí Minh' },
      madeOf: [],
      effectiveFrom: '2025-07-01',
    });
    const hcmc = await rest('/v1/admin-units/provinces/79', 'one-stop');
    expect((hcmc.body as { madeOf: { code: string }[] }).madeOf.map((unit) => unit.code)).toEqual([
      '74',
      '77',
      '79',
    ]);
    const ward = await rest('/v1/admin-units/wards/26881', 'one-stop');
    expect(ward.body).toMatchObject({ becamePartOf: { code: '26882' } });
    const unknown = await rest('/v1/admin-units/provinces/98', 'one-stop');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'MOTLAN_NOT_FOUND', field: 'code' });
    expect((await rest('/v1/admin-units/provinces/7', 'one-stop')).status).toBe(400);
  });
});
