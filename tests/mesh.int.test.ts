/**
 * The mesh end to end, each part its own process as in production: the national population DB
 * simulator, the population adapter and the fact registry, on topics of their own (a prefix) and
 * schemas of their own. Facts flow simulator → adapter (bulk sync) → Kafka → registry; a
 * disclosure by the adapter reaches the citizen's view in the registry through access.audit.v1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcChannelCredentials, loadTlsMaterial } from '@motlan/access';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import type { factsV1, populationV1 } from '@motlan/proto';
import { devCertificates, eventually, startMesh, TestResources } from '@motlan/testkit';

interface NpdbRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
}

const resources = new TestResources();
const PURPOSE = '1.001234'; // granted to one-stop in infra/policies/access-policy.json
let registry: GrpcClient;
let operator: GrpcClient;
let population: GrpcClient;
let citizen: NpdbRecord;

const fullName = (record: NpdbRecord) =>
  [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' ');

function grpcClient(service: string, address: string, identity: string): GrpcClient {
  const client = createGrpcClient(service, {
    address,
    credentials: grpcChannelCredentials(loadTlsMaterial(devCertificates(), identity)),
    channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    defaultDeadlineMs: 10_000,
  });
  resources.defer(async () => client.close());
  return client;
}

beforeAll(async () => {
  const mesh = await startMesh(resources, 'mesh', { seedPeople: 40 });
  registry = grpcClient('motlan.facts.v1.FactRegistry', mesh.registryGrpc, 'one-stop');
  operator = grpcClient('motlan.facts.v1.FactRegistry', mesh.registryGrpc, 'operator');
  population = grpcClient('motlan.population.v1.PopulationService', mesh.adapterGrpc, 'one-stop');
  const { rows } = await mesh.npdbPool.query<{ record: NpdbRecord }>(
    "SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' ORDER BY so_dinh_danh LIMIT 1",
  );
  citizen = rows[0]!.record;
  expect(await mesh.runToEnd('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv)).toBe(0);
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
