import { collectDefaultMetrics, Registry } from 'prom-client';
import { ACCESS_MIGRATIONS, grpcServerCredentials, loadPolicy, loadTlsMaterial } from '@motlan/access';
import type { KafkaConfig } from '@motlan/config';
import { appRoleOf, createPool, migrate } from '@motlan/db';
import { startGrpcServer, type RunningGrpcServer } from '@motlan/grpc';
import { createEventProducer, createKafka, prefixed, Topics } from '@motlan/kafka';
import { createLogger, type Logger } from '@motlan/logger';
import { ADAPTER_KIT_MIGRATIONS, type AdapterApp, type AdapterDeps } from './adapter-app.ts';

/** The process's config: KafkaEnv (brokers, topic prefix, security) and the rest. */
export interface ProcessSettings extends KafkaConfig {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  HTTP_HOST: string;
  HTTP_PORT: number;
  GRPC_HOST: string;
  GRPC_PORT: number;
  CHANGE_FEED_INTERVAL_MS: number;
  MTLS_CERT_DIR: string;
  ACCESS_POLICY_FILE: string;
}

/**
 * What every adapter process needs before its app is built: a logger, a metrics registry, its
 * schema migrated (the kit's tables plus its own), a pool and an idempotent producer.
 */
export async function createAdapterDeps(
  name: string,
  schema: string,
  settings: ProcessSettings,
  migrationsDir?: string,
): Promise<AdapterDeps & { close(): Promise<void> }> {
  const logger = createLogger({ name, level: settings.LOG_LEVEL });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  await migrate({
    url: settings.DATABASE_URL,
    schema,
    dir: [ACCESS_MIGRATIONS, ADAPTER_KIT_MIGRATIONS, ...(migrationsDir ? [migrationsDir] : [])],
  });
  const pool = createPool({
    url: settings.DATABASE_URL,
    schema,
    max: settings.DATABASE_POOL_SIZE,
    applicationName: name,
    role: appRoleOf(schema),
  });
  // The adapter's name is its identity on Kafka too: its certificate, its ACLs (KafkaGrants).
  const kafka = createKafka({ config: settings, identity: name, logger });
  const producer = await createEventProducer(kafka, name);
  return {
    logger,
    registry,
    pool,
    producer,
    factsTopic: prefixed(Topics.citizenFacts, settings.KAFKA_TOPIC_PREFIX),
    auditTopic: prefixed(Topics.accessAudit, settings.KAFKA_TOPIC_PREFIX),
    auditAnchorsTopic: prefixed(Topics.accessAuditAnchors, settings.KAFKA_TOPIC_PREFIX),
    policy: loadPolicy(settings.ACCESS_POLICY_FILE),
    tls: loadTlsMaterial(settings.MTLS_CERT_DIR, name),
    async close() {
      await producer.disconnect();
      await pool.end();
    },
  };
}

export interface ServedAdapter {
  httpUrl: string;
  grpcAddress: string;
  grpc: RunningGrpcServer;
  /** Graceful: stop accepting, drain gRPC and HTTP, stop the change feed. */
  stop(): Promise<void>;
}

/** Listens on HTTPS and gRPC (both mutual TLS), starts the change feed (when enabled) and the audit relay. */
export async function serveAdapter<R>(
  app: AdapterApp<R>,
  settings: ProcessSettings,
  logger: Logger,
  registry: Registry,
): Promise<ServedAdapter> {
  const httpUrl = await app.http.listen({ host: settings.HTTP_HOST, port: settings.HTTP_PORT });
  const grpc = await startGrpcServer({
    services: app.grpcBindings,
    logger,
    registry,
    host: settings.GRPC_HOST,
    port: settings.GRPC_PORT,
    credentials: grpcServerCredentials(app.tls),
  });
  if (settings.CHANGE_FEED_INTERVAL_MS > 0) app.changeFeed.start();
  app.relay.start();
  return {
    httpUrl,
    grpcAddress: `${settings.GRPC_HOST}:${grpc.port}`,
    grpc,
    async stop() {
      await Promise.all([grpc.stop(5_000), app.http.close()]);
      await app.close();
    },
  };
}

/** Runs `shutdown` once on SIGTERM or SIGINT, then exits. */
export function onShutdown(logger: Logger, shutdown: () => Promise<void>): void {
  let called = false;
  const handler = (signal: NodeJS.Signals) => {
    if (called) return;
    called = true;
    logger.info({ signal }, 'shutting down');
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
