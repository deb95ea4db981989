import { collectDefaultMetrics, Registry } from 'prom-client';
import type { KafkaConfig } from '@motlan/config';
import { createLogger, type Logger } from '@motlan/logger';
import {
  openServiceDeps,
  ServiceRuntime,
  stopOnSignals,
  type RuntimeContext,
  type ServiceDefinition,
  type ServiceDeps,
  type Worker,
} from '@motlan/service-runtime';
import { ADAPTER_KIT_MIGRATIONS, type AdapterApp, type AdapterDeps } from './adapter-app.ts';

/** The process's config: KafkaEnv (brokers, topic prefix, security) and the rest. */
export interface ProcessSettings extends KafkaConfig {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  DATABASE_MIGRATION_URL?: string;
  DATABASE_MIGRATIONS?: 'apply' | 'verify';
  DATABASE_POOL_SIZE: number;
  HTTP_HOST: string;
  HTTP_PORT: number;
  GRPC_HOST: string;
  GRPC_PORT: number;
  CHANGE_FEED_INTERVAL_MS: number;
  MTLS_CERT_DIR: string;
  ACCESS_POLICY_FILE: string;
}

export interface AdapterServiceOptions<C extends ProcessSettings, R> {
  /** The adapter's identity everywhere: logger, certificate, Kafka ACLs (KafkaGrants), application_name. */
  name: string;
  readConfig(env?: Record<string, string | undefined>): C;
  /** Its own PostgreSQL schema, where the kit's tables (snapshots, cursors, quarantine) go. */
  schema(config: C): string;
  /** Its own migration folders, applied after the audit trail's and the kit's. */
  migrations?: readonly string[];
  /** The adapter's buildApp: `buildAdapterApp` with its SourceAdapter, routes and gRPC services. */
  buildApp(config: C, deps: AdapterDeps): Promise<AdapterApp<R>>;
  /** The log line once listening; `<name> listening` unless given. */
  listeningMessage?: string;
}

/**
 * An adapter as a process of the service runtime: its schema migrated (the audit trail's, the
 * kit's and its own tables), pool, producer, TLS and policy opened; its app built; the change
 * feed and the audit relay started; HTTPS and gRPC (both mutual TLS) served; all of it drained on
 * SIGTERM. An adapter's main is `await runService(adapterService({ ... }))`.
 */
export function adapterService<C extends ProcessSettings, R>(
  options: AdapterServiceOptions<C, R>,
): ServiceDefinition<C, ServiceDeps, AdapterApp<R>> {
  return {
    name: options.name,
    readConfig: options.readConfig,
    deps: (config, context) =>
      openServiceDeps(config, context, {
        schema: options.schema(config),
        migrations: [ADAPTER_KIT_MIGRATIONS, ...(options.migrations ?? [])],
      }),
    buildApp: options.buildApp,
    workers: (app, config) => [adapterWorker(app, config)],
    listeningMessage: options.listeningMessage ?? `${options.name} listening`,
  };
}

/**
 * The adapter's background work as one worker: the audit relay, and the change feed when
 * CHANGE_FEED_INTERVAL_MS > 0; stopping it closes the app (feed stopped, audit settled and
 * relayed, breakers shut down).
 */
export function adapterWorker<R>(app: AdapterApp<R>, settings: { CHANGE_FEED_INTERVAL_MS: number }): Worker {
  return {
    name: 'change feed and audit relay',
    start: () => {
      if (settings.CHANGE_FEED_INTERVAL_MS > 0) app.changeFeed.start();
      app.relay.start();
    },
    stop: () => app.close(),
  };
}

/**
 * What an adapter's own tools need beside the service (a bulk sync CLI): the same dependencies
 * the runtime opens for `adapterService`, with `close` releasing them (producer, then pool).
 */
export async function createAdapterDeps(
  name: string,
  schema: string,
  settings: ProcessSettings,
  migrationsDir?: string,
): Promise<AdapterDeps & { close(): Promise<void> }> {
  const logger = createLogger({ name, level: settings.LOG_LEVEL });
  const closers: (() => Promise<void> | void)[] = [];
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const context: RuntimeContext = {
    name,
    logger,
    registry,
    onClose: (_step, close) => void closers.push(close),
    // A tool has no /ready to report to.
    readiness: () => undefined,
  };
  const deps = await openServiceDeps(settings, context, {
    schema,
    migrations: [ADAPTER_KIT_MIGRATIONS, ...(migrationsDir ? [migrationsDir] : [])],
  });
  return {
    ...deps,
    async close() {
      for (let close = closers.pop(); close; close = closers.pop()) await close();
    },
  };
}

export interface ServedAdapter {
  httpUrl: string;
  grpcAddress: string;
  /** Graceful, as the runtime stops: stop accepting, drain gRPC and HTTP, then close the app. */
  stop(): Promise<void>;
}

/**
 * Serves an app already built on dependencies the caller owns (a test's fresh topics and schema):
 * the runtime's start and stop, without its dependencies; the caller closes those.
 */
export async function serveAdapter<R>(
  app: AdapterApp<R>,
  settings: ProcessSettings,
  logger: Logger,
  registry: Registry,
): Promise<ServedAdapter> {
  const runtime = new ServiceRuntime(
    {
      name: app.adapter.id,
      readConfig: () => settings,
      deps: async () => ({ tls: app.tls }),
      buildApp: async () => app,
      workers: () => [adapterWorker(app, settings)],
    },
    { logger, registry },
  );
  await runtime.start();
  const health = runtime.health();
  return { httpUrl: health.http!, grpcAddress: health.grpc!, stop: () => runtime.stop() };
}

/** Runs `shutdown` once on the first SIGTERM or SIGINT, then exits (the runtime's stopOnSignals). */
export function onShutdown(logger: Logger, shutdown: () => Promise<void>): void {
  stopOnSignals(() => logger, shutdown);
}
