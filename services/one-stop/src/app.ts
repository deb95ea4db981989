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
import { prefixed, Topics, type EventProducer, type Kafka, type TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { auditV1 } from '@motlan/proto';
import { loadProcedureCatalog, loadWorkingCalendar } from './catalog-data.ts';
import { portalClients, type Config } from './config.ts';
import type { ProcedureCatalog } from './domain/procedure-catalog.ts';
import type { WorkingCalendar } from './domain/working-calendar.ts';
import { OutboxRelay } from './events/outbox-relay.ts';
import { dossierServiceBinding } from './grpc/dossier-service.ts';
import { registerDossierRoutes } from './http/dossiers-routes.ts';
import { registerProcedureRoutes } from './http/procedures-routes.ts';
import { registerReportRoutes } from './http/reports-routes.ts';
import type { ApplicantVerifier, FactStore, Subscriptions } from './mesh/ports.ts';
import { Callers } from './domain/callers.ts';
import { OfficerGrants } from './domain/officer-grants.ts';
import { FactDisclosure } from './fact-disclosure.ts';
import { OneStop } from './one-stop.ts';
import { PgDossierStore } from './store/pg-dossier-store.ts';
import { reportCounts } from './store/report-queries.ts';
import { Moves } from './use-cases/moves.ts';

export const VERSION = '0.1.0';

/**
 * What one-stop stands on (the runtime's openServiceDeps and the mesh clients); its settings
 * (officer and portal clients, result source system, relay interval, topic prefix) come from Config.
 */
export interface OneStopAppDeps {
  pool: Pool;
  producer: EventProducer;
  logger: Logger;
  registry: Registry;
  verifier: ApplicantVerifier;
  facts: FactStore;
  /** The Kafka client under one-stop's identity (the moves consumer reads its notifications with it). */
  kafka: Kafka;
  /** The registry's FactSubscriptions (the move subscription, ensured by main.ts's worker). */
  subscriptions: Subscriptions;
  /**
   * Serve https with this identity, asking callers for a client certificate; plain http without
   * (then every dossier route and the reports answer 401: no certificate can be presented).
   */
  tls?: TlsMaterial;
  /** Which fact values each client may be shown, per procedure code (the access policy). */
  policy: Policy;
  /** access.audit.v1 (or its prefixed twin): where the audit relay publishes disclosures. */
  auditTopic?: TopicDefinition<auditV1.AccessAudited__Output>;
  /** Where the audit chain heads are anchored; the anchors topic beside `auditTopic` unless given. */
  auditAnchorsTopic?: TopicDefinition<auditV1.AuditAnchor__Output>;
  /** dossier.events.v1 and citizen.facts.v1 with KAFKA_TOPIC_PREFIX unless given (tests give fresh ones). */
  topics?: { dossierEvents: TopicDefinition<object>; citizenFacts: TopicDefinition<object> };
  catalog?: ProcedureCatalog;
  calendar?: WorkingCalendar;
  now?: () => Date;
}

export interface OneStopApp {
  oneStop: OneStop;
  /** Opens the move-out and move-in registrations a notified move calls for (events/moves-consumer.ts). */
  moves: Moves;
  http: HttpApp;
  grpcBindings: ServiceBinding[];
  relay: OutboxRelay;
  /** Publishes the audit trail (every disclosure of a fact value) to access.audit.v1. */
  auditRelay: AuditRelay;
  trail: AuditTrail;
}

/** Wires catalog, calendar, mesh clients, store, outbox relay, REST and gRPC. Never listens. */
export async function buildApp(config: Config, deps: OneStopAppDeps): Promise<OneStopApp> {
  const topics = deps.topics ?? {
    dossierEvents: prefixed(Topics.dossierEvents, config.KAFKA_TOPIC_PREFIX),
    citizenFacts: prefixed(Topics.citizenFacts, config.KAFKA_TOPIC_PREFIX),
  };
  const relay = new OutboxRelay({
    pool: deps.pool,
    producer: deps.producer,
    topics: {
      [Topics.dossierEvents.name]: topics.dossierEvents,
      [Topics.citizenFacts.name]: topics.citizenFacts,
    },
    logger: deps.logger,
    registry: deps.registry,
    intervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
  });
  const oneStop = new OneStop({
    store: new PgDossierStore(deps.pool),
    reportCounts: (query) => reportCounts(deps.pool, query),
    catalog: deps.catalog ?? loadProcedureCatalog(),
    calendar: deps.calendar ?? loadWorkingCalendar(),
    verifier: deps.verifier,
    facts: deps.facts,
    resultSourceSystem: config.RESULT_SOURCE_SYSTEM,
    onCommitted: () => relay.wake(),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const moves = new Moves({
    store: new PgDossierStore(deps.pool),
    catalog: oneStop.catalog,
    calendar: deps.calendar ?? loadWorkingCalendar(),
    facts: deps.facts,
    now: deps.now ?? (() => new Date()),
    onCommitted: () => relay.wake(),
  });
  const http = await buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    ...(deps.tls ? { https: httpsServerOptions(deps.tls), authenticate: requireClientCertificate } : {}),
    openapi: {
      title: 'Motlan one-stop shop',
      version: VERSION,
      description:
        'Procedures with their fees and time limits; dossiers prefilled from what the mesh already knows, so the ' +
        'citizen supplies only what is missing; working-day deadlines; the lifecycle to a result that becomes a fact; ' +
        'reports per procedure and unit. The procedure catalog is public; every other route needs a client certificate ' +
        "from the Motlan CA (mutual TLS): a citizen portal's, acting for the applicant it names in X-Applicant-Id " +
        "(prefill, submit, read, supplement, withdraw, rating), a handling unit's system's (officer actions, reading its " +
        "units' dossiers), any client's for reports. Fact values are shown only where the access policy grants them, " +
        'and each showing is audited like any disclosure.',
    },
    readiness: { database: async () => (await deps.pool.query('SELECT 1')).rowCount === 1 },
  });
  const callers = new Callers(OfficerGrants.parse(config.ONE_STOP_OFFICER_CLIENTS), portalClients(config));
  const trail = new AuditTrail(deps.pool, 'one-stop');
  const disclosure = new FactDisclosure(deps.policy, new DisclosureGuard(deps.policy, trail));
  const auditRelay = new AuditRelay(deps.pool, deps.producer, 'one-stop', deps.logger, {
    ...(deps.auditTopic ? { links: deps.auditTopic } : {}),
    ...(deps.auditAnchorsTopic ? { anchors: deps.auditAnchorsTopic } : {}),
  });
  registerProcedureRoutes(http, oneStop.catalog);
  registerDossierRoutes(http, oneStop, callers, disclosure);
  registerReportRoutes(http, oneStop);
  return {
    oneStop,
    moves,
    http,
    grpcBindings: [dossierServiceBinding(oneStop, callers)],
    relay,
    auditRelay,
    trail,
  };
}
