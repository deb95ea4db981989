/**
 * The demo story end to end, every part its own process as under `pnpm start`: the population
 * simulator, the military personnel simulator, both adapters, the fact registry and the one-stop
 * shop, on topics of their own (a prefix) and schemas of their own. A citizen not yet in the
 * personnel database registers for military service for the first time (the result carries the
 * military person code the commune military command issues); later a temporary-absence dossier
 * asks for nothing already known; then the registry shows a service member's identity facts from
 * both sources, flagging a disagreement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { APPLICANT_ID_HEADER, grpcChannelCredentials, loadTlsMaterial } from '@motlan/access';
import { isValidMilitaryCode, militaryIssuerForProvince } from '@motlan/domain';
import { createGrpcClient } from '@motlan/grpc';
import { Topics } from '@motlan/kafka';
import { messageCodec, type dossierV1, type factsV1 } from '@motlan/proto';
import {
  clientTls,
  devCertificates,
  eventually,
  freePort,
  readTopic,
  startMesh,
  TestResources,
  type Mesh,
} from '@motlan/testkit';
import { bothSourcesTable } from '../src/cli/demo-both-sources.ts';
import { loadProcedureCatalog } from '../src/catalog-data.ts';
import { moveTable, runMoveStory } from '../src/cli/demo-move.ts';
import { handlingUnit } from '../src/domain/handling-unit.ts';
import { runDemo, sideBySide, type DemoCitizen } from '../src/cli/demo-story.ts';
import { requestJson } from '../src/cli/https-json.ts';
import { topicSize } from './harness.ts';

const resources = new TestResources();
let mesh: Mesh;
let oneStopUrl: string;
let citizen: DemoCitizen;
let oneStopEnv: Record<string, string>;
let topicPrefix: string;
let oneStopGrpcAddress: string;
/** A service member's personnel record, and the disagreements the seeding put in it (seeded_truth). */
let member: { personalId: string; code: string; fullName: string; dateOfBirth: string; kinds: string[] };
let memberPopulation: { fullName: string; dateOfBirth: string };
let mover: string;
let pool: pg.Pool | undefined;
/** A pool on the database, to find the dossiers one-stop opened in its schema. */
const oneStopPool = () => {
  if (!pool) {
    pool = new pg.Pool({ connectionString: resources.databaseUrl, max: 1 });
    const opened = pool;
    resources.defer(() => opened.end());
  }
  return pool;
};

beforeAll(async () => {
  mesh = await startMesh(resources, 'demo', {
    seedPeople: 20,
    oneStop: true,
    military: true,
    // The population adapter follows the change feed, so step 4's move reaches the registry.
    adapterEnv: { CHANGE_FEED_INTERVAL_MS: '200' },
  });
  ({ env: oneStopEnv, url: oneStopUrl, grpc: oneStopGrpcAddress } = mesh.oneStop!);
  topicPrefix = mesh.topicPrefix;
  expect(await mesh.runToEnd('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv)).toBe(0);
  const military = mesh.military!;
  expect(
    await mesh.runToEnd('services/military-personnel-adapter/src/sync-cli.ts', military.adapterEnv),
  ).toBe(0);

  // A service member, one with a seeded disagreement first when there is one.
  const { rows: members } = await military.mpdbPool.query<{
    code: string;
    record: { SoDinhDanh: string; HoVaTen: string; NgaySinh: string };
    kinds: string[];
  }>(
    `SELECT p.ma_dinh_danh_quan_nhan AS code, p.record,
            array_remove(array_agg(t.kind), NULL) AS kinds
       FROM personnel p LEFT JOIN seeded_truth t ON t.ma_dinh_danh_quan_nhan = p.ma_dinh_danh_quan_nhan
      WHERE NOT p.malformed GROUP BY p.ma_dinh_danh_quan_nhan, p.record
      ORDER BY count(t.kind) DESC, p.so_dinh_danh`,
  );
  expect(members.length).toBeGreaterThan(0);
  const first = members[0]!;
  const [day, month, year] = first.record.NgaySinh.split('/');
  member = {
    personalId: first.record.SoDinhDanh,
    code: first.code,
    fullName: first.record.HoVaTen.normalize('NFC'),
    dateOfBirth: `${year}-${month}-${day}`,
    kinds: first.kinds,
  };
  const inPersonnel = new Set(members.map((row) => row.record.SoDinhDanh));

  const { rows } = await mesh.npdbPool.query<{
    record: {
      SoDinhDanh: string;
      HoVaTen: { Ho: string; ChuDem: string; Ten: string };
      NgayThangNamSinh: string;
    };
  }>("SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' ORDER BY so_dinh_danh");
  const asCitizen = (record: (typeof rows)[number]['record']): DemoCitizen => {
    const d = record.NgayThangNamSinh;
    return {
      personalId: record.SoDinhDanh,
      fullName: [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' '),
      dateOfBirth: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    };
  };
  // The story's citizen registers for the first time: not in the personnel database yet.
  citizen = asCitizen(rows.find((row) => !inPersonnel.has(row.record.SoDinhDanh))!.record);
  const memberRecord = rows.find((row) => row.record.SoDinhDanh === member.personalId)!.record;
  memberPopulation = asCitizen(memberRecord);
  // The man who moves in step 4: a personnel record, alive in the population database.
  const living = new Set(rows.map((row) => row.record.SoDinhDanh));
  mover = members
    .map((row) => row.record.SoDinhDanh)
    .find((id) => living.has(id) && id !== member.personalId)!;
  expect(mover).toBeDefined();
}, 240_000);

afterAll(async () => {
  await resources.cleanup();
});

describe('the once-only demo, process by process', () => {
  it('asks the second dossier for nothing already known, and says where each fact came from', async () => {
    const officer = clientTls('commune-officer');
    const portal = clientTls('citizen-portal');
    const result = await runDemo({
      baseUrl: oneStopUrl,
      ca: officer.ca,
      portal: { cert: portal.cert!, key: portal.key! },
      officer: { cert: officer.cert!, key: officer.key!, officerId: 'officer-17' },
      citizen,
      serviceMember: { personalId: member.personalId, registryUrl: mesh.registryHttp },
      waitMs: 30_000,
    });
    const { first, second } = result;

    expect(first.status).toBe('resolved');
    // The commune military command's system acted with its certificate, naming its officer.
    expect(first.history.at(-1)).toMatchObject({
      eventType: 'dossier.resolved',
      actor: 'commune-officer/officer-17',
    });
    expect(first.onceOnly.supplied).toBeGreaterThanOrEqual(1); // at least the health grade was typed in
    expect(first.facts.find((fact) => fact.type === 'identity.full_name')).toMatchObject({
      origin: 'prefilled',
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
    });

    expect(result.secondMissing).toEqual([]);
    expect(second.status).toBe('received');
    expect(second.onceOnly).toEqual({ required: 6, prefilled: 6, supplied: 0 });
    const from = (type: string) => second.facts.find((fact) => fact.type === type);
    expect(from('military.service_registration')).toMatchObject({
      sourceSystem: 'commune-military-command',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `dossier/${first.code}`,
    });
    expect(from('military.health_grade')).toMatchObject({
      sourceSystem: 'one-stop',
      assurance: 'ASSURANCE_SELF_DECLARED',
    });
    expect(from('residence.permanent')).toMatchObject({ sourceSystem: 'national-population-db' });

    // The first result carries the military person code the commune military command issued,
    // by the authority over the citizen's province, and the second dossier reuses it.
    const residence = first.facts.find((fact) => fact.type === 'residence.permanent') as unknown as {
      value: { provinceCode: string };
    };
    expect(isValidMilitaryCode(result.issuedMilitaryCode)).toBe(true);
    expect(result.issuedMilitaryCode.slice(2, 4)).toBe(
      militaryIssuerForProvince(residence.value.provinceCode),
    );
    expect((from('military.service_registration') as unknown as { value: unknown }).value).toMatchObject({
      status: 'registered',
      militaryCode: result.issuedMilitaryCode,
    });

    // Step 3: the service member's identity from both sources, as the registry holds it; the pair
    // flagged conflicted exactly where the seeding made the personnel record disagree.
    const both = result.bothSources!;
    expect(both).toMatchObject({ personalId: member.personalId, militaryCode: member.code });
    const byType = new Map(both.facts.map((fact) => [fact.type, fact]));
    const name = byType.get('identity.full_name')!;
    const born = byType.get('identity.date_of_birth')!;
    expect(name.population).toMatchObject({
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      current: true,
      value: { full: memberPopulation.fullName },
    });
    expect(name.personnel).toMatchObject({
      sourceSystem: 'military-personnel-db',
      assurance: 'ASSURANCE_VERIFIED',
      current: false,
      value: { full: member.fullName },
    });
    expect(born.population.value).toMatchObject({ date: memberPopulation.dateOfBirth });
    expect(born.personnel.value).toMatchObject({ date: member.dateOfBirth });
    const nameDisagrees = member.kinds.some((kind) => kind === 'name_typo' || kind === 'old_name');
    const birthDisagrees = member.kinds.includes('wrong_birth_day');
    expect(name.conflicted).toBe(nameDisagrees);
    expect(born.conflicted).toBe(birthDisagrees);
    expect(member.fullName !== memberPopulation.fullName).toBe(nameDisagrees);
    expect(member.dateOfBirth !== memberPopulation.dateOfBirth).toBe(birthDisagrees);
    const sources = bothSourcesTable(both);
    expect(sources).toContain(memberPopulation.fullName);
    expect(sources).toContain(member.fullName);
    expect(sources).toContain(nameDisagrees ? "conflicted: serves the population record's" : 'agree');

    const table = sideBySide(result);
    expect(table).toContain(`reused: commune-military-command (authoritative, result of ${first.code})`);
    expect(table).toContain('typed in by the citizen');
    expect(table).toContain(`reused: one-stop (self-declared, typed in ${first.code})`);

    // The handling unit's back-office reads the dossier over gRPC (mutual TLS).
    const client = createGrpcClient('motlan.dossier.v1.DossierService', {
      address: oneStopGrpcAddress,
      credentials: grpcChannelCredentials(loadTlsMaterial(devCertificates(), 'commune-officer')),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
    resources.defer(async () => client.close());
    const answer = await client.call<dossierV1.GetDossierResponse__Output>('GetDossier', {
      dossierId: first.code,
    });
    expect(answer.dossier).toMatchObject({
      id: first.id,
      status: 'DOSSIER_STATUS_RESOLVED',
      requiredFacts: 9,
      resultFactId: first.resultFactId,
    });

    // What the portal was shown is in the citizen's "who used my data", as the registry lists it:
    // one-stop's audit trail → access.audit.v1 → the registry's disclosures.
    const registry = createGrpcClient('motlan.facts.v1.FactRegistry', {
      address: mesh.registryGrpc,
      credentials: grpcChannelCredentials(loadTlsMaterial(devCertificates(), 'operator')),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
    resources.defer(async () => registry.close());
    const shown = await eventually(async () => {
      const { disclosures } = await registry.call<factsV1.ListDisclosuresResponse__Output>(
        'ListDisclosures',
        { personalId: citizen.personalId },
      );
      const byOneStop = disclosures.filter((entry) => entry.discloser === 'one-stop');
      return byOneStop.some((entry) => entry.purpose === second.procedureCode) ? byOneStop : undefined;
    }, 20_000);
    expect(shown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          client: 'citizen-portal',
          purpose: first.procedureCode,
          outcome: 'granted',
          factTypes: expect.arrayContaining(['identity.full_name', 'military.health_grade']),
        }),
        expect.objectContaining({ client: 'commune-officer', purpose: first.procedureCode }),
      ]),
    );
  });

  it('relays what a killed instance committed but never published, once', async () => {
    const schema = (await resources.schema(undefined, 'demo_crash')).name;
    const [httpA, httpB] = await Promise.all([freePort(), freePort()]);
    const { ca, cert, key } = clientTls('commune-officer');
    const portal = clientTls('citizen-portal');
    const asPortal = {
      cert: portal.cert!,
      key: portal.key!,
      headers: { [APPLICANT_ID_HEADER]: citizen.personalId },
    };
    const topic = `${topicPrefix}${Topics.dossierEvents.name}`;
    const crashed = await mesh.start(
      'services/one-stop/src/main.ts',
      {
        ...oneStopEnv,
        ONE_STOP_SCHEMA: schema,
        HTTP_PORT: String(httpA),
        GRPC_PORT: '0',
        OUTBOX_RELAY_ENABLED: 'false',
        // Not in the moves consumer's group: a member killed with SIGKILL holds the group's next
        // rebalance (and so the restarted instance's start) until its Kafka session times out.
        ONE_STOP_MOVES_ENABLED: 'false',
      },
      `https://127.0.0.1:${httpA}/ready`,
    );
    const before = await topicSize(resources.kafka, topic);
    const url = `https://127.0.0.1:${httpA}/v1/dossiers`;
    const submitted = await requestJson(url, {
      method: 'POST',
      ca,
      ...asPortal,
      body: { procedureCode: '1.004225', applicant: citizen, facts: [] },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const id = (submitted.body as { id: string }).id;
    // The officer acts with the handling unit's certificate; the applicant withdraws through the portal.
    const started = await requestJson(`${url}/${id}/start-processing`, {
      method: 'POST',
      ca,
      cert: cert!,
      key: key!,
      body: {},
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const withdrawn = await requestJson(`${url}/${id}/withdraw`, {
      method: 'POST',
      ca,
      ...asPortal,
      body: {},
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    // Killed after the commits, before any publish.
    await new Promise((resolve) => {
      crashed.child.once('exit', resolve);
      crashed.child.kill('SIGKILL');
    });
    expect(await topicSize(resources.kafka, topic)).toBe(before);

    const restarted = await mesh.start(
      'services/one-stop/src/main.ts',
      {
        ...oneStopEnv,
        ONE_STOP_SCHEMA: schema,
        HTTP_PORT: String(httpB),
        GRPC_PORT: '0',
        ONE_STOP_MOVES_ENABLED: 'false',
      },
      `https://127.0.0.1:${httpB}/ready`,
    );
    await eventually(
      async () => ((await topicSize(resources.kafka, topic)) === before + 3 ? true : undefined),
      20_000,
    );
    await restarted.stop();
    expect(await topicSize(resources.kafka, topic)).toBe(before + 3);
    const codec = messageCodec<dossierV1.DossierEvent__Output>('motlan.dossier.v1.DossierEvent');
    const events = (await readTopic(resources.kafka, topic, before + 3))
      .map((message) => codec.decode(message.value!))
      .filter((event) => event.dossierId === id);
    expect(events.map((event) => event.eventType)).toEqual([
      'dossier.received',
      'dossier.processing_started',
      'dossier.withdrawn',
    ]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
  });

  it('tells a move once: the registry learns it, notifies one-stop, which opens the move-out and move-in dossiers', async () => {
    const officer = clientTls('commune-officer');
    const subscriber = clientTls('one-stop');
    const tls = { ca: officer.ca, cert: subscriber.cert!, key: subscriber.key! };
    // one-stop subscribed at its start (the registry was up before it).
    const subscriptions = await eventually(async () => {
      const answer = await requestJson(`${mesh.registryHttp}/v1/subscriptions`, tls);
      const held = (
        answer.body as {
          subscriptions?: { purpose: string; factTypes: string[]; delivery: string; topic: string }[];
        }
      ).subscriptions;
      return held && held.length > 0 ? held : undefined;
    }, 30_000);
    expect(subscriptions).toEqual([
      expect.objectContaining({
        purpose: '1.004224',
        factTypes: ['residence.permanent'],
        delivery: 'kafka',
        topic: `${topicPrefix}citizen.notifications.v1.one-stop`,
      }),
    ]);

    const story = await runMoveStory({
      personalId: mover,
      populationUrl: mesh.adapterEnv['NPDB_URL']!,
      personnelUrl: mesh.military!.adapterEnv['MPDB_URL']!,
      personnelClient: { id: 'motlan-dev', secret: 'motlan-dev-secret' },
      registryUrl: mesh.registryHttp,
      oneStopUrl,
      ca: officer.ca,
      officer: { cert: officer.cert!, key: officer.key! },
      subscriber: { cert: subscriber.cert!, key: subscriber.key! },
      findOpened: async (personalId, since) => {
        const { rows } = await oneStopPool().query<{ id: string }>(
          `SELECT id FROM ${oneStopEnv['ONE_STOP_SCHEMA']}.dossiers
            WHERE applicant_personal_id = $1 AND origin->>'channel' = 'notification' AND received_at >= $2
            ORDER BY procedure_code`,
          [personalId, since],
        );
        return rows.map((row) => row.id);
      },
      waitMs: 20_000,
    });
    const seen = new Map(story.steps.map((step) => [step.what, step]));
    expect(story.fromWard).not.toBe(story.toWard);
    expect(seen.get('residence fact in the registry')!.afterMs).not.toBeNull();
    expect(seen.get('notification to one-stop')!.afterMs).not.toBeNull();
    expect(seen.get('dossiers opened')!.afterMs).not.toBeNull();
    expect(
      story.dossiers.map((dossier) => [dossier.procedureCode, dossier.unitCode, dossier.status]),
    ).toEqual([
      // The commune left, in today's units (a residence recorded before 2025 is mapped).
      ['1.004224', handlingUnit(loadProcedureCatalog().get('1.004224'), story.fromResidence), 'received'],
      ['1.004226', `BCHQS-X-${story.toWard}`, 'received'],
    ]);
    expect(moveTable(story)).toContain('dossiers opened');
  });
});
