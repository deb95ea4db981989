import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import {
  ACCESS_MIGRATIONS,
  grpcChannelCredentials,
  grpcServerCredentials,
  loadTlsMaterial,
  parsePolicy,
} from '@motlan/access';
import { canonicalJson, contentHash, type Assurance } from '@motlan/domain';
import { createGrpcClient, startGrpcServer, type GrpcClient, type RunningGrpcServer } from '@motlan/grpc';
import {
  createEventProducer,
  NOTIFICATION_SUBSCRIBERS,
  notificationsTopic,
  Topics,
  type EventConsumer,
  type EventProducer,
  type TopicDefinition,
} from '@motlan/kafka';
import type { auditV1, Fact__Output } from '@motlan/proto';
import { devCertificates, TestResources, uniqueName } from '@motlan/testkit';
import type { Pool } from '@motlan/db';
import { buildApp, type RegistryApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { MIGRATIONS } from '../src/migrations-dir.ts';

export const policy = parsePolicy({
  clients: {
    'one-stop': {
      mayDeclare: true,
      purposes: {
        'first-registration': ['identity.full_name', 'identity.date_of_birth', 'residence.permanent'],
        'temporary-absence': ['identity.full_name', 'residence.permanent', 'residence.current'],
      },
    },
    operator: { mayListDisclosures: true, purposes: {} },
    'dev-client': { purposes: { 'first-registration': ['identity.full_name'] } },
    // Subscribers: a data owner over Kafka and one over the gRPC stream, for citizens a source holds.
    'military-personnel-db': {
      subscribes: { citizensHeldBy: 'military-personnel-db' },
      purposes: {
        'supplementary-registration': ['residence.permanent', 'identity.full_name', 'identity.vital_status'],
      },
    },
    'bench-client': {
      subscribes: { citizensHeldBy: 'national-population-db' },
      purposes: { 'supplementary-registration': ['residence.permanent', 'identity.full_name'] },
    },
    'commune-officer': {
      subscribes: { citizensHeldBy: 'national-population-db' },
      purposes: { 'supplementary-registration': ['residence.permanent'] },
    },
  },
});

/** An authoritative (or other) fact as an adapter would publish it. */
export function fact(
  personalId: string,
  type: string,
  value: unknown,
  options: { assurance?: Assurance; observedAt?: string; version?: string; sourceSystem?: string } = {},
): Fact__Output {
  return {
    id: randomUUID(),
    subject: { personalId },
    type,
    valueJson: canonicalJson(value),
    provenance: {
      sourceSystem: options.sourceSystem ?? 'national-population-db',
      assurance: options.assurance ?? 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `${options.sourceSystem ?? 'NPDB'}/${personalId}`,
      sourceRecordVersion: options.version ?? '1',
      observedAt: options.observedAt ?? new Date().toISOString(),
      validFrom: '',
      validUntil: '',
      dossierId: '',
      contentHash: contentHash(value),
    },
  };
}

export interface Harness {
  resources: TestResources;
  app: RegistryApp;
  pool: Pool;
  /** The login's own pool (a database administrator's rights), beside the service's `pool`. */
  ownerPool: Pool;
  schema: string;
  /** KAFKA_TOPIC_PREFIX of the subscribers' notification topics (created, without ACLs). */
  topicPrefix: string;
  factsTopic: TopicDefinition<Fact__Output>;
  auditTopic: TopicDefinition<auditV1.AccessAudited__Output>;
  auditAnchorsTopic: TopicDefinition<auditV1.AuditAnchor__Output>;
  producer: EventProducer;
  consumer: EventConsumer;
  grpcServer: RunningGrpcServer;
  httpsUrl: string;
  certDir: string;
  /** A gRPC client presenting `name`'s certificate, of the registry's FactRegistry service unless another is named. */
  client(name: string, service?: string): GrpcClient;
  publish(...facts: Fact__Output[]): Promise<void>;
}

/** A live registry on fresh topics and a fresh schema, over mutual TLS, on free ports. */
export async function startRegistry(): Promise<Harness> {
  const resources = new TestResources();
  const certDir = devCertificates();
  const {
    name: schema,
    pool,
    ownerPool,
  } = await resources.schema([ACCESS_MIGRATIONS, MIGRATIONS], 'registry');
  const factsTopic = await resources.topic(Topics.citizenFacts);
  const auditTopic = await resources.topic(Topics.accessAudit);
  const auditAnchorsTopic = await resources.topic(Topics.accessAuditAnchors);
  const topicPrefix = `${uniqueName('test.registry', '.')}.`;
  await resources.topicsUnder(topicPrefix, NOTIFICATION_SUBSCRIBERS.map(notificationsTopic));
  const producer = await createEventProducer(resources.kafka, 'registry-test');
  resources.defer(() => producer.disconnect());
  const tls = loadTlsMaterial(certDir, 'fact-registry');
  const config = readConfig({
    FACT_REGISTRY_GROUP: resources.groupId('registry'),
    CONSUMER_CONCURRENCY: '4',
    KAFKA_TOPIC_PREFIX: topicPrefix,
  });
  const app = await buildApp(config, {
    pool,
    kafka: resources.kafka,
    producer,
    logger: resources.logger,
    registry: new Registry(),
    policy,
    tls,
    factsTopic,
    auditTopic,
    auditAnchorsTopic,
  });
  const consumer = await app.startConsumer();
  resources.defer(() => consumer.stop());
  const auditConsumer = await app.startAuditConsumer();
  resources.defer(() => auditConsumer.stop());
  app.relay.start();
  resources.defer(() => app.relay.stop());
  app.notificationRelay.start();
  resources.defer(() => app.notificationRelay.stop());
  const httpsUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
  resources.defer(() => app.http.close());
  const grpcServer = await startGrpcServer({
    services: app.grpcBindings,
    logger: resources.logger,
    credentials: grpcServerCredentials(tls),
  });
  resources.defer(() => grpcServer.stop(1_000));
  const clients: GrpcClient[] = [];
  resources.defer(async () => clients.forEach((client) => client.close()));
  return {
    resources,
    app,
    pool,
    ownerPool,
    schema,
    topicPrefix,
    factsTopic,
    auditTopic,
    auditAnchorsTopic,
    producer,
    consumer,
    grpcServer,
    httpsUrl,
    certDir,
    client(name, service = 'motlan.facts.v1.FactRegistry') {
      const client = createGrpcClient(service, {
        address: `127.0.0.1:${grpcServer.port}`,
        credentials: grpcChannelCredentials(loadTlsMaterial(certDir, name)),
        channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
      });
      clients.push(client);
      return client;
    },
    async publish(...facts) {
      await producer.publish(
        factsTopic,
        facts.map((entry) => ({
          key: entry.subject!.personalId,
          value: entry,
          eventId: entry.id,
          eventType: 'fact.recorded',
        })),
      );
    },
  };
}
