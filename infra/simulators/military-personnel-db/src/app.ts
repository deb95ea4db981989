import { MotlanError } from '@motlan/errors';
import type { HttpApp } from '@motlan/http';
import { buildSimulatorHttpApp, type SimulatorAppDeps } from '@motlan/simulator-kit';
import { Registry } from 'prom-client';
import { parseClients, TokenIssuer } from './auth/tokens.ts';
import { ChangeGenerator } from './change-generator.ts';
import type { Config } from './config.ts';
import { SimulatorErrors } from './errors.ts';
import { FaultInjector } from './faults.ts';
import { adminRoutes } from './http/admin.ts';
import { registerBearerGuard, registerFaultGuard } from './http/api-guard.ts';
import { changesRoutes } from './http/changes.ts';
import { personnelRoutes } from './http/personnel.ts';
import { sharedSchemas } from './http/schemas.ts';
import { subscriptionRoutes } from './http/subscription.ts';
import { tokenRoutes } from './http/token.ts';
import type { NotificationSubscriber, SubscriptionStatus } from './notifications/notification-subscriber.ts';
import { ChangesStore } from './store/changes-store.ts';
import { NotificationsStore } from './store/notifications-store.ts';
import { PersonnelStore } from './store/personnel-store.ts';

/**
 * pool, logger, registry, faults, changes; `now` is the clock for token expiry; `subscriber` the
 * fact-notification subscriber when one runs (main.ts, MPDB_NOTIFICATIONS_ADDRESS set).
 */
export type AppDeps = SimulatorAppDeps<ChangeGenerator> & { subscriber?: NotificationSubscriber };

/** The stored progress, as `GET /admin/subscription` shows it when no subscriber runs. */
async function storedStatus(store: NotificationsStore): Promise<SubscriptionStatus> {
  const progress = await store.latest();
  return {
    enabled: false,
    connected: false,
    purpose: progress?.purpose ?? null,
    subscriptionId: progress?.subscriptionId ?? null,
    cursor: progress?.cursor ?? null,
    appliedCount: progress?.appliedCount ?? 0,
    skippedCount: progress?.skippedCount ?? 0,
    lastAppliedAt: progress?.lastAppliedAt ?? null,
    lastError: null,
  };
}

/** Builds the simulator's HTTP app on an existing pool. Never listens (main.ts does; tests inject). */
export async function buildApp(
  config: Pick<Config, 'MPDB_CLIENTS' | 'MPDB_TOKEN_TTL_S' | 'MPDB_SEED'>,
  deps: AppDeps,
): Promise<HttpApp> {
  const clients = parseClients(config.MPDB_CLIENTS);
  if (!clients) {
    throw new MotlanError(
      SimulatorErrors.invalidClients,
      'MPDB_CLIENTS must look like clientId:secret[,clientId:secret]',
      { field: 'MPDB_CLIENTS' },
    );
  }
  const registry = deps.registry ?? new Registry();
  const now = deps.now ?? Date.now;
  const faults = deps.faults ?? new FaultInjector();
  const tokens = new TokenIssuer({ clients, ttlSeconds: config.MPDB_TOKEN_TTL_S, now });
  const personnel = new PersonnelStore(deps.pool);
  const changeStore = new ChangesStore(deps.pool);
  const changes =
    deps.changes ??
    new ChangeGenerator({
      personnel,
      changes: changeStore,
      seed: config.MPDB_SEED,
      logger: deps.logger,
      registry,
      now,
    });

  const app = await buildSimulatorHttpApp({
    pool: deps.pool,
    logger: deps.logger,
    registry,
    schemas: sharedSchemas,
    openapi: {
      title: 'CSDL ngành Quân lực — quản lý quân nhân (simulator)',
      version: '1.0.0',
      description:
        'A stand-in for the military personnel database: OAuth2 client-credentials token endpoint, bearer-protected REST API ' +
        'with Vietnamese field names (lookup by military person code or personal ID, paged export, change feed); ' +
        'plus /admin fault knobs that the real system does not have.',
    },
  });

  await app.register(async (upstream) => {
    registerFaultGuard(upstream, { faults, registry });
    await upstream.register(tokenRoutes, { tokens, registry });
    await upstream.register(async (api) => {
      registerBearerGuard(api, { tokens, registry });
      await api.register(personnelRoutes, { personnel, registry });
      await api.register(changesRoutes, { changes: changeStore });
    });
  });
  await app.register(adminRoutes, { faults, changes });
  const notifications = new NotificationsStore(deps.pool, changeStore);
  const subscriber = deps.subscriber;
  await app.register(subscriptionRoutes, {
    status: () => (subscriber ? subscriber.status() : storedStatus(notifications)),
  });
  return app;
}
