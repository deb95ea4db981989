import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  ACCESS_MIGRATIONS,
  grpcChannelCredentials,
  loadTlsMaterial,
  parsePolicy,
  verifyAuditChain,
} from '@motlan/access';
import {
  ADAPTER_KIT_MIGRATIONS,
  serveAdapter,
  type AdapterApp,
  type ServedAdapter,
} from '@motlan/adapter-kit';
import type { Pool } from '@motlan/db';
import { joinFullName, militaryCodeFor, normalizeName } from '@motlan/domain';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import { createEventProducer, Topics, type EventProducer, type TopicDefinition } from '@motlan/kafka';
import { messageCodec, type Fact__Output, type militaryV1 } from '@motlan/proto';
import { clientTls, devCertificates, httpsJson, readTopic, TestResources } from '@motlan/testkit';
import { buildApp } from '../src/app.ts';
import { readConfig, type Config } from '../src/config.ts';
import { MILITARY_FACT_TYPES } from '../src/domain/map-record.ts';
import { createMpdbClient } from '../src/upstream/mpdb-client.ts';
import type { MpdbRecord } from '../src/domain/mpdb-record.ts';
import { startMilitarySimulator, type RunningSimulator } from './simulator.ts';

const resources = new TestResources();
const PURPOSE = '1.004227';
const OTHER_PURPOSE = '2.002101';
const ALL_TYPES = [...MILITARY_FACT_TYPES];
const policy = parsePolicy({
  clients: {
    // identity.sex is granted so that asking this source for it is refused as not provided.
    'one-stop': {
      purposes: { [PURPOSE]: [...ALL_TYPES, 'identity.sex'], [OTHER_PURPOSE]: ['identity.full_name'] },
    },
    operator: { mayOperate: true, purposes: {} },
  },
});

let simulator: RunningSimulator;
let records: (MpdbRecord & { malformed: boolean })[];
let config: Config;
let topic: TopicDefinition<Fact__Output>;
let producer: EventProducer;
let app: AdapterApp<MpdbRecord>;
let served: ServedAdapter;
let grpcClient: GrpcClient;
let adapterPool: Pool;
let tls: ReturnType<typeof loadTlsMaterial>;
let bulkFacts = 0;

const rest = (path: string, body?: unknown, client: string | undefined = 'one-stop') =>
  httpsJson(served.httpUrl + path, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    tls: clientTls(client),
  });

beforeAll(async () => {
  simulator = await startMilitarySimulator(resources, 2_500);
  const { rows } = await simulator.personnel.query<{ record: MpdbRecord; malformed: boolean }>(
    'SELECT record, malformed FROM personnel ORDER BY ma_dinh_danh_quan_nhan',
  );
  records = rows.map((row) => ({ ...row.record, malformed: row.malformed }));

  const { name: schema, pool } = await resources.schema(
    [ACCESS_MIGRATIONS, ADAPTER_KIT_MIGRATIONS],
    'military',
  );
  adapterPool = pool;
  const certDir = devCertificates();
  tls = loadTlsMaterial(certDir, 'military-personnel-adapter');
  topic = await resources.topic(Topics.citizenFacts);
  const auditTopic = await resources.topic(Topics.accessAudit);
  const auditAnchorsTopic = await resources.topic(Topics.accessAuditAnchors);
  producer = await createEventProducer(resources.kafka, 'military-personnel-adapter-test');
  resources.defer(() => producer.disconnect());
  config = readConfig({
    MPDB_URL: simulator.url,
    DATABASE_URL: resources.databaseUrl,
    MILITARY_ADAPTER_SCHEMA: schema,
    HTTP_PORT: '0',
    GRPC_PORT: '0',
    CHANGE_FEED_INTERVAL_MS: '0',
    SNAPSHOT_FRESH_FOR_MS: '0',
    // Generous: a page of the bulk sync on a loaded shared machine; the outage below is a 503, not a wait.
    UPSTREAM_ATTEMPT_TIMEOUT_MS: '3000',
    BREAKER_RESET_MS: '1500',
    REQUEST_DEADLINE_MS: '4000',
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
  resources.defer(() => served.stop());
  grpcClient = createGrpcClient('motlan.military.v1.MilitaryPersonnelService', {
    address: served.grpcAddress,
    credentials: grpcChannelCredentials(loadTlsMaterial(certDir, 'one-stop')),
    channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
  });
  resources.defer(async () => grpcClient.close());
}, 180_000);

afterAll(async () => {
  await resources.cleanup();
});

const wellFormed = () => records.filter((record) => !record.malformed);
const active = () => wellFormed().find((record) => record.TrangThaiPhucVu === 'TAI_NGU')!;
const plain = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase();
const iso = (dmy: string) => `${dmy.slice(6)}-${dmy.slice(3, 5)}-${dmy.slice(0, 2)}`;

describe('military personnel adapter against the running simulator', () => {
  it('bulk-syncs every record to facts, quarantining the malformed ones by reason and going on', async () => {
    const malformed = simulator.truth.filter((truth) => truth.kind === 'malformed');
    expect(malformed.length).toBeGreaterThan(0);
    const result = await app.bulkSync({ pageSize: 100, inFlight: 2 });
    expect(result.records).toBe(records.length);
    expect(result.quarantined).toBe(malformed.length);
    expect(result.facts).toBe((records.length - malformed.length) * ALL_TYPES.length);
    bulkFacts = result.facts;

    const listed = await rest('/v1/quarantine?limit=1000', undefined, 'operator');
    expect(listed.status).toBe(200);
    const quarantined = (
      listed.body as { records: { subject: string; reasonCode: string; field?: string }[] }
    ).records;
    expect(quarantined.map((entry) => entry.subject).sort()).toEqual(
      malformed.map((truth) => truth.so_dinh_danh).sort(),
    );
    for (const entry of quarantined) expect(entry.reasonCode).toBe('MOTLAN_FACT_VALUE_INVALID');
    // Only operators see the list.
    expect((await rest('/v1/quarantine')).status).toBe(403);
  });

  it('publishes identity as this registry recorded it: its disagreements with the population are the seeded ones', async () => {
    const published = await readTopic(resources.kafka, topic.name, bulkFacts, 30_000);
    expect(published).toHaveLength(bulkFacts);
    const codec = messageCodec<Fact__Output>(topic.payload);
    const facts = published.map((message) => codec.decode(message.value!));
    expect(new Set(facts.map((fact) => fact.id)).size).toBe(facts.length);

    const { rows: citizens } = await simulator.population.query<{
      so_dinh_danh: string;
      record: { HoVaTen: { Ho: string; ChuDem: string; Ten: string }; NgayThangNamSinh: string };
    }>('SELECT so_dinh_danh, record FROM citizens');
    const population = new Map(citizens.map((row) => [row.so_dinh_danh, row.record]));
    const disagreeing = new Set<string>();
    for (const fact of facts) {
      const subject = fact.subject!.personalId;
      const citizen = population.get(subject)!;
      expect(citizen).toBeDefined(); // every record links to a citizen by personal ID
      const value = JSON.parse(fact.valueJson) as { full?: string; date?: string };
      if (fact.type === 'identity.full_name') {
        expect(fact.provenance!.assurance).toBe('ASSURANCE_VERIFIED');
        const truth = joinFullName({
          family: citizen.HoVaTen.Ho,
          middle: citizen.HoVaTen.ChuDem,
          given: citizen.HoVaTen.Ten,
        });
        if (normalizeName(value.full!) !== truth) disagreeing.add(`${subject} full_name`);
      }
      if (fact.type === 'identity.date_of_birth') {
        const ymd = citizen.NgayThangNamSinh;
        if (value.date !== `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`)
          disagreeing.add(`${subject} date_of_birth`);
      }
      if (fact.type.startsWith('military.'))
        expect(fact.provenance!.assurance).toBe('ASSURANCE_AUTHORITATIVE');
    }
    const seeded = simulator.truth
      .filter((truth) => truth.kind !== 'malformed')
      .map((truth) => `${truth.so_dinh_danh} ${truth.field === 'NgaySinh' ? 'date_of_birth' : 'full_name'}`);
    expect(seeded.length).toBeGreaterThan(10);
    expect([...disagreeing].sort()).toEqual(seeded.sort());
  });

  it('looks a person up by personal ID and by military person code, over gRPC and REST, with the same facts', async () => {
    const member = active();
    const types = ['military.person_code', 'military.unit', 'military.rank', 'military.service_status'];
    const byId = await grpcClient.call<militaryV1.GetServiceMemberResponse__Output>('GetServiceMember', {
      personalId: member.SoDinhDanh,
      factTypes: types,
      purpose: PURPOSE,
    });
    const byCode = await grpcClient.call<militaryV1.GetServiceMemberResponse__Output>('GetServiceMember', {
      militaryCode: member.MaDinhDanhQuanNhan,
      factTypes: types,
      purpose: PURPOSE,
    });
    expect(byId.facts.map((fact) => fact.type).sort()).toEqual([...types].sort());
    expect(byCode.facts.map((fact) => fact.id)).toEqual(byId.facts.map((fact) => fact.id));
    const unit = byId.facts.find((fact) => fact.type === 'military.unit')!;
    expect(JSON.parse(unit.valueJson)).toEqual({ code: member.DonVi!.MaDonVi, name: member.DonVi!.TenDonVi });
    expect(unit.provenance).toMatchObject({
      sourceSystem: 'military-personnel-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `MPDB/${member.MaDinhDanhQuanNhan}`,
      sourceRecordVersion: String(member.PhienBan),
    });

    const restById = await rest(
      `/v1/service-members/${member.SoDinhDanh}?types=military.rank&purpose=${PURPOSE}`,
    );
    expect(restById.status).toBe(200);
    expect((restById.body as { facts: unknown[] }).facts).toEqual([
      expect.objectContaining({ type: 'military.rank', value: { rank: member.CapBac } }),
    ]);
    const restByCode = await rest(
      `/v1/service-members/by-code/${member.MaDinhDanhQuanNhan}?types=military.rank,military.person_code&purpose=${PURPOSE}`,
    );
    expect(restByCode.status).toBe(200);
    expect((restByCode.body as { facts: { type: string; value: unknown }[] }).facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'military.person_code', value: { code: member.MaDinhDanhQuanNhan } }),
      ]),
    );
  });

  it('verifies a service member without revealing the record, and shows where the personnel record disagrees', async () => {
    const member = active();
    const reply = await grpcClient.call<militaryV1.VerifyServiceMemberResponse__Output>(
      'VerifyServiceMember',
      {
        militaryCode: member.MaDinhDanhQuanNhan,
        claims: {
          fullName: plain(member.HoVaTen),
          dateOfBirth: iso(member.NgaySinh),
          personalId: member.SoDinhDanh,
        },
        purpose: PURPOSE,
      },
    );
    expect(reply.verified).toBe(true);
    expect(reply.serviceMemberFound).toBe(true);
    expect(reply.attributes.find((attribute) => attribute.attribute === 'full_name')!.tolerated).toContain(
      'diacritics',
    );
    expect(JSON.stringify(reply)).not.toContain(member.MaDinhDanhQuanNhan);

    // The name the population holds, claimed of a record the personnel system typed wrongly.
    const typo = simulator.truth.find((truth) => truth.kind === 'name_typo')!;
    const restReply = await rest('/v1/service-members/verify', {
      personalId: typo.so_dinh_danh,
      claims: { fullName: typo.true_value, militaryCode: typo.ma_dinh_danh_quan_nhan },
      purpose: PURPOSE,
    });
    expect(restReply.status).toBe(200);
    expect(restReply.body).toMatchObject({
      verified: false,
      serviceMemberFound: true,
      attributes: expect.arrayContaining([
        { attribute: 'full_name', outcome: 'MATCH_OUTCOME_MISMATCH', tolerated: [] },
        { attribute: 'military_code', outcome: 'MATCH_OUTCOME_MATCH', tolerated: [] },
      ]),
    });
  });

  it('refuses a purpose outside the policy and audits it, by personal ID and by code alike', async () => {
    const member = wellFormed()[5]!;
    for (const key of [{ personalId: member.SoDinhDanh }, { militaryCode: member.MaDinhDanhQuanNhan }]) {
      await expect(
        grpcClient.call('GetServiceMember', { ...key, factTypes: ['military.rank'], purpose: OTHER_PURPOSE }),
      ).rejects.toMatchObject({ grpcCode: 7, code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
    }
    await app.trail.settle();
    const { rows } = await adapterPool.query(
      "SELECT client, purpose, fact_types, outcome FROM audit_log WHERE subject = $1 AND outcome = 'denied'",
      [member.SoDinhDanh],
    );
    expect(rows).toEqual([
      { client: 'one-stop', purpose: OTHER_PURPOSE, fact_types: ['military.rank'], outcome: 'denied' },
      { client: 'one-stop', purpose: OTHER_PURPOSE, fact_types: ['military.rank'], outcome: 'denied' },
    ]);
    expect(await verifyAuditChain(adapterPool)).toMatchObject({ ok: true });

    // A code nobody holds: NOT_FOUND for a client that may read, PERMISSION_DENIED for one that may not.
    const valid = militaryCodeFor({ issuingUnit: 'BQ', registrationYear: 2099, serial: 999999 });
    await expect(
      grpcClient.call('GetServiceMember', {
        militaryCode: valid,
        factTypes: ['military.rank'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 5, code: 'MOTLAN_SUBJECT_NOT_FOUND' });
    await expect(
      grpcClient.call('GetServiceMember', {
        militaryCode: valid,
        factTypes: ['military.rank'],
        purpose: OTHER_PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 7, code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
    // Nobody without a certificate.
    const anonymous = await httpsJson(
      `${served.httpUrl}/v1/service-members/${member.SoDinhDanh}?types=military.rank&purpose=${PURPOSE}`,
      { tls: clientTls() },
    );
    expect(anonymous.status).toBe(401);
  });

  it('answers bad input with typed errors naming the field', async () => {
    const member = active();
    await expect(
      grpcClient.call('GetServiceMember', {
        personalId: member.SoDinhDanh,
        militaryCode: member.MaDinhDanhQuanNhan,
        factTypes: ['military.rank'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_SERVICE_MEMBER_KEY_REQUIRED' });
    // The check character changed: the MOD 37-36 check fails before anyone is asked.
    const code = member.MaDinhDanhQuanNhan;
    const mistyped = `${code.slice(0, 14)}${code[14] === '0' ? '1' : '0'}`;
    const bad = await rest(`/v1/service-members/by-code/${mistyped}?types=military.rank&purpose=${PURPOSE}`);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'MOTLAN_MILITARY_CODE_CHECK', field: 'militaryCode' });
    const noClaims = await rest('/v1/service-members/verify', {
      personalId: member.SoDinhDanh,
      claims: {},
      purpose: PURPOSE,
    });
    expect(noClaims.status).toBe(400);
    expect(noClaims.body).toMatchObject({
      code: 'MOTLAN_SERVICE_MEMBER_CLAIMS_REQUIRED',
      field: 'body.claims',
    });
    await expect(
      grpcClient.call('GetServiceMember', {
        personalId: member.SoDinhDanh,
        factTypes: ['identity.sex'],
        purpose: PURPOSE,
      }),
    ).rejects.toMatchObject({ grpcCode: 3, code: 'MOTLAN_FACT_TYPE_NOT_PROVIDED', field: 'factTypes' });
  });

  it('turns the change feed into facts on the topic exactly once, resuming after a restart', async () => {
    const generated = await simulator.admin<{
      BienDong: { ViTri: string; SoDinhDanh: string; HoSo: MpdbRecord }[];
    }>('POST', '/admin/changes', { count: 4 });
    expect(generated.BienDong.length).toBeGreaterThan(0);
    let handled = 0;
    for (let page = await app.changeFeed.syncOnce(); page > 0; page = await app.changeFeed.syncOnce())
      handled += page;
    expect(handled).toBe(generated.BienDong.length);

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
    const later = await simulator.admin<typeof generated>('POST', '/admin/changes', { count: 1 });
    expect(await restarted.changeFeed.syncOnce()).toBe(later.BienDong.length);
    await restarted.close();
    const changes = [...generated.BienDong, ...later.BienDong];

    const expected = bulkFacts + changes.length * ALL_TYPES.length;
    const published = await readTopic(resources.kafka, topic.name, expected + 1, 5_000);
    expect(published).toHaveLength(expected);
    const codec = messageCodec<Fact__Output>(topic.payload);
    const facts = published.map((message) => codec.decode(message.value!));
    for (const change of changes) {
      const status = facts.find(
        (fact) =>
          fact.subject!.personalId === change.SoDinhDanh &&
          fact.type === 'military.service_status' &&
          fact.provenance!.sourceRecordVersion === String(change.HoSo.PhienBan),
      );
      expect(status, change.ViTri).toBeDefined();
    }
  });

  it('refuses wrong client credentials upstream as not retryable', async () => {
    const client = createMpdbClient({
      baseUrl: simulator.url,
      clientId: 'motlan-dev',
      clientSecret: 'not-the-secret',
    });
    await expect(
      client.fetchRecord(active().SoDinhDanh, {
        deadline: Date.now() + 2_000,
        requestId: 'r-1',
        actor: 'test',
      }),
    ).rejects.toMatchObject({ code: 'MOTLAN_UPSTREAM_REJECTED', canRetry: false });
  });

  it('survives an upstream outage: known members served stale with their age, recovery on its own', async () => {
    const known = wellFormed()[10]!;
    const unknown = wellFormed()[11]!;
    const ask = (member: MpdbRecord) =>
      grpcClient.call<militaryV1.GetServiceMemberResponse__Output>(
        'GetServiceMember',
        { personalId: member.SoDinhDanh, factTypes: ['military.health_grade'], purpose: PURPOSE },
        { deadlineMs: 5_000 },
      );
    expect((await ask(known)).freshness!.stale).toBe(false);
    await simulator.admin('PUT', '/admin/faults', { outage: true });
    try {
      const stale = await ask(known);
      expect(stale.freshness!.stale).toBe(true);
      expect(stale.facts).toHaveLength(1);
      await expect(ask(unknown)).rejects.toMatchObject({ grpcCode: 14, canRetry: true });
    } finally {
      await simulator.admin('PUT', '/admin/faults', { outage: false });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_700)); // the breaker's reset timeout
    expect((await ask(unknown)).freshness!.stale).toBe(false);
  });
});
