import { closeOnSignals, openSchema, runMain } from '@motlan/simulator-kit';
import { createLogger } from '@motlan/logger';
import { Registry } from 'prom-client';
import { buildApp } from './app.ts';
import { ChangeGenerator } from './change-generator.ts';
import { loadSimulatorConfig } from './config.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';
import { loadAdminUnits } from './reference/admin-unit-data.ts';
import { ChangesStore } from './store/changes-store.ts';
import { CitizensStore } from './store/citizens-store.ts';
import { seedInChildProcess } from './store/seed-process.ts';

/** loadConfig → migrate → seed if empty → buildApp → listen; change generator; SIGTERM/SIGINT → close. */
async function main(): Promise<void> {
  const config = loadSimulatorConfig();
  const logger = createLogger({ name: 'sim-national-population-db', level: config.LOG_LEVEL });
  const pool = await openSchema({
    url: config.DATABASE_URL,
    schema: config.NPDB_SCHEMA,
    migrationsDir: MIGRATIONS_DIR,
    max: config.DATABASE_POOL_SIZE,
    applicationName: 'sim-national-population-db',
    logger,
  });
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

  const registry = new Registry();
  const changes = new ChangeGenerator({
    citizens,
    changes: new ChangesStore(pool),
    adminUnits: loadAdminUnits,
    seed: config.NPDB_SEED,
    logger,
    registry,
  });
  const app = await buildApp(config, { pool, logger, registry, changes });
  const address = await app.listen({ host: config.HTTP_HOST, port: config.NPDB_HTTP_PORT });
  logger.info(
    { url: address, docs: `${address}/docs`, schema: config.NPDB_SCHEMA },
    'national population database simulator listening',
  );
  changes.start(config.NPDB_CHANGE_INTERVAL_MS);

  closeOnSignals(logger, async () => {
    await changes.stop();
    await app.close();
    await pool.end();
  });
}

runMain(main);
