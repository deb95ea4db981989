/**
 * The mesh end to end, each part its own process as in production: the national population DB
 * simulator, the population adapter and the fact registry, on topics of their own (a prefix) and
 * schemas of their own. Facts flow simulator → adapter (bulk sync) → Kafka → registry; a
 * disclosure by the adapter reaches the citizen's view in the registry through access.audit.v1.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcChannelCredentials, loadTlsMaterial } from '@motlan/access';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import { allTopics, deleteTopics, ensureTopics } from '@motlan/kafka';
import type { factsV1, populationV1 } from '@motlan/proto';
import {
  clientTls,
  devCertificates,
  eventually,
  freePort,
  startServiceProcess,
  TestResources,
  uniqueName,
} from '@motlan/testkit';

interface NpdbRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
}

const resources = new TestResources();
const PURPOSE = '1.001234'; // granted to one-stop in infra/policies/access-policy.json
let env: Record<string, string>;
let registry: GrpcClient;
let operator: GrpcClient;
let population: GrpcClient;
let citizen: NpdbRecord;

const fullName = (record: NpdbRecord) =>
  [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' ');

function grpcClient(service: string, port: number, identity: string): GrpcClient {
  const client = createGrpcClient(service, {
    address: `127.0.0.1:${port}`,
    credentials: grpcChannelCredentials(loadTlsMaterial(devCertificates(), identity)),
    channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    defaultDeadlineMs: 10_000,
  });
  resources.defer(async () => client.close());
  return client;
}

async function start(entry: string, extraEnv: Record<string, string>, readyUrl: string): Promise<void> {
  const service = await startServiceProcess({
    entry,
    env: { ...env, ...extraEnv },
    readyUrl,
    ca: clientTls().ca,
    timeoutMs: 120_000,
  });
  resources.defer(() => service.stop());
}

function runToEnd(entry: string, extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: { ...process.env, ...env, ...extraEnv },
      stdio: 'ignore',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

beforeAll(async () => {
  const prefix = `${uniqueName('mesh')}.`;
  const topics = allTopics(prefix);
  await ensureTopics(resources.kafka, topics);
  resources.defer(() =>
    deleteTopics(
      resources.kafka,
      topics.map((topic) => topic.name),
    ),
  );
  env = {
    DATABASE_URL: resources.databaseUrl,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
    KAFKA_TOPIC_PREFIX: prefix,
    MTLS_CERT_DIR: devCertificates(),
    LOG_LEVEL: 'warn',
  };
  const [npdbPort, adapterHttp, adapterGrpc, registryHttp, registryGrpc] = await Promise.all(
    [1, 2, 3, 4, 5].map(() => freePort()),
  );
  const { name: npdbSchema, pool: npdbPool } = await resources.schema(undefined, 'mesh_npdb');
  const npdb = { NPDB_URL: `http://127.0.0.1:${npdbPort}` };
  await start(
    'infra/simulators/national-population-db/src/main.ts',
    {
      NPDB_SCHEMA: npdbSchema,
      NPDB_HTTP_PORT: String(npdbPort),
      NPDB_SEED_PEOPLE: '40',
      NPDB_CHANGE_INTERVAL_MS: '0',
    },
    `${npdb.NPDB_URL}/health`,
  );
  const adapterEnv = {
    ...npdb,
    POPULATION_ADAPTER_SCHEMA: (await resources.schema(undefined, 'mesh_population')).name,
    HTTP_PORT: String(adapterHttp),
    GRPC_PORT: String(adapterGrpc),
    CHANGE_FEED_INTERVAL_MS: '0',
  };
  await start(
    'services/population-adapter/src/main.ts',
    adapterEnv,
    `https://127.0.0.1:${adapterHttp}/ready`,
  );
  await start(
    'services/fact-registry/src/main.ts',
    {
      FACT_REGISTRY_SCHEMA: (await resources.schema(undefined, 'mesh_registry')).name,
      FACT_REGISTRY_GROUP: uniqueName('mesh-registry'),
      HTTP_PORT: String(registryHttp),
      GRPC_PORT: String(registryGrpc),
    },
    `https://127.0.0.1:${registryHttp}/ready`,
  );
  registry = grpcClient('motlan.facts.v1.FactRegistry', registryGrpc, 'one-stop');
  operator = grpcClient('motlan.facts.v1.FactRegistry', registryGrpc, 'operator');
  population = grpcClient('motlan.population.v1.PopulationService', adapterGrpc, 'one-stop');

  const { rows } = await npdbPool.query<{ record: NpdbRecord }>(
    "SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' ORDER BY so_dinh_danh LIMIT 1",
  );
  citizen = rows[0]!.record;
  expect(await runToEnd('services/population-adapter/src/sync-cli.ts', adapterEnv)).toBe(0);
}, 300_000);

afterAll(async () => {
  await resources.cleanup();
});

describe('the mesh, process by process', () => {
  it('carries population facts into the registry, with their provenance', async () => {
    const answer = await eventually(async () => {
      const reply = await registry.call<factsV1.GetFactsResponse__Output>('GetFacts', {
        personalId: citizen.SoDinhDanh,
        factTypes: ['identity.full_name', 'residence.permanent'],
        purpose: PURPOSE,
      });
      return reply.facts.length === 2 ? reply : undefined;
    }, 60_000);
    const name = answer.facts.find((entry) => entry.fact!.type === 'identity.full_name')!.fact!;
    expect(JSON.parse(name.valueJson).full).toBe(fullName(citizen));
    expect(name.provenance).toMatchObject({
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `NPDB/${citizen.SoDinhDanh}`,
    });
  });

  it("shows the adapter's disclosures in the citizen's view at the registry", async () => {
    const verified = await population.call<populationV1.VerifyCitizenResponse__Output>('VerifyCitizen', {
      personalId: citizen.SoDinhDanh,
      claims: { fullName: fullName(citizen).toLowerCase() },
      purpose: PURPOSE,
    });
    expect(verified.verified).toBe(true);
    const view = await eventually(async () => {
      const reply = await operator.call<factsV1.ListDisclosuresResponse__Output>('ListDisclosures', {
        personalId: citizen.SoDinhDanh,
      });
      const disclosers = new Set(reply.disclosures.map((entry) => entry.discloser));
      return disclosers.has('population-adapter') && disclosers.has('fact-registry') ? reply : undefined;
    }, 30_000);
    expect(view.disclosures.find((entry) => entry.discloser === 'population-adapter')).toMatchObject({
      client: 'one-stop',
      purpose: PURPOSE,
      factTypes: ['identity.full_name'],
      outcome: 'granted',
    });
  });
});
