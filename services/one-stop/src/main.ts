import { collectDefaultMetrics, Registry } from 'prom-client';
import { ACCESS_MIGRATIONS, grpcServerCredentials, loadPolicy, loadTlsMaterial } from '@motlan/access';
import { appRoleOf, createPool, migrate } from '@motlan/db';
import { startGrpcServer } from '@motlan/grpc';
import { createEventProducer, createKafka, prefixed, Topics } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import { buildApp } from './app.ts';
import { portalClients, readConfig } from './config.ts';
import { OfficerGrants } from './domain/officer-grants.ts';
import { grpcMesh } from './mesh/grpc-mesh.ts';
import { MIGRATIONS } from './migrations-dir.ts';

const config = readConfig();
const logger = createLogger({ name: 'one-stop', level: config.LOG_LEVEL });
const registry = new Registry();
collectDefaultMetrics({ register: registry });
// The audit trail's table (packages/access) beside the service's own: dossier views are disclosures.
await migrate({
  url: config.DATABASE_URL,
  schema: config.ONE_STOP_SCHEMA,
  dir: [ACCESS_MIGRATIONS, MIGRATIONS],
});
const pool = createPool({
  url: config.DATABASE_URL,
  schema: config.ONE_STOP_SCHEMA,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'one-stop',
  role: appRoleOf(config.ONE_STOP_SCHEMA),
});
const kafka = createKafka({ config, identity: 'one-stop', logger });
const producer = await createEventProducer(kafka, 'one-stop');
const tls = loadTlsMaterial(config.MTLS_CERT_DIR, 'one-stop');
const mesh = grpcMesh({
  populationAddress: config.POPULATION_ADAPTER_GRPC,
  registryAddress: config.FACT_REGISTRY_GRPC,
  tls,
  deadlineMs: config.MESH_DEADLINE_MS,
});
const app = await buildApp({
  pool,
  producer,
  logger,
  registry,
  verifier: mesh.verifier,
  facts: mesh.facts,
  tls,
  officers: OfficerGrants.parse(config.ONE_STOP_OFFICER_CLIENTS),
  portals: portalClients(config),
  policy: loadPolicy(config.ACCESS_POLICY_FILE),
  auditTopic: prefixed(Topics.accessAudit, config.KAFKA_TOPIC_PREFIX),
  resultSourceSystem: config.RESULT_SOURCE_SYSTEM,
  relayIntervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
  topics: {
    dossierEvents: prefixed(Topics.dossierEvents, config.KAFKA_TOPIC_PREFIX),
    citizenFacts: prefixed(Topics.citizenFacts, config.KAFKA_TOPIC_PREFIX),
  },
});
if (config.OUTBOX_RELAY_ENABLED) app.relay.start();
app.auditRelay.start();
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
  { http: httpUrl, grpc: `${config.GRPC_HOST}:${grpc.port}`, relay: config.OUTBOX_RELAY_ENABLED },
  'one-stop listening',
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await Promise.all([grpc.stop(5_000), app.http.close()]);
  if (config.OUTBOX_RELAY_ENABLED) await app.relay.stop();
  await app.auditRelay.stop();
  mesh.close();
  await producer.disconnect();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
