import { openSchema } from '@motlan/simulator-kit';
import { runService, worker } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { ChangeGenerator } from './change-generator.ts';
import { loadSimulatorConfig } from './config.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';
import { loadAdminUnits } from './reference/admin-unit-data.ts';
import { ChangesStore } from './store/changes-store.ts';
import { CitizensStore } from './store/citizens-store.ts';
import { seedInChildProcess } from './store/seed-process.ts';

/** loadConfig → migrate → seed if empty → buildApp → change generator → listen; SIGTERM/SIGINT → drain. */
await runService({
  name: 'sim-national-population-db',
  readConfig: loadSimulatorConfig,
  async deps(config, { logger, registry, onClose }) {
    const pool = await openSchema({
      url: config.DATABASE_URL,
      schema: config.NPDB_SCHEMA,
      migrationsDir: MIGRATIONS_DIR,
      max: config.DATABASE_POOL_SIZE,
      applicationName: 'sim-national-population-db',
      logger,
    });
    onClose('pool', () => pool.end());
    const citizens = new CitizensStore(pool);
    if (config.NPDB_SEED_PEOPLE > 0 && (await citizens.isEmpty())) {
      logger.info({ people: config.NPDB_SEED_PEOPLE, seed: config.NPDB_SEED }, 'seeding the population');
      const started = performance.now();
      await seedInChildProcess({
        url: config.DATABASE_URL,
        schema: config.NPDB_SCHEMA,
        people: config.NPDB_SEED_PEOPLE,
        seed: config.NPDB_SEED,
      });
      logger.info({ ms: Math.round(performance.now() - started) }, 'population seeded');
    }
    const changes = new ChangeGenerator({
      citizens,
      changes: new ChangesStore(pool),
      adminUnits: loadAdminUnits,
      seed: config.NPDB_SEED,
      logger,
      registry,
    });
    return { pool, logger, registry, changes };
  },
  buildApp: async (config, deps) => ({ http: await buildApp(config, deps) }),
  workers: (_app, config, { changes }) => [
    worker('change generator', {
      start: () => changes.start(config.NPDB_CHANGE_INTERVAL_MS),
      stop: () => changes.stop(),
    }),
  ],
  listen: (config) => ({ http: { host: config.HTTP_HOST, port: config.NPDB_HTTP_PORT } }),
  listeningMessage: 'national population database simulator listening',
});
