import { randomBytes } from 'node:crypto';
import { KafkaTestClient } from '@motlan/kafka';
import type { Pool } from '@motlan/db';
import {
  freePort,
  freePorts,
  meshServices,
  ownEnv,
  programAt,
  readyUrlOf,
  sharedEnv,
  spawnServiceProcess,
  startServiceProcess as startMeshProcess,
  startWaves,
  type MeshService,
  type MeshSettings,
  type ServiceProcess,
} from '@motlan/mesh';
import { clientTls, devCertificates } from './tls.ts';
import { uniqueName } from './test-env.ts';
import type { TestResources } from './test-resources.ts';

export { freePort, type ServiceProcess };

/**
 * Runs a service or simulator entry point (a .ts file relative to the repository root) as its own
 * process through the mesh's one ServiceProcess, as `pnpm start` would, and resolves once
 * `readyUrl` answers 200; otherwise it is stopped and MOTLAN_SERVICE_EXITED /
 * MOTLAN_SERVICE_NOT_READY (naming its log file) is thrown. Logs at TEST_LOG_LEVEL (default warn)
 * unless `env` says otherwise.
 */
export function startServiceProcess(options: {
  entry: string;
  env: Record<string, string>;
  readyUrl: string;
  /** The CA to trust when `readyUrl` is https (the development CA). */
  ca?: Buffer;
  timeoutMs?: number;
}): Promise<ServiceProcess> {
  return startMeshProcess({
    entry: options.entry,
    env: { LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn', ...options.env },
    readyUrl: options.readyUrl,
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
  });
}

/** A mesh started by `startMesh`: where each part listens, and how to start more of it. */
export interface Mesh {
  /**
   * Environment every process of this mesh shares (database, brokers, topic prefix, certificates);
   * Kafka's security settings come from the test run's environment, each process acting as itself.
   */
  env: Record<string, string>;
  topicPrefix: string;
  /** The simulator's schema, to pick citizens from. */
  npdbPool: Pool;
  adapterEnv: Record<string, string>;
  adapterGrpc: string;
  /** The adapter's REST base URL (https). */
  adapterHttp: string;
  registryGrpc: string;
  /** The registry's REST base URL (https). */
  registryHttp: string;
  /** Set when the mesh was started with the one-stop shop. */
  oneStop?: { env: Record<string, string>; url: string; grpc: string; pool: Pool };
  /**
   * Set when the mesh was started with the military parts: the personnel simulator's schema (to
   * pick personnel from) and the military personnel adapter's environment (for its sync command).
   */
  military?: {
    mpdbPool: Pool;
    adapterEnv: Record<string, string>;
    adapterGrpc: string;
    /** The personnel simulator's base URL (http; its admin routes). */
    simulatorHttp: string;
  };
  /** The fact registry's schema (its tables, for what a test must look at underneath). */
  registryPool: Pool;
  /**
   * Set when the mesh was started with the operators' console: its base URL (https, the
   * development CA) and the operator token that signs in (as operator `tester`).
   */
  opsConsole?: { url: string; token: string; operator: string; schema: string; pool: Pool };
  /** Each service's process as `startMesh` started it, by service name (to stop or kill it). */
  processes: Record<string, ServiceProcess>;
  /** Starts one more process of this mesh (stopped at cleanup). */
  start(entry: string, extraEnv: Record<string, string>, readyUrl: string): Promise<ServiceProcess>;
  /**
   * Starts another instance of a service of this mesh on ports of its own, with everything else
   * as the first's (schema, consumer groups, topics, identity), and resolves once it is ready;
   * stopped at cleanup. `extraEnv` adds to its variables.
   */
  startInstance(service: string, extraEnv?: Record<string, string>): Promise<MeshInstance>;
  /** Starts a one-shot command of this mesh with `args` and returns at once (its output in `output()`). */
  launch(entry: string, extraEnv: Record<string, string>, args?: readonly string[]): ServiceProcess;
  /** Runs a one-shot command of this mesh to its end; resolves with its exit code. */
  runToEnd(entry: string, extraEnv: Record<string, string>): Promise<number>;
}

/** One more instance of a mesh service (`Mesh.startInstance`). */
export interface MeshInstance {
  process: ServiceProcess;
  /** Its REST base URL (https). */
  url: string;
  /** Its gRPC address, when the service serves gRPC. */
  grpc?: string;
}

/** `NPDB_SCHEMA` → `npdb`, `ONE_STOP_SCHEMA` → `one_stop`: the part of a test schema's name. */
const schemaPart = (service: MeshService) => service.schemaVariable.toLowerCase().replace(/_schema$/, '');

/**
 * The mesh as production runs it, each part its own process, from the mesh's one list of
 * services (`@motlan/mesh`) in its start order: the national population DB simulator (seeded),
 * the population adapter, the fact registry and, if asked, the military personnel DB simulator
 * with its adapter and the one-stop shop — on free ports, on
 * topics of their own (a prefix, under `test.` so test code may read them) with exactly the
 * declared ACLs for each service's principal, and schemas of their own, all removed at cleanup.
 */
export async function startMesh(
  resources: TestResources,
  name: string,
  options: {
    seedPeople: number;
    oneStop?: boolean;
    /** Also the military personnel database (simulator, seeded from the population) and its adapter. */
    military?: boolean;
    /** Also the operators' console (services/ops-console), started last, signed in to with `opsConsole.token`. */
    opsConsole?: boolean;
    /** Settings of the population adapter over the defaults (e.g. `CHANGE_FEED_INTERVAL_MS` to run its feed). */
    adapterEnv?: Record<string, string>;
    /** Settings of other services of the list over the defaults, by service name. */
    serviceEnv?: Record<string, Record<string, string>>;
  },
): Promise<Mesh> {
  const topicPrefix = `${KafkaTestClient.topicPrefix}${uniqueName(name)}.`;
  await resources.declaredTopics(topicPrefix);
  const names = [
    'national-population-db',
    ...(options.military ? ['military-personnel-db'] : []),
    'population-adapter',
    ...(options.military ? ['military-personnel-adapter'] : []),
    'fact-registry',
    ...(options.oneStop ? ['one-stop'] : []),
    ...(options.opsConsole ? ['ops-console'] : []),
  ];
  const consoleToken = randomBytes(24).toString('base64url');
  const chosen = meshServices.filter((service) => names.includes(service.name));
  const schemas = await Promise.all(
    chosen.map(
      async (service) =>
        [service.name, await resources.schema(undefined, `${name}_${schemaPart(service)}`)] as const,
    ),
  );
  const settings: MeshSettings = {
    ports: await freePorts(names),
    databaseUrl: resources.databaseUrl,
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '',
    topicPrefix,
    certDir: devCertificates(),
    logLevel: 'warn',
    schemas: Object.fromEntries(schemas.map(([service, schema]) => [service, schema.name])),
    seedPeople: options.seedPeople,
    changeFeeds: false,
    extraEnv: {
      ...options.serviceEnv,
      ...(options.opsConsole
        ? {
            'ops-console': {
              OPS_CONSOLE_OPERATOR_TOKENS: `tester:${consoleToken}`,
              OPS_CONSOLE_LAG_SAMPLE_MS: '1000',
              ...options.serviceEnv?.['ops-console'],
            },
          }
        : {}),
      ...(options.adapterEnv ? { 'population-adapter': options.adapterEnv } : {}),
    },
  };
  const env = sharedEnv(settings);
  const ca = clientTls().ca;
  const start = async (entry: string, extraEnv: Record<string, string>, readyUrl: string) => {
    const service = await startServiceProcess({
      entry,
      env: { ...env, ...extraEnv },
      readyUrl,
      ca,
      timeoutMs: 120_000,
    });
    resources.defer(() => service.stop());
    return service;
  };
  const launch = (entry: string, extraEnv: Record<string, string>, args: readonly string[] = []) => {
    const run = spawnServiceProcess({
      name: entry.split('/').pop()!.replace(/\.ts$/, ''),
      program: programAt(entry, args),
      env: { ...env, ...extraEnv },
    });
    resources.defer(() => run.stop());
    return run;
  };
  const runToEnd = async (entry: string, extraEnv: Record<string, string>) => {
    const exit = await launch(entry, extraEnv).exited;
    return exit.code ?? 1;
  };
  const startInstance = async (name: string, extraEnv: Record<string, string> = {}) => {
    const service = meshServices.find((known) => known.name === name && names.includes(name));
    if (!service) throw new TypeError(`no service "${name}" in this mesh (${names.join(', ')})`);
    const ports = (await freePorts([name]))[name]!;
    const own = { ...settings, ports: { ...settings.ports, [name]: ports } };
    const started = await start(
      `${service.program.folder}/${service.program.entry}`,
      { ...ownEnv(service, own), ...extraEnv },
      readyUrlOf(service, own),
    );
    return {
      process: started,
      url: `https://127.0.0.1:${ports.http}`,
      ...(ports.grpc === undefined ? {} : { grpc: `127.0.0.1:${ports.grpc}` }),
    };
  };

  const own = (service: string) =>
    ownEnv(
      meshServices.find((known) => known.name === service)!,
      settings,
    );
  const processes: Record<string, ServiceProcess> = {};
  for (const wave of startWaves(names)) {
    await Promise.all(
      wave.map(async (service) => {
        processes[service.name] = await start(
          `${service.program.folder}/${service.program.entry}`,
          ownEnv(service, settings),
          readyUrlOf(service, settings),
        );
      }),
    );
  }
  const url = (service: string) => `https://127.0.0.1:${settings.ports[service]!.http}`;
  const grpc = (service: string) => `127.0.0.1:${settings.ports[service]!.grpc}`;
  return {
    env,
    topicPrefix,
    npdbPool: schemas.find(([service]) => service === 'national-population-db')![1].pool,
    registryPool: schemas.find(([service]) => service === 'fact-registry')![1].pool,
    adapterEnv: own('population-adapter'),
    adapterGrpc: grpc('population-adapter'),
    adapterHttp: url('population-adapter'),
    registryGrpc: grpc('fact-registry'),
    registryHttp: url('fact-registry'),
    ...(options.oneStop
      ? {
          oneStop: {
            env: own('one-stop'),
            url: url('one-stop'),
            grpc: grpc('one-stop'),
            pool: schemas.find(([service]) => service === 'one-stop')![1].pool,
          },
        }
      : {}),
    ...(options.opsConsole
      ? {
          opsConsole: {
            url: url('ops-console'),
            token: consoleToken,
            operator: 'tester',
            schema: schemas.find(([service]) => service === 'ops-console')![1].name,
            pool: schemas.find(([service]) => service === 'ops-console')![1].pool,
          },
        }
      : {}),
    ...(options.military
      ? {
          military: {
            mpdbPool: schemas.find(([service]) => service === 'military-personnel-db')![1].pool,
            adapterEnv: own('military-personnel-adapter'),
            adapterGrpc: grpc('military-personnel-adapter'),
            simulatorHttp: `http://127.0.0.1:${settings.ports['military-personnel-db']!.http}`,
          },
        }
      : {}),
    processes,
    start,
    startInstance,
    launch,
    runToEnd,
  };
}
