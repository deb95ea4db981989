import { collectDefaultMetrics, Registry } from 'prom-client';
import { ACCESS_MIGRATIONS, grpcServerCredentials, loadPolicy, loadTlsMaterial } from '@motlan/access';
import { appRoleOf, createPool, migrate } from '@motlan/db';
import { startGrpcServer } from '@motlan/grpc';
import { createEventProducer, createKafka, prefixed, Topics } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { MIGRATIONS } from './migrations-dir.ts';

const config = readConfig();
const logger = createLogger({ name: 'fact-registry', level: config.LOG_LEVEL });
const registry = new Registry();
collectDefaultMetrics({ register: registry });
await migrate({
  url: config.DATABASE_URL,
  schema: config.FACT_REGISTRY_SCHEMA,
  dir: [ACCESS_MIGRATIONS, MIGRATIONS],
});
const pool = createPool({
  url: config.DATABASE_URL,
  schema: config.FACT_REGISTRY_SCHEMA,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'fact-registry',
  role: appRoleOf(config.FACT_REGISTRY_SCHEMA),
});
const kafka = createKafka({ config, identity: 'fact-registry', logger });
const producer = await createEventProducer(kafka, 'fact-registry');
const tls = loadTlsMaterial(config.MTLS_CERT_DIR, 'fact-registry');
const app = await buildApp({
  pool,
  kafka,
  producer,
  logger,
  registry,
  policy: loadPolicy(config.ACCESS_POLICY_FILE),
  tls,
  groupId: config.FACT_REGISTRY_GROUP,
  consumerConcurrency: config.CONSUMER_CONCURRENCY,
  factsTopic: prefixed(Topics.citizenFacts, config.KAFKA_TOPIC_PREFIX),
  auditTopic: prefixed(Topics.accessAudit, config.KAFKA_TOPIC_PREFIX),
  auditAnchorsTopic: prefixed(Topics.accessAuditAnchors, config.KAFKA_TOPIC_PREFIX),
});

const consumer = await app.startConsumer();
const auditConsumer = await app.startAuditConsumer();
app.relay.start();
const httpUrl = await app.http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
const grpc = await startGrpcServer({
  services: app.grpcBindings,
  logger,
  registry,
  credentials: grpcServerCredentials(tls),
  host: config.GRPC_HOST,
  port: config.GRPC_PORT,
});
logger.info(
  { http: httpUrl, grpc: `${config.GRPC_HOST}:${grpc.port}` },
  'fact registry listening (mutual TLS)',
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await Promise.all([grpc.stop(5_000), app.http.close()]);
  await Promise.all([consumer.stop(), auditConsumer.stop()]);
  await app.trail.settle();
  await app.relay.stop();
  await producer.disconnect();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
