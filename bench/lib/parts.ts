/**
 * Every process a bench starts, in one table: the mesh's services and simulator, and the CLIs the
 * benches time (seeding, bulk sync, rebuild). Each part runs as its own process on free ports,
 * with a schema of its own, exactly as it runs for real; `startPart` waits for its readiness URL.
 */
import {
  serviceFailure,
  freePort,
  startService,
  waitForHttpOk,
  type ServiceProcess,
} from './service-process.ts';
import { devTlsFiles, readTlsFiles } from './tls.ts';
import { withTimeout } from './timeout.ts';

interface PartDefinition {
  entry: string;
  /** The variable naming its PostgreSQL schema. */
  schemaVariable: string;
  /** The variables naming its ports; `http` answers `readyPath`. */
  ports: { http: string; grpc?: string };
  readyPath: string;
  /** Its HTTP port serves mutual TLS: readiness is asked as `bench-client`. */
  tls: boolean;
  /** Settings every bench wants unless it says otherwise: no background feeds to skew the numbers. */
  defaults: Record<string, string>;
}

/** The long-running parts of the mesh. */
export const Parts = {
  simulator: {
    entry: 'infra/simulators/national-population-db/src/main.ts',
    schemaVariable: 'NPDB_SCHEMA',
    ports: { http: 'NPDB_HTTP_PORT' },
    readyPath: '/health',
    tls: false,
    defaults: { NPDB_SEED_PEOPLE: '0', NPDB_CHANGE_INTERVAL_MS: '0' },
  },
  adapter: {
    entry: 'services/population-adapter/src/main.ts',
    schemaVariable: 'POPULATION_ADAPTER_SCHEMA',
    ports: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    readyPath: '/ready',
    tls: true,
    defaults: { CHANGE_FEED_INTERVAL_MS: '0' },
  },
  registry: {
    entry: 'services/fact-registry/src/main.ts',
    schemaVariable: 'FACT_REGISTRY_SCHEMA',
    ports: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    readyPath: '/ready',
    tls: true,
    defaults: { CONSUMER_CONCURRENCY: '4' },
  },
  'one-stop': {
    entry: 'services/one-stop/src/main.ts',
    schemaVariable: 'ONE_STOP_SCHEMA',
    ports: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    readyPath: '/ready',
    tls: true,
    defaults: {},
  },
} satisfies Record<string, PartDefinition>;
export type PartName = keyof typeof Parts;

/** The one-shot commands the benches time; each exits when done. */
export const Clis = {
  seed: 'infra/simulators/national-population-db/src/seed.ts',
  sync: 'services/population-adapter/src/sync-cli.ts',
  rebuild: 'services/fact-registry/src/cli/rebuild.ts',
} as const;
export type CliName = keyof typeof Clis;

/** gRPC services the benches call, by full name (protos/). */
export const GrpcServices = {
  population: 'motlan.population.v1.PopulationService',
  factRegistry: 'motlan.facts.v1.FactRegistry',
} as const;

export interface PartOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  schema: string;
  /** Over the defaults and the shared settings, e.g. NPDB_URL, KAFKA_TOPIC_PREFIX. */
  env?: Record<string, string>;
  logFile?: string;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export interface RunningPart {
  name: PartName;
  process: ServiceProcess;
  /** `http(s)://127.0.0.1:<port>` */
  httpUrl: string;
  /** `127.0.0.1:<port>`, for the parts serving gRPC. */
  grpcTarget: string;
  schema: string;
}

function sharedEnv(options: Pick<PartOptions, 'databaseUrl' | 'kafkaBrokers'>): Record<string, string> {
  return { DATABASE_URL: options.databaseUrl, KAFKA_BROKERS: options.kafkaBrokers, LOG_LEVEL: 'warn' };
}

/** Starts a part on free ports and waits up to two minutes for its readiness URL (migrations run on start). */
export async function startPart(name: PartName, options: PartOptions): Promise<RunningPart> {
  const part: PartDefinition = Parts[name];
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const service = startService({
    name,
    entry: part.entry,
    env: {
      ...sharedEnv(options),
      ...part.defaults,
      [part.schemaVariable]: options.schema,
      [part.ports.http]: String(httpPort),
      ...(part.ports.grpc ? { [part.ports.grpc]: String(grpcPort) } : {}),
      ...options.env,
    },
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
  const httpUrl = `${part.tls ? 'https' : 'http'}://127.0.0.1:${httpPort}`;
  try {
    const tls = part.tls ? readTlsFiles(devTlsFiles('bench-client')) : undefined;
    await waitForHttpOk(service, `${httpUrl}${part.readyPath}`, 120_000, tls);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { name, process: service, httpUrl, grpcTarget: `127.0.0.1:${grpcPort}`, schema: options.schema };
}

export interface CliOptions extends Omit<PartOptions, 'schema'> {
  args?: string[];
  /** Output lines for which this returns true are also printed, prefixed with the name. */
  echo?: (line: string) => boolean;
}

/** Starts a CLI (it exits when done); see `runCli` to wait for it. */
export function startCli(name: CliName, options: CliOptions): ServiceProcess {
  return startService({
    name,
    entry: Clis[name],
    env: { ...sharedEnv(options), ...options.env },
    ...(options.args ? { args: options.args } : {}),
    ...(options.echo ? { echo: options.echo } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
}

/** Runs a CLI to its end within `timeoutMs`; throws with its last output unless it exits 0. */
export async function runCli(
  name: CliName,
  options: CliOptions & { timeoutMs: number },
): Promise<ServiceProcess> {
  const cli = startCli(name, options);
  try {
    const exit = await withTimeout(cli.exited, options.timeoutMs, `${name}`);
    if (exit.code !== 0) throw serviceFailure(cli, `failed (${exit.code ?? exit.signal})`);
    return cli;
  } finally {
    await cli.stop();
  }
}
