import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { loadConfig } from './load-config.ts';

/**
 * Schema fragments every service composes into its own config schema
 * (`Type.Object({ ...KafkaEnv, ...DatabaseEnv, MY_VAR: Type.String() })`).
 * Defaults point at the local stack that `pnpm start` and the tests bring up (infra/kafka and
 * infra/postgres, on KAFKA_PORT / PG_PORT when those are set, as the scripts do).
 */
export const LocalStack = {
  kafkaBrokers: `127.0.0.1:${process.env['KAFKA_PORT'] ?? '19092'}`,
  databaseUrl: `postgres://motlan@127.0.0.1:${process.env['PG_PORT'] ?? '54329'}/motlan`,
  /** The development PKI (infra/certs/generate.sh): ca.pem and `<name>.pem` / `<name>-key.pem`. */
  certDir: fileURLToPath(new URL('../../../infra/certs/.certs', import.meta.url)),
} as const;

export const LogEnv = {
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  NODE_ENV: Type.String({ default: 'development' }),
};

export const KafkaEnv = {
  KAFKA_BROKERS: Type.String({
    default: LocalStack.kafkaBrokers,
    pattern: '^[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*$',
  }),
  KAFKA_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  /** Put before every topic name: several meshes (or test runs) can share one cluster. */
  KAFKA_TOPIC_PREFIX: Type.String({ default: '', pattern: '^[A-Za-z0-9._-]*$' }),
  /**
   * How clients reach the brokers. `ssl` (the default, as the project's own broker requires):
   * mutual TLS, each process presenting the certificate of its own identity, authorised by ACLs.
   * `plaintext` only for a broker of your own that has no security at all.
   */
  KAFKA_SECURITY: Type.Union([Type.Literal('ssl'), Type.Literal('plaintext')], { default: 'ssl' }),
  /** Folder with `ca.pem` and, per identity, `<identity>.pem` / `<identity>-key.pem` (PEM). */
  KAFKA_SSL_CERT_DIR: Type.String({ default: LocalStack.certDir, minLength: 1 }),
  /** CA bundle (PEM) the brokers' certificates are checked against; default `<cert dir>/ca.pem`. */
  KAFKA_SSL_CA: Type.Optional(Type.String({ minLength: 1 })),
  /** Client certificate (PEM) for every identity of this process; default `<cert dir>/<identity>.pem`. */
  KAFKA_SSL_CERT: Type.Optional(Type.String({ minLength: 1 })),
  /** Its private key (PEM, unencrypted); default `<cert dir>/<identity>-key.pem`. */
  KAFKA_SSL_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Consumer group membership (every consumer of the process). A member that crashed without
   * leaving holds its partitions until this passes without a heartbeat, so it bounds recovery
   * after a kill -9 or a broker outage: 10 s (kafkajs's default is 30 s; 10 s was the Java
   * client's before Kafka 3.0), above the broker's group.min.session.timeout.ms (6 s) so a busy
   * 2-core machine does not expel a live member.
   */
  KAFKA_SESSION_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 6_000, maximum: 300_000 }),
  /**
   * How often a member heartbeats, and so how soon it learns of a rebalance (a joining member
   * waits for every live member's next heartbeat): 1 s, well under a third of the session timeout.
   */
  KAFKA_HEARTBEAT_INTERVAL_MS: Type.Integer({ default: 1_000, minimum: 100, maximum: 100_000 }),
  /**
   * How long the coordinator waits for live members to rejoin once a rebalance starts; a member
   * rejoins after the batch in hand, so this bounds one batch's work: 30 s (kafkajs: 60 s).
   */
  KAFKA_REBALANCE_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 1_000, maximum: 600_000 }),
};

/** The KAFKA_* settings as loaded (see `readKafkaConfig`). */
export const KafkaConfigSchema = Type.Object(KafkaEnv);
export type KafkaConfig = Static<typeof KafkaConfigSchema>;

/**
 * The KAFKA_* settings alone, for the tools and test helpers that have no service config of their
 * own (the admin step, the local stack, testkit). Throws MOTLAN_CONFIG naming every bad variable.
 */
export function readKafkaConfig(env: Record<string, string | undefined> = process.env): KafkaConfig {
  return loadConfig(KafkaConfigSchema, env);
}

export const DatabaseEnv = {
  /** The service's login: in production a role that is only a member of its schema's application role. */
  DATABASE_URL: Type.String({ default: LocalStack.databaseUrl, pattern: '^postgres(ql)?://' }),
  /**
   * The login that owns the schemas and runs the migrations (DDL, grants). Unset: DATABASE_URL's,
   * as in development, where one owner login serves both.
   */
  DATABASE_MIGRATION_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /**
   * `apply`: a service migrates its schema when it starts. `verify`: it only checks that its schema
   * is current and refuses to start otherwise — migrations are a separate step (`node
   * <service>/dist/main.js migrate`, a Kubernetes Job) run by the migration login.
   */
  DATABASE_MIGRATIONS: Type.Union([Type.Literal('apply'), Type.Literal('verify')], { default: 'apply' }),
  DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 200 }),
};

export const HttpEnv = {
  HTTP_HOST: Type.String({ default: '127.0.0.1' }),
  HTTP_PORT: Type.Integer({ default: 0, minimum: 0, maximum: 65535 }),
};

export const GrpcEnv = {
  GRPC_HOST: Type.String({ default: '127.0.0.1' }),
  GRPC_PORT: Type.Integer({ default: 0, minimum: 0, maximum: 65535 }),
};

export function brokerList(value: string): string[] {
  return value.split(',').map((broker) => broker.trim());
}
