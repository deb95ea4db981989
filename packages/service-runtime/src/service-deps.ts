import type { Registry } from 'prom-client';
import {
  ACCESS_MIGRATIONS,
  loadPolicy,
  loadTlsMaterial,
  type Policy,
  type TlsMaterial,
} from '@motlan/access';
import type { KafkaConfig } from '@motlan/config';
import { appRoleOf, createPool, migrate, pendingMigrations, type Pool } from '@motlan/db';
import {
  brokerCheck,
  createEventProducer,
  createKafka,
  prefixed,
  Topics,
  type EventProducer,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { auditV1, Fact__Output } from '@motlan/proto';
import { MotlanError } from '@motlan/errors';
import { RuntimeErrors } from './errors.ts';
import type { RuntimeContext } from './service-definition.ts';

/** The settings `openServiceDeps` reads: KafkaEnv, DatabaseEnv, the mutual-TLS folder and the access policy. */
export interface ServiceDepsSettings extends KafkaConfig {
  DATABASE_URL: string;
  /** The migration login (owner of the schema); DATABASE_URL's when unset. */
  DATABASE_MIGRATION_URL?: string;
  /** `apply` at start (the default), or `verify` only (a separate `migrate` step applies them). */
  DATABASE_MIGRATIONS?: 'apply' | 'verify';
  DATABASE_POOL_SIZE: number;
  /** Folder with ca.pem and `<name>.pem` / `<name>-key.pem` (infra/certs/generate.sh makes them). */
  MTLS_CERT_DIR: string;
  /** The purpose-bound access policy (infra/policies/access-policy.json). */
  ACCESS_POLICY_FILE: string;
}

/** What every mesh service stands on; a service adds its own (clients of other services) beside it. */
export interface ServiceDeps {
  logger: Logger;
  registry: Registry;
  /** A pool on the service's own schema, as its application role. */
  pool: Pool;
  /** The Kafka client under the service's identity (its certificate, its ACLs in KafkaGrants). */
  kafka: Kafka;
  /** Idempotent producer under the same identity. */
  producer: EventProducer;
  policy: Policy;
  /** The service's mutual-TLS material: its certificate and the CA it trusts. */
  tls: TlsMaterial;
  /** citizen.facts.v1, access.audit.v1 and its anchors topic, each with KAFKA_TOPIC_PREFIX. */
  factsTopic: TopicDefinition<Fact__Output>;
  auditTopic: TopicDefinition<auditV1.AccessAudited__Output>;
  auditAnchorsTopic: TopicDefinition<auditV1.AuditAnchor__Output>;
}

export interface ServiceDepsOptions {
  /** The service's own PostgreSQL schema (created and migrated first). */
  schema: string;
  /**
   * Its migration folders, applied after the audit trail's (@motlan/access), which every service
   * has: each disclosure of a fact value is audited wherever it happens.
   */
  migrations: readonly string[];
}

/** Thrown by `openServiceDeps` in a `migrate` run once the schema is migrated: runService exits 0 on it. */
export class MigrationsComplete extends Error {
  constructor(readonly applied: readonly string[]) {
    super(`migrations complete (${applied.length} applied)`);
    this.name = 'MigrationsComplete';
  }
}

/**
 * Brings the service's schema to its current version, or checks that it is: migrations run as the
 * migration login (DATABASE_MIGRATION_URL, else DATABASE_URL) unless DATABASE_MIGRATIONS=verify,
 * where a schema behind its migrations refuses the start (MOTLAN_RUNTIME_SCHEMA_BEHIND, naming
 * them). In a `migrate` run (context.task) it ends there with MigrationsComplete.
 */
async function prepareSchema(
  config: ServiceDepsSettings,
  context: RuntimeContext,
  options: ServiceDepsOptions,
): Promise<void> {
  const dir = [ACCESS_MIGRATIONS, ...options.migrations];
  if (config.DATABASE_MIGRATIONS === 'verify' && context.task !== 'migrate') {
    const pending = await pendingMigrations({ url: config.DATABASE_URL, schema: options.schema, dir });
    if (pending.length > 0) {
      throw new MotlanError(
        RuntimeErrors.schemaBehind,
        `schema ${options.schema} lacks ${pending.length} migration(s): ${pending.join(', ')}; ` +
          `run \`node <service>/dist/main.js migrate\` with DATABASE_MIGRATION_URL first`,
        { meta: { schema: options.schema, pending: pending.join(',') } },
      );
    }
    return;
  }
  const applied = await migrate({
    url: config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL,
    schema: options.schema,
    dir,
  });
  if (applied.length > 0)
    context.logger.info({ schema: options.schema, migrations: applied }, 'migrations applied');
  if (context.task === 'migrate') throw new MigrationsComplete(applied);
}

/**
 * Migrates the service's schema (or verifies it: `prepareSchema`), then opens its pool, Kafka client and producer, and loads its
 * TLS material and the access policy — all under the runtime's name, which is the service's
 * identity everywhere (logger, certificate, Kafka ACLs, application_name). Registers the
 * producer's disconnect and the pool's end on `context`, so they close last, pool after producer,
 * and a `kafka` readiness check (a metadata request to the cluster).
 */
export async function openServiceDeps(
  config: ServiceDepsSettings,
  context: RuntimeContext,
  options: ServiceDepsOptions,
): Promise<ServiceDeps> {
  const { name, logger, registry } = context;
  await prepareSchema(config, context, options);
  // Files first: a missing certificate or policy fails the start before anything is connected.
  const tls = loadTlsMaterial(config.MTLS_CERT_DIR, name);
  const policy = loadPolicy(config.ACCESS_POLICY_FILE);
  const pool = createPool({
    url: config.DATABASE_URL,
    schema: options.schema,
    max: config.DATABASE_POOL_SIZE,
    applicationName: name,
    role: appRoleOf(options.schema),
  });
  context.onClose('pool', () => pool.end());
  const kafka = createKafka({ config, identity: name, logger });
  const producer = await createEventProducer(kafka, name);
  context.onClose('producer', () => producer.disconnect());
  // /ready names `kafka` while no broker answers (the producer only finds out when it next sends).
  const broker = brokerCheck(kafka);
  context.readiness('kafka', () => broker.reachable());
  context.onClose('kafka readiness', () => broker.close());
  return {
    logger,
    registry,
    pool,
    kafka,
    producer,
    policy,
    tls,
    factsTopic: prefixed(Topics.citizenFacts, config.KAFKA_TOPIC_PREFIX),
    auditTopic: prefixed(Topics.accessAudit, config.KAFKA_TOPIC_PREFIX),
    auditAnchorsTopic: prefixed(Topics.accessAuditAnchors, config.KAFKA_TOPIC_PREFIX),
  };
}
