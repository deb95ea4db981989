import { MotlanError } from '@motlan/errors';
import type { HttpApp } from '@motlan/http';
import { buildSimulatorHttpApp, type SimulatorAppDeps } from '@motlan/simulator-kit';
import { Registry } from 'prom-client';
import { parseApiKeys } from './auth/signature.ts';
import { ChangeGenerator } from './change-generator.ts';
import type { Config } from './config.ts';
import { SimulatorErrors } from './errors.ts';
import { FaultInjector } from './faults.ts';
import { adminRoutes } from './http/admin.ts';
import { registerApiGuard } from './http/api-guard.ts';
import { changesRoutes } from './http/changes.ts';
import { citizensRoutes } from './http/citizens.ts';
import { sharedSchemas } from './http/schemas.ts';
import { loadAdminUnits } from './reference/admin-unit-data.ts';
import { ChangesStore } from './store/changes-store.ts';
import { CitizensStore } from './store/citizens-store.ts';

/** pool, logger, registry, faults, changes; `now` is the clock for signature freshness. */
export type AppDeps = SimulatorAppDeps<ChangeGenerator>;

/** Builds the simulator's HTTP app on an existing pool. Never listens (main.ts does; tests inject). */
export async function buildApp(
  config: Pick<Config, 'NPDB_API_KEYS' | 'NPDB_SEED'>,
  deps: AppDeps,
): Promise<HttpApp> {
  const apiKeys = parseApiKeys(config.NPDB_API_KEYS);
  if (!apiKeys) {
    throw new MotlanError(
      SimulatorErrors.invalidApiKeys,
      'NPDB_API_KEYS must look like keyId:secret[,keyId:secret]',
      {
        field: 'NPDB_API_KEYS',
      },
    );
  }
  const registry = deps.registry ?? new Registry();
  const now = deps.now ?? Date.now;
  const faults = deps.faults ?? new FaultInjector();
  const citizens = new CitizensStore(deps.pool);
  const changeStore = new ChangesStore(deps.pool);
  const changes =
    deps.changes ??
    new ChangeGenerator({
      citizens,
      changes: changeStore,
      adminUnits: loadAdminUnits,
      seed: config.NPDB_SEED,
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
      title: 'CSDL quốc gia về dân cư (simulator)',
      version: '1.0.0',
      description:
        'A stand-in for the national population database: signed REST API with Vietnamese field names, ' +
        'service 037 lookups, full export, change feed; plus /admin fault knobs that the real system does not have.',
    },
    // The upstream we do not own keeps what it is given, messy text included: the mesh's own
    // edges and the adapter's mapping are what must cope with it.
    textGate: false,
  });

  await app.register(async (api) => {
    registerApiGuard(api, { apiKeys, faults, registry, now });
    await api.register(citizensRoutes, { citizens, registry });
    await api.register(changesRoutes, { changes: changeStore });
  });
  await app.register(adminRoutes, { faults, changes });
  return app;
}
