import { fileURLToPath } from 'node:url';
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
import type { EventProducer, TopicDefinition } from '@motlan/kafka';
import type { auditV1, Fact__Output } from '@motlan/proto';
import { DisclosureGate, type AdapterServing } from './disclosure-gate.ts';
import type { Logger } from '@motlan/logger';
import type { AdapterSettings } from './config.ts';
import type { SourceAdapter } from './contract.ts';
import { FactSource } from './fact-source.ts';
import { sourceAdapterBinding } from './grpc/source-adapter-service.ts';
import { registerFactsRoutes } from './http/facts-routes.ts';
import { registerQuarantineRoutes } from './http/quarantine-routes.ts';
import { pgCursorStore } from './store/cursor-store.ts';
import { pgQuarantineStore, type QuarantineStore } from './store/quarantine-store.ts';
import { pgSnapshotStore, type SnapshotStore } from './store/snapshot-store.ts';
import { runBulkSync, type BulkProgress, type BulkSyncSettings } from './sync/bulk-sync.ts';
import { ChangeFeedSync } from './sync/change-feed-sync.ts';
import { retryQuarantined, type QuarantineRetryOutcome } from './sync/quarantine-retry.ts';
import { createUpstreamCaller, type UpstreamCaller } from './upstream/upstream-caller.ts';

/** The kit's own tables (snapshots, cursors, quarantined records); migrate them with the adapter's. */
export const ADAPTER_KIT_MIGRATIONS = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface AdapterDeps {
  pool: Pool;
  producer: EventProducer;
  logger: Logger;
  registry: Registry;
  /** Who may read what, for which purpose. */
  policy: Policy;
  /** This adapter's mutual-TLS material (its certificate, the CA it trusts). */
  tls: TlsMaterial;
  /** Where facts go; citizen.facts.v1 unless a test gives a fresh topic. */
  factsTopic?: TopicDefinition<Fact__Output>;
  /** Where audit links go; access.audit.v1 unless a test gives a fresh topic. */
  auditTopic?: TopicDefinition<auditV1.AccessAudited__Output>;
  /** Where the audit chain heads are anchored; the anchors topic beside `auditTopic` unless given. */
  auditAnchorsTopic?: TopicDefinition<auditV1.AuditAnchor__Output>;
}

export interface AdapterApp<R> {
  adapter: SourceAdapter<R>;
  factSource: FactSource<R>;
  /** Interactive lookups' breaker (GetFacts, GetCitizen, VerifyCitizen). */
  caller: UpstreamCaller;
  /** The change feed's, bulk sync's and quarantine retries' breaker: its failures never open `caller`. */
  feedCaller: UpstreamCaller;
  snapshots: SnapshotStore<R>;
  quarantine: QuarantineStore<R>;
  /** Tries the open quarantined records again (also `POST /v1/quarantine/retry`). */
  retryQuarantined(): Promise<QuarantineRetryOutcome>;
  changeFeed: ChangeFeedSync<R>;
  http: HttpApp;
  grpcBindings: ServiceBinding[];
  /** The audit trail of this adapter's disclosures, and its relay to access.audit.v1. */
  trail: AuditTrail;
  relay: AuditRelay;
  /** The mutual-TLS material both servers present and verify callers with. */
  tls: TlsMaterial;
  bulkSync(
    settings: Omit<BulkSyncSettings, 'pageTimeoutMs'> & { pageTimeoutMs?: number },
  ): Promise<BulkProgress>;
  /** Stops the change feed and the breaker; the caller closes servers, producer and pool. */
  close(): Promise<void>;
}

export interface AdapterAppOptions<R> {
  adapter: SourceAdapter<R>;
  settings: AdapterSettings;
  deps: AdapterDeps;
  openapi: { title: string; description: string };
  /** The adapter's own gRPC services, behind the same gate and on the same fact source. */
  grpcBindings?: (serving: AdapterServing<R>) => ServiceBinding[];
  /** The adapter's own REST routes. */
  routes?: (app: HttpApp, serving: AdapterServing<R>) => void;
}

/**
 * Everything an adapter serves, wired the same way for every adapter: breaker-protected upstream
 * calls, snapshots for stale answers, SourceAdapter over gRPC and REST, the change feed, health,
 * readiness and metrics. Builds; never listens (see `serveAdapter`).
 */
export async function buildAdapterApp<R>(options: AdapterAppOptions<R>): Promise<AdapterApp<R>> {
  const { adapter, settings, deps } = options;
  const logger = deps.logger.child({ adapter: adapter.id });
  // Two breakers on the one upstream: a feed that keeps failing (a page the upstream cannot
  // serve) must not fail interactive lookups fast, nor the other way round.
  const breaker = (name: string) =>
    createUpstreamCaller({
      name,
      attemptTimeoutMs: settings.UPSTREAM_ATTEMPT_TIMEOUT_MS,
      retries: settings.UPSTREAM_RETRIES,
      breakerResetMs: settings.BREAKER_RESET_MS,
      registry: deps.registry,
      onStateChange: (state) =>
        logger.warn(
          { upstream: adapter.sourceSystem, breaker: name, state },
          'upstream breaker changed state',
        ),
    });
  const caller = breaker(adapter.sourceSystem);
  const feedCaller = breaker(`${adapter.sourceSystem}:feed`);
  const snapshots = pgSnapshotStore<R>(deps.pool, settings.SNAPSHOT_CACHE_ENTRIES);
  const factSource = new FactSource(adapter, caller, snapshots, {
    freshForMs: settings.SNAPSHOT_FRESH_FOR_MS,
  });
  const quarantine = pgQuarantineStore<R>(deps.pool);
  const changeFeed = new ChangeFeedSync(
    adapter,
    feedCaller,
    deps.producer,
    pgCursorStore(deps.pool),
    snapshots,
    quarantine,
    {
      intervalMs: settings.CHANGE_FEED_INTERVAL_MS,
      batchSize: settings.CHANGE_FEED_BATCH,
      pollTimeoutMs: settings.REQUEST_DEADLINE_MS * 3,
      ...(deps.factsTopic ? { topic: deps.factsTopic } : {}),
    },
    logger,
    deps.registry,
  );

  const trail = new AuditTrail(deps.pool, adapter.id);
  const serving: AdapterServing<R> = {
    factSource,
    gate: new DisclosureGate(new DisclosureGuard(deps.policy, trail)),
    deadlineCapMs: settings.REQUEST_DEADLINE_MS,
  };
  const http = await buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    https: httpsServerOptions(deps.tls),
    authenticate: requireClientCertificate,
    openapi: { ...options.openapi, version: adapter.version },
    readiness: {
      database: async () => (await deps.pool.query('SELECT 1')).rowCount === 1,
    },
  });
  registerFactsRoutes(http, serving);
  const retry = () =>
    retryQuarantined(adapter, feedCaller, deps.producer, quarantine, snapshots, {
      timeoutMs: settings.REQUEST_DEADLINE_MS,
      limit: 1_000,
      ...(deps.factsTopic ? { topic: deps.factsTopic } : {}),
    });
  registerQuarantineRoutes(http, { store: quarantine, policy: deps.policy, retry });
  options.routes?.(http, serving);
  const relay = new AuditRelay(deps.pool, deps.producer, adapter.id, logger, {
    ...(deps.auditTopic ? { links: deps.auditTopic } : {}),
    ...(deps.auditAnchorsTopic ? { anchors: deps.auditAnchorsTopic } : {}),
  });

  return {
    adapter,
    factSource,
    caller,
    feedCaller,
    snapshots,
    quarantine,
    retryQuarantined: retry,
    changeFeed,
    http,
    trail,
    relay,
    tls: deps.tls,
    grpcBindings: [
      sourceAdapterBinding(serving, `${adapter.id}@${adapter.version}`),
      ...(options.grpcBindings?.(serving) ?? []),
    ],
    bulkSync: (bulk) =>
      runBulkSync(
        adapter,
        feedCaller,
        deps.producer,
        {
          pageTimeoutMs: settings.REQUEST_DEADLINE_MS * 10,
          ...(deps.factsTopic ? { topic: deps.factsTopic } : {}),
          ...bulk,
        },
        quarantine,
      ),
    async close() {
      await changeFeed.stop();
      await trail.settle();
      await relay.stop();
      caller.shutdown();
      feedCaller.shutdown();
    },
  };
}
