/**
 * Two sources for one citizen, end to end, each part its own process: the national population DB
 * simulator and the military personnel DB simulator seeded from it (so personal IDs link), both
 * adapters' bulk syncs, and the fact registry. The registry keeps the personnel system's identity
 * facts (verified, not authoritative) beside the population's, current view the population's, and
 * flags every pair that disagrees: exactly the disagreements the personnel simulator seeded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcChannelCredentials, loadTlsMaterial } from '@motlan/access';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import type { factsV1 } from '@motlan/proto';
import { devCertificates, eventually, freePort, startMesh, TestResources, type Mesh } from '@motlan/testkit';

const resources = new TestResources();
// Granted to dev-client in infra/policies/access-policy.json: identity and military facts.
const PURPOSE = '1.001234';
const IDENTITY = ['identity.full_name', 'identity.date_of_birth'] as const;

interface Truth {
  so_dinh_danh: string;
  ma_dinh_danh_quan_nhan: string;
  kind: string;
  field: string;
}

let mesh: Mesh;
let registry: GrpcClient;
let military: GrpcClient;
let subjects: { personalId: string; code: string }[];
let truth: Truth[];

beforeAll(async () => {
  mesh = await startMesh(resources, 'military', { seedPeople: 2_500 });
  const { rows: schemaRows } = await mesh.npdbPool.query<{ schema: string }>(
    'SELECT current_schema() AS schema',
  );
  const personnel = await resources.schema(undefined, 'military_mpdb');
  const [mpdbPort, httpPort, grpcPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const mpdbUrl = `http://127.0.0.1:${mpdbPort}`;
  await mesh.start(
    'infra/simulators/military-personnel-db/src/main.ts',
    {
      MPDB_SCHEMA: personnel.name,
      NPDB_SCHEMA: schemaRows[0]!.schema,
      MPDB_HTTP_PORT: String(mpdbPort),
      MPDB_CHANGE_INTERVAL_MS: '0',
    },
    `${mpdbUrl}/ready`,
  );
  const adapterEnv = {
    MPDB_URL: mpdbUrl,
    MILITARY_ADAPTER_SCHEMA: (await resources.schema(undefined, 'military_adapter')).name,
    HTTP_PORT: String(httpPort),
    GRPC_PORT: String(grpcPort),
    CHANGE_FEED_INTERVAL_MS: '0',
  };
  await mesh.start(
    'services/military-personnel-adapter/src/main.ts',
    adapterEnv,
    `https://127.0.0.1:${httpPort}/ready`,
  );

  const { rows } = await personnel.pool.query<{ so_dinh_danh: string; ma_dinh_danh_quan_nhan: string }>(
    'SELECT so_dinh_danh, ma_dinh_danh_quan_nhan FROM personnel WHERE NOT malformed',
  );
  subjects = rows.map((row) => ({ personalId: row.so_dinh_danh, code: row.ma_dinh_danh_quan_nhan }));
  truth = (await personnel.pool.query<Truth>('SELECT * FROM seeded_truth')).rows;

  // The population first, as pnpm start does; then the personnel database's records.
  expect(await mesh.runToEnd('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv)).toBe(0);
  expect(await mesh.runToEnd('services/military-personnel-adapter/src/sync-cli.ts', adapterEnv)).toBe(0);

  const client = (service: string, address: string) => {
    const created = createGrpcClient(service, {
      address,
      credentials: grpcChannelCredentials(loadTlsMaterial(devCertificates(), 'dev-client')),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
      defaultDeadlineMs: 10_000,
    });
    resources.defer(async () => created.close());
    return created;
  };
  registry = client('motlan.facts.v1.FactRegistry', mesh.registryGrpc);
  military = client('motlan.military.v1.MilitaryPersonnelService', `127.0.0.1:${grpcPort}`);
}, 400_000);

afterAll(async () => {
  await resources.cleanup();
});

const history = (personalId: string, factType: string) =>
  registry.call<factsV1.GetHistoryResponse__Output>('GetHistory', { personalId, factType, purpose: PURPOSE });

describe('the registry with two sources for linked citizens', () => {
  it('keeps both sources’ identity facts and flags exactly the seeded disagreements', async () => {
    // The personnel record's date of birth is the last fact it publishes per record, after the
    // population's (synced first, same key so same partition): once it is in, the citizen is whole.
    let waiting = subjects;
    await eventually(async () => {
      const seen = await Promise.all(
        waiting.map(async (subject) => {
          const { versions } = await history(subject.personalId, 'identity.date_of_birth');
          return versions.some((entry) => entry.fact!.provenance!.sourceSystem === 'military-personnel-db');
        }),
      );
      waiting = waiting.filter((_, index) => !seen[index]);
      return waiting.length === 0 || undefined;
    }, 120_000);

    const flagged: string[] = [];
    for (const subject of subjects) {
      const reply = await registry.call<factsV1.GetFactsResponse__Output>('GetFacts', {
        personalId: subject.personalId,
        factTypes: [...IDENTITY, 'military.person_code'],
        purpose: PURPOSE,
      });
      expect(reply.facts).toHaveLength(3);
      for (const entry of reply.facts) {
        const { sourceSystem, assurance } = entry.fact!.provenance!;
        // The current view: identity from the population, the code from the personnel system.
        if (entry.fact!.type === 'military.person_code') {
          expect(JSON.parse(entry.fact!.valueJson)).toEqual({ code: subject.code });
          expect(sourceSystem).toBe('military-personnel-db');
        } else {
          expect({ sourceSystem, assurance }).toEqual({
            sourceSystem: 'national-population-db',
            assurance: 'ASSURANCE_AUTHORITATIVE',
          });
        }
        if (entry.conflicted) flagged.push(`${subject.personalId} ${entry.fact!.type}`);
      }
    }
    const seeded = truth
      .filter((row) => row.kind !== 'malformed')
      .map(
        (row) =>
          `${row.so_dinh_danh} ${row.field === 'NgaySinh' ? 'identity.date_of_birth' : 'identity.full_name'}`,
      );
    expect(seeded.length).toBeGreaterThan(10);
    expect(flagged.sort()).toEqual(seeded.sort());
  });

  it('shows the personnel system’s value beside the population’s in the history of a disagreeing fact', async () => {
    const typo = truth.find((row) => row.kind === 'name_typo')!;
    const { versions } = await history(typo.so_dinh_danh, 'identity.full_name');
    const bySource = Object.fromEntries(
      versions.map((entry) => [
        entry.fact!.provenance!.sourceSystem,
        {
          assurance: entry.fact!.provenance!.assurance,
          current: entry.current,
          full: JSON.parse(entry.fact!.valueJson).full,
        },
      ]),
    );
    expect(bySource['national-population-db']).toMatchObject({
      assurance: 'ASSURANCE_AUTHORITATIVE',
      current: true,
    });
    expect(bySource['military-personnel-db']).toMatchObject({
      assurance: 'ASSURANCE_VERIFIED',
      current: false,
    });
    expect(bySource['military-personnel-db']!.full).not.toBe(bySource['national-population-db']!.full);
  });

  it('serves the running adapter by military person code, with facts the registry also holds', async () => {
    const subject = subjects[0]!;
    const reply = await military.call<{ facts: { id: string; type: string }[] }>('GetServiceMember', {
      militaryCode: subject.code,
      factTypes: ['military.service_status', 'military.health_grade'],
      purpose: PURPOSE,
    });
    const held = await registry.call<factsV1.GetFactsResponse__Output>('GetFacts', {
      personalId: subject.personalId,
      factTypes: ['military.service_status', 'military.health_grade'],
      purpose: PURPOSE,
    });
    expect(held.facts.map((entry) => entry.fact!.id).sort()).toEqual(
      reply.facts.map((fact) => fact.id).sort(),
    );
  });
});
