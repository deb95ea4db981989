import type { Registry } from 'prom-client';
import {
  AuditRelay,
  AuditTrail,
  DisclosureGuard,
  httpsServerOptions,
  requireClientCertificate,
  type Policy,
  type TlsMaterial,
} from '@motlan/access';
import type { Pool } from '@motlan/db';
import type { ServiceBinding } from '@motlan/grpc';
import { buildHttpApp, type HttpApp } from '@motlan/http';
import {
  prefixed,
  Topics,
  type EventConsumer,
  type EventProducer,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { auditV1, Fact__Output, factsV1 } from '@motlan/proto';
import type { Config } from './config.ts';
import { Discrepancies } from './discrepancies.ts';
import { DiscrepancyRelay } from './events/discrepancy-relay.ts';
import { startAuditConsumer } from './events/audit-consumer.ts';
import { startFactsConsumer } from './events/facts-consumer.ts';
import { NotificationRelay } from './events/notification-relay.ts';
import { FactRegistry } from './fact-registry.ts';
import { FactSubscriptions } from './fact-subscriptions.ts';
import { factRegistryBinding } from './grpc/fact-registry-service.ts';
import { registerDiscrepancyRoutes } from './http/discrepancy-routes.ts';
import { subscriptionsBinding } from './grpc/subscriptions-service.ts';
import { registerFactRoutes } from './http/facts-routes.ts';
import { registerGovStackRoutes } from './http/govstack-routes.ts';
import { registerSubscriptionRoutes } from './http/subscriptions-routes.ts';
import { NotificationRelease } from './notification-release.ts';
import { Bell } from './bell.ts';

export const VERSION = '0.1.0';

/** What the registry stands on (the runtime's openServiceDeps gives all of it); its settings come from Config. */
export interface RegistryDeps {
  pool: Pool;
  kafka: Kafka;
  producer: EventProducer;
  logger: Logger;
  registry: Registry;
  policy: Policy;
  tls: TlsMaterial;
  /** citizen.facts.v1 with KAFKA_TOPIC_PREFIX unless given (tests give a fresh topic). */
  factsTopic?: TopicDefinition<Fact__Output>;
  auditTopic?: TopicDefinition<auditV1.AccessAudited__Output>;
  /** Where the audit chain heads are anchored; the anchors topic beside `auditTopic` unless given. */
  auditAnchorsTopic?: TopicDefinition<auditV1.AuditAnchor__Output>;
  /** citizen.discrepancies.v1 with KAFKA_TOPIC_PREFIX unless given (tests give a fresh topic). */
  discrepanciesTopic?: TopicDefinition<factsV1.DiscrepancyEvent__Output>;
}

export interface RegistryApp {
  facts: FactRegistry;
  subscriptions: FactSubscriptions;
  /** Puts DELIVERY_KAFKA notifications on their subscribers' topics (KAFKA_TOPIC_PREFIX). */
  notificationRelay: NotificationRelay;
  http: HttpApp;
  grpcBindings: ServiceBinding[];
  relay: AuditRelay;
  trail: AuditTrail;
  discrepancies: Discrepancies;
  /** Publishes discrepancy transitions to citizen.discrepancies.v1 (a worker in main.ts). */
  discrepancyRelay: DiscrepancyRelay;
  /** Starts applying citizen.facts.v1; resolves once the consumer has joined its group. */
  startConsumer(): Promise<EventConsumer>;
  /** Starts collecting access.audit.v1 into the citizens' disclosure view. */
  startAuditConsumer(): Promise<EventConsumer>;
}

/**
 * Wires the registry: store, policy + audit, gRPC and REST (+ GovStack, discrepancies), the
 * discrepancy relay, consumers (group
 * FACT_REGISTRY_GROUP, CONSUMER_CONCURRENCY partitions at once). Never listens.
 */
export async function buildApp(config: Config, deps: RegistryDeps): Promise<RegistryApp> {
  const trail = new AuditTrail(deps.pool, 'fact-registry');
  const guard = new DisclosureGuard(deps.policy, trail);
  const factsTopic = deps.factsTopic ?? prefixed(Topics.citizenFacts, config.KAFKA_TOPIC_PREFIX);
  const facts = new FactRegistry(deps.pool, deps.policy, guard, deps.producer, factsTopic);
  const http = await buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    https: httpsServerOptions(deps.tls),
    authenticate: requireClientCertificate,
    openapi: {
      title: 'Motlan fact registry',
      version: VERSION,
      description:
        'The once-only store: current and historical citizen facts with provenance, read for a named purpose ' +
        'under the access policy, every read audited. Mutual TLS: the caller is its client certificate.',
    },
    readiness: { database: async () => (await deps.pool.query('SELECT 1')).rowCount === 1 },
  });
  const gate = new NotificationRelease(deps.policy, trail);
  // Rung by the facts consumer after each commit: the relay and idle streams look at once.
  const applied = new Bell();
  const subscriptions = new FactSubscriptions(
    deps.pool,
    deps.policy,
    guard,
    trail,
    gate,
    config.KAFKA_TOPIC_PREFIX,
    applied,
  );
  registerFactRoutes(http, facts);
  registerGovStackRoutes(http, facts);
  registerSubscriptionRoutes(http, subscriptions);
  const discrepancies = new Discrepancies(deps.pool, deps.policy, trail);
  registerDiscrepancyRoutes(http, discrepancies);
  const discrepancyRelay = new DiscrepancyRelay({
    pool: deps.pool,
    producer: deps.producer,
    topic: deps.discrepanciesTopic ?? prefixed(Topics.citizenDiscrepancies, config.KAFKA_TOPIC_PREFIX),
    logger: deps.logger,
    registry: deps.registry,
  });
  const relay = new AuditRelay(deps.pool, deps.producer, 'fact-registry', deps.logger, {
    ...(deps.auditTopic ? { links: deps.auditTopic } : {}),
    ...(deps.auditAnchorsTopic ? { anchors: deps.auditAnchorsTopic } : {}),
  });

  const notificationRelay = new NotificationRelay({
    pool: deps.pool,
    producer: deps.producer,
    gate,
    bell: applied,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    logger: deps.logger,
    registry: deps.registry,
  });

  return {
    facts,
    subscriptions,
    notificationRelay,
    http,
    grpcBindings: [factRegistryBinding(facts), subscriptionsBinding(subscriptions)],
    relay,
    trail,
    discrepancies,
    discrepancyRelay,
    startConsumer: () =>
      startFactsConsumer({
        kafka: deps.kafka,
        pool: deps.pool,
        groupId: config.FACT_REGISTRY_GROUP,
        logger: deps.logger,
        registry: deps.registry,
        concurrency: config.CONSUMER_CONCURRENCY,
        topic: factsTopic,
        discrepancies: config.REGISTRY_DISCREPANCIES === 'on',
        // What it applied may have made notifications.
        onApplied: () => applied.ring(),
      }),
    startAuditConsumer: () =>
      startAuditConsumer({
        kafka: deps.kafka,
        pool: deps.pool,
        groupId: `${config.FACT_REGISTRY_GROUP}-disclosures`,
        logger: deps.logger,
        registry: deps.registry,
        ...(deps.auditTopic ? { topic: deps.auditTopic } : {}),
      }),
  };
}
