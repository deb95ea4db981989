import { describe, expect, it } from 'vitest';
import { MotlanError } from '@motlan/errors';
import {
  devPorts,
  freePorts,
  jobEnv,
  meshJobs,
  meshServices,
  ownEnv,
  readyUrlOf,
  serviceEnv,
  serviceNamed,
  startWaves,
  urlsOf,
  type MeshService,
  type MeshSettings,
} from '../src/index.ts';

const ports = devPorts();
const names = (waves: MeshService[][]) => waves.map((wave) => wave.map((service) => service.name));
const named = (name: string) => serviceNamed(name);
/** The mesh's own services; adapters made by `pnpm create-adapter` follow them in the list. */
const OWN = [
  'national-population-db',
  'military-personnel-db',
  'population-adapter',
  'military-personnel-adapter',
  'fact-registry',
  'one-stop',
];

describe('the list of the mesh', () => {
  it('holds the simulators and services pnpm start runs, each with its own development ports', () => {
    expect(meshServices.map((service) => service.name).slice(0, OWN.length)).toEqual(OWN);
    const all = meshServices.flatMap((service) => Object.values(service.devPorts));
    expect(new Set(all).size).toBe(all.length);
    expect(ports['one-stop']).toEqual({ http: 7300, grpc: 7301 });
    expect(ports['military-personnel-db']).toEqual({ http: 7038 });
  });

  it('derives the development environment from the ports alone (pnpm start)', () => {
    const settings: MeshSettings = { ports };
    expect(serviceEnv(named('national-population-db'), settings)).toEqual({ NPDB_HTTP_PORT: '7037' });
    // It follows its registrants' changes through the registry's gRPC stream.
    expect(serviceEnv(named('military-personnel-db'), settings)).toEqual({
      MPDB_HTTP_PORT: '7038',
      MPDB_NOTIFICATIONS_ADDRESS: '127.0.0.1:7201',
    });
    // Not in a mesh without a registry.
    const noRegistry = Object.fromEntries(Object.entries(ports).filter(([name]) => name !== 'fact-registry'));
    expect(serviceEnv(named('military-personnel-db'), { ports: noRegistry })).toEqual({
      MPDB_HTTP_PORT: '7038',
    });
    expect(serviceEnv(named('population-adapter'), settings)).toEqual({
      HTTP_PORT: '7100',
      GRPC_PORT: '7101',
      NPDB_URL: 'http://127.0.0.1:7037',
    });
    expect(serviceEnv(named('fact-registry'), settings)).toEqual({ HTTP_PORT: '7200', GRPC_PORT: '7201' });
    expect(serviceEnv(named('one-stop'), settings)).toEqual({
      HTTP_PORT: '7300',
      GRPC_PORT: '7301',
      POPULATION_ADAPTER_GRPC: '127.0.0.1:7101',
      FACT_REGISTRY_GRPC: '127.0.0.1:7201',
    });
    expect(serviceEnv(named('military-personnel-adapter'), settings)).toEqual({
      HTTP_PORT: '7400',
      GRPC_PORT: '7401',
      MPDB_URL: 'http://127.0.0.1:7038',
    });
    // The operators' console: the adapters and registry it reads, and this run's operator token,
    // which its printed sign-in URL carries (in the fragment, never sent to a server).
    const consoleEnv = serviceEnv(named('ops-console'), settings);
    expect(consoleEnv).toEqual({
      HTTP_PORT: '7500',
      OPS_CONSOLE_OPERATOR_TOKENS: expect.stringMatching(/^operator:[A-Za-z0-9_-]{32}$/),
      OPS_CONSOLE_ADAPTERS:
        'population-adapter=https://127.0.0.1:7100,military-personnel-adapter=https://127.0.0.1:7400',
      FACT_REGISTRY_URL: 'https://127.0.0.1:7200',
    });
    const token = consoleEnv['OPS_CONSOLE_OPERATOR_TOKENS']!.slice('operator:'.length);
    expect(Object.values(urlsOf(named('ops-console'), settings))).toContain(
      `https://127.0.0.1:7500/sign-in#token=${token}`,
    );
    expect(readyUrlOf(named('one-stop'), settings)).toBe('https://127.0.0.1:7300/ready');
    expect(readyUrlOf(named('national-population-db'), settings)).toBe('http://127.0.0.1:7037/health');
    expect(jobEnv(meshJobs[0]!, settings)).toEqual({ NPDB_URL: 'http://127.0.0.1:7037' });
  });

  it('derives a test mesh: shared settings, schemas, prefixed groups, no change feeds, extra variables last', async () => {
    const testPorts = await freePorts(meshServices.map((service) => service.name));
    expect(testPorts['fact-registry']!.grpc).toBeGreaterThan(0);
    expect(testPorts['national-population-db']!.grpc).toBeUndefined();
    const settings: MeshSettings = {
      ports: testPorts,
      databaseUrl: 'postgres://db/motlan',
      kafkaBrokers: 'broker:1',
      topicPrefix: 'test.t1.',
      certDir: '/certs',
      logLevel: 'warn',
      schemas: {
        'national-population-db': 't1_npdb',
        'military-personnel-db': 't1_mpdb',
        'fact-registry': 't1_reg',
      },
      seedPeople: 20,
      changeFeeds: false,
      extraEnv: { 'population-adapter': { CHANGE_FEED_INTERVAL_MS: '100', SNAPSHOT_FRESH_FOR_MS: '5' } },
    };
    const shared = {
      DATABASE_URL: 'postgres://db/motlan',
      KAFKA_BROKERS: 'broker:1',
      KAFKA_TOPIC_PREFIX: 'test.t1.',
      MTLS_CERT_DIR: '/certs',
      LOG_LEVEL: 'warn',
    };
    expect(serviceEnv(named('national-population-db'), settings)).toEqual({
      ...shared,
      NPDB_HTTP_PORT: String(testPorts['national-population-db']!.http),
      NPDB_SEED_PEOPLE: '20',
      NPDB_CHANGE_INTERVAL_MS: '0',
      NPDB_SCHEMA: 't1_npdb',
    });
    // The personnel simulator seeds from the population simulator's schema, whatever it is.
    expect(ownEnv(named('military-personnel-db'), settings)).toEqual({
      MPDB_HTTP_PORT: String(testPorts['military-personnel-db']!.http),
      NPDB_SCHEMA: 't1_npdb',
      MPDB_NOTIFICATIONS_ADDRESS: `127.0.0.1:${testPorts['fact-registry']!.grpc}`,
      MPDB_CHANGE_INTERVAL_MS: '0',
      MPDB_SCHEMA: 't1_mpdb',
    });
    expect(ownEnv(named('population-adapter'), settings)).toEqual({
      HTTP_PORT: String(testPorts['population-adapter']!.http),
      GRPC_PORT: String(testPorts['population-adapter']!.grpc),
      NPDB_URL: `http://127.0.0.1:${testPorts['national-population-db']!.http}`,
      CHANGE_FEED_INTERVAL_MS: '100',
      SNAPSHOT_FRESH_FOR_MS: '5',
    });
    // The registry's consumer groups go under the prefix, where the declared ACLs allow them.
    expect(ownEnv(named('fact-registry'), settings)).toMatchObject({
      FACT_REGISTRY_SCHEMA: 't1_reg',
      FACT_REGISTRY_GROUP: 'test.t1.fact-registry',
    });
    expect(ownEnv(named('one-stop'), settings)).toMatchObject({
      POPULATION_ADAPTER_GRPC: `127.0.0.1:${testPorts['population-adapter']!.grpc}`,
      FACT_REGISTRY_GRPC: `127.0.0.1:${testPorts['fact-registry']!.grpc}`,
    });
  });

  it('names the missing port of a service it derives from', () => {
    const failure = (() => {
      try {
        serviceEnv(named('one-stop'), { ports: { 'one-stop': { http: 1, grpc: 2 } } });
      } catch (error) {
        return error;
      }
    })() as MotlanError;
    expect(failure).toBeInstanceOf(MotlanError);
    expect(failure.code).toBe('MOTLAN_UNKNOWN_SERVICE');
    expect(failure.field).toBe('ports.population-adapter.grpc');
  });
});

describe('start order', () => {
  it('starts each service after those it depends on, the independent ones together', () => {
    expect(names(startWaves(OWN))).toEqual([
      ['national-population-db', 'fact-registry'],
      ['military-personnel-db', 'population-adapter'],
      ['military-personnel-adapter', 'one-stop'],
    ]);
  });

  it('orders a subset by the dependencies inside it', () => {
    expect(names(startWaves(['one-stop', 'fact-registry']))).toEqual([['fact-registry'], ['one-stop']]);
  });

  it('refuses an unknown service and a cycle with typed errors', () => {
    expect(() => startWaves(['no-such-service'])).toThrow(/No service "no-such-service" in the mesh/);
    const base = meshServices[0]!;
    const cyclic: MeshService[] = [
      { ...base, name: 'a', dependsOn: ['b'] },
      { ...base, name: 'b', dependsOn: ['a'] },
    ];
    let failure: unknown;
    try {
      startWaves(['a', 'b'], cyclic);
    } catch (error) {
      failure = error;
    }
    expect((failure as MotlanError).code).toBe('MOTLAN_SERVICE_ORDER_CYCLE');
    expect((failure as MotlanError).message).toContain('a, b');
  });
});
