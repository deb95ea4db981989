/**
 * The mesh as benches start it: services from @motlan/mesh's one list (`meshServices`: program,
 * environment derived from ports and settings, readiness), each its own process on free ports and
 * schemas of its own, through the one `ServiceProcess`; and the CLIs the benches time.
 */
import { CommonErrors, MotlanError } from '@motlan/errors';
import {
  describeExit,
  freePorts,
  jobEnv,
  meshContext,
  meshJobs,
  meshServices,
  readyUrlOf,
  serviceEnv,
  serviceNamed,
  spawnServiceProcess,
  startServiceProcess,
  type MeshSettings,
  type Program,
  type ServiceProcess,
} from '@motlan/mesh';
import { devTlsFiles, readTlsFiles } from './tls.ts';
import { withTimeout } from './timeout.ts';

/** gRPC services the benches call, by full name (protos/). */
export const GrpcServices = {
  population: 'motlan.population.v1.PopulationService',
  military: 'motlan.military.v1.MilitaryPersonnelService',
  factRegistry: 'motlan.facts.v1.FactRegistry',
} as const;

/** The one-shot programs the benches time besides the mesh's own jobs; each exits when done. */
const Clis = {
  seed: { folder: 'infra/simulators/national-population-db', entry: 'src/seed.ts' },
  rebuild: { folder: 'services/fact-registry', entry: 'src/cli/rebuild.ts' },
} as const satisfies Record<string, Program>;

export interface BenchMeshOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  /** The services this bench may start (mesh names, e.g. `population-adapter`), and the schema of each. */
  schemas: Record<string, string>;
  /** KAFKA_TOPIC_PREFIX: the mesh on topics of its own (created by the bench). */
  topicPrefix?: string;
  /** Further variables per service, applied last (e.g. the registry's group). */
  extraEnv?: Record<string, Record<string, string>>;
}

export interface RunningService {
  name: string;
  process: ServiceProcess;
  /** `http(s)://127.0.0.1:<port>` */
  httpUrl: string;
  /** `127.0.0.1:<port>`, for the services serving gRPC. */
  grpcTarget: string;
  schema: string;
}

export interface StartOptions {
  logFile?: string;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Over the list's derived environment. */
  env?: Record<string, string>;
}

export interface BenchMesh {
  settings: MeshSettings;
  /** Starts a service of the list and waits up to two minutes for its readiness URL (as `bench-client`). */
  start(name: string, options?: StartOptions): Promise<RunningService>;
  /**
   * The environment the list's job `name` (e.g. `initial sync`) runs with here: the job's own,
   * plus the schema of the service whose program it is (the sync CLI works in the adapter's).
   */
  jobEnv(name: string): Record<string, string>;
}

/**
 * Free ports for the named services and the settings their environment derives from: logs at
 * warn, no change feeds (nothing in the background skews the numbers), no seeding at start (the
 * benches seed with the CLI and time it).
 */
export async function benchMesh(options: BenchMeshOptions): Promise<BenchMesh> {
  const settings: MeshSettings = {
    ports: await freePorts(Object.keys(options.schemas)),
    databaseUrl: options.databaseUrl,
    kafkaBrokers: options.kafkaBrokers,
    ...(options.topicPrefix ? { topicPrefix: options.topicPrefix } : {}),
    logLevel: 'warn',
    schemas: options.schemas,
    seedPeople: 0,
    changeFeeds: false,
    ...(options.extraEnv ? { extraEnv: options.extraEnv } : {}),
  };
  const context = meshContext(settings);
  const tls = readTlsFiles(devTlsFiles('bench-client'));
  return {
    settings,
    async start(name, startOptions = {}) {
      const service = serviceNamed(name);
      const process = await startServiceProcess({
        name,
        program: service.program,
        env: { ...serviceEnv(service, settings), ...startOptions.env },
        readyUrl: readyUrlOf(service, settings),
        tls,
        timeoutMs: 120_000,
        ...(startOptions.logFile ? { logFile: startOptions.logFile } : {}),
        ...(startOptions.nodeArgs ? { nodeArgs: startOptions.nodeArgs } : {}),
      });
      return {
        name,
        process,
        httpUrl: context.baseUrl(name),
        grpcTarget: service.devPorts.grpc ? context.grpcTarget(name) : '',
        schema: options.schemas[name] ?? '',
      };
    },
    jobEnv(name) {
      const job = meshJobs.find((candidate) => candidate.name === name);
      if (!job) throw new MotlanError(CommonErrors.validation, `no job "${name}" in the mesh`);
      const owner = meshServices.find((service) => service.program.folder === job.program.folder);
      const schema = owner ? options.schemas[owner.name] : undefined;
      return { ...jobEnv(job, settings), ...(owner && schema ? { [owner.schemaVariable]: schema } : {}) };
    },
  };
}

export interface CliOptions {
  /** A one-shot of the benches (`seed`, `rebuild`) or of the mesh's jobs (`initial sync`, `initial military sync`). */
  name: keyof typeof Clis | 'initial sync' | 'initial military sync';
  args: string[];
  env: Record<string, string>;
  logFile?: string;
  nodeArgs?: string[];
  /** Output lines for which this returns true are also printed, prefixed with the name. */
  echo?: (line: string) => boolean;
}

/** Starts a one-shot program (it exits when done), keeping its stdout lines for its summary. */
export function startCli(options: CliOptions): ServiceProcess {
  const job = meshJobs.find((candidate) => candidate.name === options.name);
  const program =
    options.name === 'initial sync' || options.name === 'initial military sync'
      ? job?.program
      : Clis[options.name];
  if (!program) throw new MotlanError(CommonErrors.validation, `no program "${options.name}"`);
  const label = options.name.replace(' ', '-');
  return spawnServiceProcess({
    name: label,
    program: { folder: program.folder, entry: program.entry, args: options.args },
    env: options.env,
    keepStdout: true,
    ...(options.echo
      ? { onLine: (line) => void (options.echo?.(line) && process.stderr.write(`  [${label}] ${line}\n`)) }
      : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
}

/** Why a process is not usable: what it last printed, and where the rest is. */
export function processFailure(service: ServiceProcess, what: string): MotlanError {
  return new MotlanError(
    CommonErrors.unavailable,
    `${service.name} (pid ${service.pid}) ${what}; log ${service.logFile}, last output:\n${service.tail().join('\n')}`,
  );
}

/** Runs a one-shot to its end within `timeoutMs`; throws with its last output unless it exits 0. */
export async function runCli(options: CliOptions & { timeoutMs: number }): Promise<ServiceProcess> {
  const cli = startCli(options);
  try {
    const exit = await withTimeout(cli.exited, options.timeoutMs, options.name);
    if (exit.code !== 0) throw processFailure(cli, describeExit('it', exit).replace(/^it /, ''));
    return cli;
  } finally {
    await cli.stop();
  }
}
