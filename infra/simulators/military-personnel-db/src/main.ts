import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from '@motlan/db';
import { loadTlsMaterial } from '@motlan/access';
import { openSchema } from '@motlan/simulator-kit';
import { runService, worker } from '@motlan/service-runtime';
import { MotlanError } from '@motlan/errors';
import type { Logger } from '@motlan/logger';
import type { Registry } from 'prom-client';
import { progressDisplay } from '@motlan/progress';
import { buildApp } from './app.ts';
import { ChangeGenerator } from './change-generator.ts';
import { loadSimulatorConfig, type Config } from './config.ts';
import { SimulatorErrors } from './errors.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';
import { factSubscriptionsClient } from './notifications/fact-subscriptions-client.ts';
import { NotificationSubscriber } from './notifications/notification-subscriber.ts';
import { ChangesStore } from './store/changes-store.ts';
import { NotificationsStore } from './store/notifications-store.ts';
import { PersonnelStore } from './store/personnel-store.ts';
import { populationReady, seedPersonnel } from './store/seed-personnel.ts';

/** The population simulator may still be seeding when this one starts: wait for its citizens. */
async function waitForPopulation(pool: Pool, config: Config, logger: Logger): Promise<void> {
  const deadline = Date.now() + config.MPDB_POPULATION_WAIT_MS;
  let told = false;
  while (!(await populationReady(pool, config.NPDB_SCHEMA))) {
    if (Date.now() >= deadline) {
      throw new MotlanError(
        SimulatorErrors.populationMissing,
        `Schema ${config.NPDB_SCHEMA} held no citizens within ${config.MPDB_POPULATION_WAIT_MS} ms; start the population simulator first`,
        { field: 'NPDB_SCHEMA' },
      );
    }
    if (!told) logger.info({ populationSchema: config.NPDB_SCHEMA }, 'waiting for the population simulator');
    told = true;
    await sleep(1_000);
  }
}

/** Seeds the personnel registry from the population simulator's citizens (waiting for them first). */
async function seedFromPopulation(pool: Pool, config: Config, logger: Logger): Promise<void> {
  await waitForPopulation(pool, config, logger);
  logger.info(
    { populationSchema: config.NPDB_SCHEMA, seed: config.MPDB_SEED },
    'seeding the personnel registry',
  );
  const progress = progressDisplay(`seeding ${config.MPDB_SCHEMA}`, 'citizens');
  const result = await seedPersonnel({
    pool,
    populationSchema: config.NPDB_SCHEMA,
    seed: config.MPDB_SEED,
    onProgress: (read, total, written) =>
      progress.update({ done: read, total, detail: `${written} records` }),
  })
    .catch((error: unknown) => {
      // Another instance seeded it meanwhile: serve what it wrote.
      if (error instanceof MotlanError && error.code === SimulatorErrors.notEmpty.code) return undefined;
      throw error;
    })
    .finally(() => progress.stop());
  if (result) {
    logger.info(
      { personnel: result.personnel, altered: result.altered, ms: Math.round(result.ms) },
      'personnel registry seeded',
    );
  }
}

/**
 * The fact-notification subscriber when MPDB_NOTIFICATIONS_ADDRESS names the registry; its
 * certificate is read now, so a missing one fails the start rather than every reconnection.
 */
function notificationSubscriber(
  config: Config,
  pool: Pool,
  changes: ChangesStore,
  deps: { logger: Logger; registry: Registry },
): NotificationSubscriber | undefined {
  if (config.MPDB_NOTIFICATIONS_ADDRESS === '') return undefined;
  return new NotificationSubscriber({
    api: factSubscriptionsClient({
      address: config.MPDB_NOTIFICATIONS_ADDRESS,
      tls: loadTlsMaterial(config.MTLS_CERT_DIR, config.MPDB_NOTIFICATIONS_IDENTITY),
    }),
    store: new NotificationsStore(pool, changes),
    purpose: config.MPDB_NOTIFICATIONS_PURPOSE,
    logger: deps.logger.child({ component: 'notifications' }),
    registry: deps.registry,
  });
}

/**
 * loadConfig → migrate → seed from the population if empty → buildApp → change generator and,
 * when configured, the fact-notification subscriber → listen; SIGTERM/SIGINT → drain.
 */
await runService({
  name: 'sim-military-personnel-db',
  readConfig: loadSimulatorConfig,
  async deps(config, { logger, registry, onClose }) {
    const pool = await openSchema({
      url: config.DATABASE_URL,
      schema: config.MPDB_SCHEMA,
      migrationsDir: MIGRATIONS_DIR,
      max: config.DATABASE_POOL_SIZE,
      applicationName: 'sim-military-personnel-db',
      logger,
    });
    onClose('pool', () => pool.end());
    const personnel = new PersonnelStore(pool);
    if (config.MPDB_SEED_IF_EMPTY && (await personnel.isEmpty()))
      await seedFromPopulation(pool, config, logger);
    const changeStore = new ChangesStore(pool);
    const changes = new ChangeGenerator({
      personnel,
      changes: changeStore,
      seed: config.MPDB_SEED,
      logger,
      registry,
    });
    const subscriber = notificationSubscriber(config, pool, changeStore, { logger, registry });
    return { pool, logger, registry, changes, ...(subscriber ? { subscriber } : {}) };
  },
  buildApp: async (config, deps) => ({ http: await buildApp(config, deps) }),
  workers: (_app, config, { changes, subscriber }) => [
    worker('change generator', {
      start: () => changes.start(config.MPDB_CHANGE_INTERVAL_MS),
      stop: () => changes.stop(),
    }),
    ...(subscriber ? [worker('fact notifications', subscriber)] : []),
  ],
  listen: (config) => ({ http: { host: config.HTTP_HOST, port: config.MPDB_HTTP_PORT } }),
  listeningMessage: 'military personnel database simulator listening',
});
