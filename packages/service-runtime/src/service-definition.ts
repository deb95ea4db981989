import type { Registry } from 'prom-client';
import type { TlsMaterial } from '@motlan/access';
import type { ServiceBinding } from '@motlan/grpc';
import type { HttpApp, ReadinessCheck } from '@motlan/http';
import type { Logger } from '@motlan/logger';

/**
 * What the runtime reads from a process's config (composed from @motlan/config's LogEnv, HttpEnv,
 * GrpcEnv): the log level, and where to listen unless the definition says otherwise (`listen`).
 */
export interface RuntimeSettings {
  LOG_LEVEL: string;
  HTTP_HOST?: string;
  HTTP_PORT?: number;
  GRPC_HOST?: string;
  GRPC_PORT?: number;
}

/** Where one server listens; port 0 takes any free port. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** What a run does: serve, or only migrate the schema. */
export type RuntimeTask = 'serve' | 'migrate';

/** What the runtime makes before any dependency and hands to the definition's `deps`. */
export interface RuntimeContext {
  /** The definition's name: logger name, Kafka identity, certificate, application_name. */
  readonly name: string;
  readonly logger: Logger;
  /**
   * `serve` (when unset), or `migrate`: the process only migrates its schema and exits
   * (`node <service>/dist/main.js migrate`, e.g. a Kubernetes Job); openServiceDeps ends it there.
   */
  readonly task?: RuntimeTask;
  /** The process's Prometheus registry, default Node.js metrics included; /metrics serves it. */
  readonly registry: Registry;
  /**
   * Registers how to release something just opened (end a pool, disconnect a producer). Close
   * steps run after the servers drained and the workers stopped, newest first — as Fastify runs
   * its onClose hooks — when the service stops and when its start fails half-way.
   */
  onClose(name: string, close: () => Promise<void> | void): void;
  /**
   * Adds a check to /ready under `name` (e.g. `kafka`): the app's own checks (`database`) sit
   * beside it, the workers' (each consumer's group membership) as details.
   */
  readiness(name: string, check: ReadinessCheck): void;
}

/** Background work beside the servers: a Kafka consumer, an outbox or audit relay, a change feed. */
export interface Worker {
  /** Named in logs and in health. */
  readonly name: string;
  /**
   * Resolves once running. A consumer resolves once connected and joins its group in the
   * background: the servers answer reads meanwhile, and `ready` says when it is a member.
   */
  start(): Promise<void> | void;
  /**
   * When given, a /ready detail under the worker's name (a consumer: whether it is in its group
   * now), reported without making the instance unready (@motlan/http's ReadinessChecks says why).
   */
  ready?(): boolean;
  /**
   * When given, a /ready check under the worker's name that does make the instance unready: false
   * once it stopped for good (a consumer kafkajs does not restart after a crash).
   */
  running?(): boolean;
  /** Finishes what it holds, then stops: a consumer commits its offsets, a relay publishes what is due. */
  stop(): Promise<void>;
}

/** What a service's buildApp returns: the runtime listens with it, and never builds it itself. */
export interface ServiceApp {
  /** Served on the definition's HTTP address (https when built with TLS options). */
  http: HttpApp;
  /** gRPC services; when present a gRPC server (health, reflection) listens on the gRPC address. */
  grpcBindings?: ServiceBinding[];
}

/** What the runtime reads from a service's dependencies: `tls`, which gRPC presents (mutual TLS) when given. */
export interface RuntimeDeps {
  tls?: TlsMaterial;
}

/**
 * One process, declared: config → dependencies → app → workers and servers. `runService` (or a
 * `ServiceRuntime` in a test) runs it through the one lifecycle: init, start, stop, health.
 */
export interface ServiceDefinition<C extends RuntimeSettings, D extends object, A extends ServiceApp> {
  readonly name: string;
  /** Reads and validates the environment; throws MOTLAN_CONFIG_INVALID naming every bad variable. */
  readConfig(env?: Record<string, string | undefined>): C;
  /** Opens the dependencies (schema, pool, Kafka, clients), registering each one's close on `context`. */
  deps(config: C, context: RuntimeContext): Promise<D>;
  /** The same signature in every service: builds everything, never listens. */
  buildApp(config: C, deps: D): Promise<A>;
  /** Background work: started in this order before the servers listen (a consumer's join goes on in the background), stopped in reverse after they drain. */
  workers?(app: A, config: C, deps: D): Worker[];
  /** Where the servers listen; HTTP_HOST/HTTP_PORT and GRPC_HOST/GRPC_PORT of the config unless given. */
  listen?(config: C): { http: ListenAddress; grpc?: ListenAddress };
  /** The log line once listening (with the addresses), e.g. 'fact registry listening (mutual TLS)'. */
  readonly listeningMessage?: string;
  /** The whole shutdown's budget in milliseconds (servers, workers, close steps); 10 s unless given. */
  readonly drainTimeoutMs?: number;
}
