import type { Program } from './program.ts';

/** The ports a service listens on. Every service has an HTTP port; gRPC where it serves gRPC. */
export interface ServicePorts {
  http: number;
  grpc?: number;
}

/** Every service's ports, by service name. */
export type MeshPorts = Record<string, ServicePorts>;

/**
 * The few settings a mesh's environment is derived from, with the ports. `pnpm start` gives the
 * development ports and the stack's URLs; the testkit's mesh free ports, a topic prefix, schemas
 * of its own, a small seed and no change feeds.
 */
export interface MeshSettings {
  ports: MeshPorts;
  /** PostgreSQL of every service (DATABASE_URL); unset: each service's default. */
  databaseUrl?: string;
  /** KAFKA_BROKERS; unset: each service's default. */
  kafkaBrokers?: string;
  /** KAFKA_TOPIC_PREFIX: the mesh on topics of its own; consumer groups go under it too (ACLs). */
  topicPrefix?: string;
  /** MTLS_CERT_DIR: the PKI every service presents and trusts; unset: infra/certs/.certs. */
  certDir?: string;
  /** LOG_LEVEL of every service; unset: each service's default. */
  logLevel?: string;
  /** A schema per service name (its `schemaVariable`); unset: the service's default schema. */
  schemas?: Record<string, string>;
  /** Citizens the population simulator seeds when its schema is empty; unset: its default. */
  seedPeople?: number;
  /** false: simulators generate no changes and adapters poll no change feed (tests). Default true. */
  changeFeeds?: boolean;
  /** Further variables per service name, applied last (e.g. a test's adapter settings). */
  extraEnv?: Record<string, Record<string, string>>;
}

/** What a service's `env` may derive its variables from: the settings and the other services. */
export interface MeshContext {
  readonly settings: MeshSettings;
  /** A service's port; throws MOTLAN_UNKNOWN_SERVICE for a name not in the settings' ports. */
  port(service: string, kind?: keyof ServicePorts): number;
  /** `http(s)://127.0.0.1:<http port>` of a service (https when it serves mutual TLS). */
  baseUrl(service: string): string;
  /** `127.0.0.1:<grpc port>` of a service. */
  grpcTarget(service: string): string;
  /** The schema the settings give a service, if any. */
  schemaOf(service: string): string | undefined;
  /** Whether simulators and adapters run their change feeds. */
  readonly changeFeeds: boolean;
}

/** One process of the mesh: how to run it, configure it, know it is ready, and what it needs first. */
export interface MeshService {
  /** Stable name, e.g. `one-stop`: log prefixes, log files, ports and schemas are keyed by it. */
  name: string;
  /** What `pnpm start` prints, e.g. `national-population-db (simulator)`. */
  label: string;
  kind: 'service' | 'simulator';
  /** Its package folder and entry point. */
  program: Program;
  /** The ports `pnpm start` gives it. */
  devPorts: ServicePorts;
  /** true: its HTTP port serves mutual TLS (https with the development CA). */
  tls: boolean;
  /** Path answering 200 once it is ready, on its HTTP port. */
  readyPath: string;
  /** The variable naming its PostgreSQL schema, e.g. `ONE_STOP_SCHEMA`. */
  schemaVariable: string;
  /** Services that must be ready before it starts (those it calls, or reads from, at start). */
  dependsOn: readonly string[];
  /** Its own variables, derived from ports and settings (the shared ones are added for it). */
  env(context: MeshContext): Record<string, string>;
  /** What `pnpm start` prints once it is up: label → URL or hint. */
  urls(context: MeshContext): Record<string, string>;
}

/** One-shot work run once the services it needs are up (e.g. the initial sync). */
export interface MeshJob {
  name: string;
  program: Program;
  /** Services that must be ready first. */
  after: readonly string[];
  env(context: MeshContext): Record<string, string>;
}
