import { collectDefaultMetrics, Registry } from 'prom-client';
import { grpcServerCredentials } from '@motlan/access';
import { MotlanError } from '@motlan/errors';
import { startGrpcServer, type RunningGrpcServer } from '@motlan/grpc';
import type { HttpApp, ReadinessCheck } from '@motlan/http';
import { createLogger, type Logger } from '@motlan/logger';
import { startTelemetry } from '@motlan/telemetry';
import { DrainSteps } from './drain-steps.ts';
import { RuntimeErrors } from './errors.ts';
import type {
  ListenAddress,
  RuntimeContext,
  RuntimeDeps,
  RuntimeSettings,
  ServiceApp,
  RuntimeTask,
  ServiceDefinition,
  Worker,
} from './service-definition.ts';

/**
 * Where a runtime is in its one lifecycle:
 * created → initializing → initialized → starting → started → stopping → stopped,
 * or `failed` when init or start threw (what had been opened is closed again by then).
 */
export type RuntimeStatus =
  'created' | 'initializing' | 'initialized' | 'starting' | 'started' | 'stopping' | 'stopped' | 'failed';

export interface RuntimeHealth {
  name: string;
  status: RuntimeStatus;
  /** When the status last changed (ISO 8601). */
  since: string;
  /** The HTTP base URL while listening. */
  http?: string;
  /** The gRPC address (host:port) while listening. */
  grpc?: string;
  /** The workers running now, in start order. */
  workers: string[];
  /** Why it failed (`failed`), or which shutdown steps failed (`stopped`). */
  error?: string;
}

export interface RuntimeOptions {
  /** The environment the config is read from; process.env unless given. */
  env?: Record<string, string | undefined>;
  /** A logger instead of the one made from LOG_LEVEL (tests read what is logged). */
  logger?: Logger;
  /** A metrics registry instead of a new one with Node's default metrics (the caller's app already uses it). */
  registry?: Registry;
  /** Overrides the definition's drain budget (milliseconds). */
  drainTimeoutMs?: number;
  /** `migrate` runs only the schema step (RuntimeContext.task); `serve` by default. */
  task?: RuntimeTask;
}

/** The drain budget unless the definition or the options give one. */
export const DEFAULT_DRAIN_MS = 10_000;
/** Longest a gRPC call in flight is waited for before its connection is cut (within the drain budget). */
const GRPC_GRACE_MS = 5_000;
/** How often connections that went idle during a drain are closed. */
const IDLE_SWEEP_MS = 50;

/**
 * One lifecycle for every process, as Platformatic's capabilities share init/start/stop/health:
 * `init` reads the config and builds logger, metrics registry, dependencies and app; `start` starts
 * the workers, then listens (HTTP, and gRPC when the app has bindings); `stop` drains in a bounded
 * time — stop accepting and finish in-flight requests, stop the workers newest first (consumers
 * commit, relays flush), then the close steps newest first (clients, producer, pool). A failure in
 * init or start closes whatever had been opened and rethrows. `stop` is idempotent.
 */
export class ServiceRuntime<C extends RuntimeSettings, D extends object, A extends ServiceApp> {
  #status: RuntimeStatus = 'created';
  #since = new Date();
  #error: string | undefined;
  #config: C | undefined;
  #deps: D | undefined;
  #app: A | undefined;
  #logger: Logger | undefined;
  #registry: Registry | undefined;
  readonly #closers: { name: string; close: () => Promise<void> | void }[] = [];
  readonly #workers: Worker[] = [];
  readonly #readiness: [string, ReadinessCheck][] = [];
  #grpc: RunningGrpcServer | undefined;
  #httpUrl: string | undefined;
  #grpcAddress: string | undefined;
  #initializing: Promise<void> | undefined;
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(
    readonly definition: ServiceDefinition<C, D, A>,
    private readonly options: RuntimeOptions = {},
  ) {}

  get status(): RuntimeStatus {
    return this.#status;
  }

  /** The config, once read. */
  get config(): C | undefined {
    return this.#config;
  }

  /** The dependencies, once opened. */
  get deps(): D | undefined {
    return this.#deps;
  }

  /** The app, once built. */
  get app(): A | undefined {
    return this.#app;
  }

  /** The process logger, once the config named its level. */
  get logger(): Logger | undefined {
    return this.#logger;
  }

  health(): RuntimeHealth {
    return {
      name: this.definition.name,
      status: this.#status,
      since: this.#since.toISOString(),
      ...(this.#httpUrl ? { http: this.#httpUrl } : {}),
      ...(this.#grpcAddress ? { grpc: this.#grpcAddress } : {}),
      workers: this.#workers.map((worker) => worker.name),
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  /** Config → logger and metrics → dependencies → app. Runs once; later calls wait for the first. */
  init(): Promise<void> {
    this.#initializing ??= this.#guarded('initializing', 'initialized', () => this.#init());
    return this.#initializing;
  }

  /** Init if not done, then the workers in order, then the servers. Runs once. */
  start(): Promise<void> {
    if (this.#stopping) return Promise.reject(this.#stoppedError());
    this.#starting ??= this.init().then(() => this.#guarded('starting', 'started', () => this.#start()));
    return this.#starting;
  }

  /**
   * Drains and shuts down within the drain budget; every later call returns the same promise. A
   * stop during init or start waits for it to settle first. Rejects with MOTLAN_RUNTIME_STOP_FAILED
   * (its cause the first step's error) when a step failed or overran; the other steps still ran.
   */
  stop(): Promise<void> {
    if (this.#status === 'started' || this.#status === 'initialized') this.#set('stopping');
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #init(): Promise<void> {
    const { definition } = this;
    const config = definition.readConfig(this.options.env ?? process.env);
    this.#config = config;
    const logger = this.options.logger ?? createLogger({ name: definition.name, level: config.LOG_LEVEL });
    this.#logger = logger;
    const registry = this.options.registry ?? new Registry();
    if (!this.options.registry) collectDefaultMetrics({ register: registry });
    this.#registry = registry;
    // Traces: the process's tracer provider, named after the service (OTLP export only when
    // OTEL_EXPORTER_OTLP_ENDPOINT is set). Flushed last, after every step that may still trace.
    const telemetry = startTelemetry({ serviceName: definition.name, env: this.options.env ?? process.env });
    this.#closers.push({ name: 'telemetry', close: () => telemetry.flush() });
    const context: RuntimeContext = {
      name: definition.name,
      logger,
      task: this.options.task ?? 'serve',
      registry,
      onClose: (name, close) => void this.#closers.push({ name, close }),
      readiness: (name, check) => void this.#readiness.push([name, check]),
    };
    this.#deps = await definition.deps(config, context);
    this.#app = await definition.buildApp(config, this.#deps);
  }

  async #start(): Promise<void> {
    const { definition } = this;
    const config = this.#config!;
    const app = this.#app!;
    const logger = this.#logger!;
    // Workers before the servers, but a consumer's join goes on in the background (a join waits
    // for the group's previous members, up to their session timeout): reads are served meanwhile,
    // and /ready's details say whether each consumer is in its group.
    for (const worker of definition.workers?.(app, config, this.#deps!) ?? []) {
      await worker.start();
      this.#workers.push(worker);
      const { ready, running } = worker;
      if (ready) app.http.readiness.add(worker.name, () => ready.call(worker), { detail: true });
      if (running) app.http.readiness.add(worker.name, () => running.call(worker));
    }
    for (const [name, check] of this.#readiness) app.http.readiness.add(name, check);
    const address = definition.listen?.(config) ?? defaultListen(config);
    this.#httpUrl = await app.http.listen({ host: address.http.host, port: address.http.port });
    if (app.grpcBindings) {
      const tls = (this.#deps as RuntimeDeps | undefined)?.tls;
      const grpcAt = address.grpc ?? { host: '127.0.0.1', port: 0 };
      this.#grpc = await startGrpcServer({
        services: app.grpcBindings,
        logger,
        registry: this.#registry!,
        ...(tls ? { credentials: grpcServerCredentials(tls) } : {}),
        host: grpcAt.host,
        port: grpcAt.port,
      });
      this.#grpcAddress = `${grpcAt.host}:${this.#grpc.port}`;
    }
    logger.info(
      {
        http: this.#httpUrl,
        ...(this.#grpcAddress ? { grpc: this.#grpcAddress } : {}),
        workers: this.#workers.map((worker) => worker.name),
      },
      definition.listeningMessage ?? `${definition.name} listening`,
    );
  }

  /** Runs a phase; on failure closes what is open, records why, and rethrows. */
  async #guarded(during: RuntimeStatus, after: RuntimeStatus, phase: () => Promise<void>): Promise<void> {
    this.#set(during);
    try {
      await phase();
      this.#set(after);
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error);
      const steps = await this.#drain();
      this.#set('failed');
      if (steps.failures.length > 0) this.#error += `; cleanup: ${describe(steps)}`;
      throw error;
    }
  }

  async #stop(): Promise<void> {
    // A stop asked for while starting waits for the start: its failure has cleaned up already.
    await (this.#starting ?? this.#initializing)?.catch(() => undefined);
    if (this.#status === 'failed' || this.#status === 'created') {
      if (this.#status === 'created') this.#set('stopped');
      return;
    }
    this.#set('stopping');
    this.#logger?.info({ name: this.definition.name }, 'draining');
    const steps = await this.#drain();
    if (steps.failures.length > 0) this.#error = describe(steps);
    this.#set('stopped');
    if (steps.failures.length > 0) {
      throw new MotlanError(RuntimeErrors.stopFailed, `${this.definition.name}: ${describe(steps)}`, {
        cause: steps.failures[0]!.error,
      });
    }
    this.#logger?.info({ name: this.definition.name }, 'stopped');
  }

  /** Releases whatever is open, each thing once: servers, then workers and close steps newest first. */
  async #drain(): Promise<DrainSteps> {
    const logger = this.#logger ?? createLogger({ name: this.definition.name, level: 'silent' });
    const steps = new DrainSteps(
      this.options.drainTimeoutMs ?? this.definition.drainTimeoutMs ?? DEFAULT_DRAIN_MS,
      logger,
    );
    const grpc = this.#grpc;
    const http = this.#app?.http;
    this.#grpc = undefined;
    this.#httpUrl = undefined;
    this.#grpcAddress = undefined;
    // Stop accepting and finish the requests in flight: gRPC answers NOT_SERVING to health checks
    // and cuts calls after its grace; Fastify answers 503 to new requests while it closes.
    await steps.run('servers', () =>
      Promise.all([grpc?.stop(Math.min(GRPC_GRACE_MS, steps.remainingMs())), http && closeHttp(http)]),
    );
    for (let worker = this.#workers.pop(); worker; worker = this.#workers.pop()) {
      const stopping = worker;
      await steps.run(stopping.name, () => stopping.stop());
    }
    for (let closer = this.#closers.pop(); closer; closer = this.#closers.pop()) {
      await steps.run(closer.name, closer.close);
    }
    return steps;
  }

  #set(status: RuntimeStatus): void {
    this.#status = status;
    this.#since = new Date();
  }

  #stoppedError(): MotlanError {
    return new MotlanError(RuntimeErrors.stopped, `${this.definition.name} was stopped; make a new runtime`);
  }
}

/**
 * Fastify's close: no new connections, 503 to new requests, in-flight requests finished. Node closes
 * the connections idle at that moment only; one that goes idle after its last answer would hold the
 * close for the keep-alive timeout (72 s in Fastify), so idle connections are closed until it is done.
 */
async function closeHttp(http: HttpApp): Promise<void> {
  const sweep = setInterval(() => http.server.closeIdleConnections(), IDLE_SWEEP_MS);
  try {
    await http.close();
  } finally {
    clearInterval(sweep);
  }
}

function defaultListen(config: RuntimeSettings): { http: ListenAddress; grpc: ListenAddress } {
  return {
    http: { host: config.HTTP_HOST ?? '127.0.0.1', port: config.HTTP_PORT ?? 0 },
    grpc: { host: config.GRPC_HOST ?? '127.0.0.1', port: config.GRPC_PORT ?? 0 },
  };
}

function describe(steps: DrainSteps): string {
  return steps.failures
    .map(({ step, error }) => `${step}: ${error instanceof Error ? error.message : String(error)}`)
    .join('; ');
}
