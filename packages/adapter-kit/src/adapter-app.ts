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
import { pgCursorStore } from './store/cursor-store.ts';
import { pgSnapshotStore, type SnapshotStore } from './store/snapshot-store.ts';
import { runBulkSync, type BulkProgress, type BulkSyncSettings } from './sync/bulk-sync.ts';
import { ChangeFeedSync } from './sync/change-feed-sync.ts';
import { createUpstreamCaller, type UpstreamCaller } from './upstream/upstream-caller.ts';

/** The kit's own tables (snapshots, cursors); migrate them with the adapter's. */
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
  caller: UpstreamCaller;
  snapshots: SnapshotStore<R>;
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
  const caller = createUpstreamCaller({
    name: adapter.sourceSystem,
    attemptTimeoutMs: settings.UPSTREAM_ATTEMPT_TIMEOUT_MS,
    retries: settings.UPSTREAM_RETRIES,
    breakerResetMs: settings.BREAKER_RESET_MS,
    registry: deps.registry,
    onStateChange: (state) =>
      logger.warn({ upstream: adapter.sourceSystem, state }, 'upstream breaker changed state'),
  });
  const snapshots = pgSnapshotStore<R>(deps.pool, settings.SNAPSHOT_CACHE_ENTRIES);
  const factSource = new FactSource(adapter, caller, snapshots, {
    freshForMs: settings.SNAPSHOT_FRESH_FOR_MS,
  });
  const changeFeed = new ChangeFeedSync(
    adapter,
    caller,
    deps.producer,
    pgCursorStore(deps.pool),
    snapshots,
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
  options.routes?.(http, serving);
  const relay = new AuditRelay(deps.pool, deps.producer, adapter.id, logger, {
    ...(deps.auditTopic ? { links: deps.auditTopic } : {}),
    ...(deps.auditAnchorsTopic ? { anchors: deps.auditAnchorsTopic } : {}),
  });

  return {
    adapter,
    factSource,
    caller,
    snapshots,
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
      runBulkSync(adapter, caller, deps.producer, {
        pageTimeoutMs: settings.REQUEST_DEADLINE_MS * 10,
        ...(deps.factsTopic ? { topic: deps.factsTopic } : {}),
        ...bulk,
      }),
    async close() {
      await changeFeed.stop();
      await trail.settle();
      await relay.stop();
      caller.shutdown();
    },
  };
}
