import { isMotlanError } from '@motlan/errors';
import { integerArg, openSchema, parseSeedArgs, runSeedCli } from '@motlan/simulator-kit';
import { loadSimulatorConfig } from './config.ts';
import { SimulatorErrors } from './errors.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';
import { createProgress } from './progress.ts';
import { loadAdminUnits } from './reference/admin-unit-data.ts';
import { CitizensStore } from './store/citizens-store.ts';
import { resetPopulation, seedPopulation } from './store/seed-population.ts';

const HELP = `Fill the national population database simulator's schema with a synthetic population.

Usage: pnpm --filter @motlan/sim-national-population-db seed [options]

Options:
  --people N     how many people (default: NPDB_SEED_PEOPLE, 10000)
  --seed N       RNG seed; the same seed and count give the same people (default: NPDB_SEED, 42)
  --schema NAME  PostgreSQL schema (default: NPDB_SCHEMA, npdb)
  --reset        empty the schema's citizens, households and change feed first
  --if-empty     do nothing (and succeed) when the schema already holds citizens
  --help         this text

The database is DATABASE_URL (default postgres://motlan@127.0.0.1:54329/motlan). The schema is
migrated first. Seeding refuses a schema that already holds citizens unless --reset is given.
Progress (count, rate, ETA) goes to stderr.
`;

async function run(): Promise<void> {
  const values = parseSeedArgs(process.argv.slice(2), { people: { type: 'string' } });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const config = loadSimulatorConfig({
    ...process.env,
    ...(values.schema === undefined ? {} : { NPDB_SCHEMA: values.schema }),
  });
  const people = integerArg('people', values.people, config.NPDB_SEED_PEOPLE);
  const seed = integerArg('seed', values.seed, config.NPDB_SEED);

  const pool = await openSchema({
    url: config.DATABASE_URL,
    schema: config.NPDB_SCHEMA,
    migrationsDir: MIGRATIONS_DIR,
    max: 2,
    applicationName: 'sim-national-population-db-seed',
  });
  try {
    if (values.reset) await resetPopulation(pool);
    if (values['if-empty'] && !(await new CitizensStore(pool).isEmpty())) {
      process.stderr.write(`schema ${config.NPDB_SCHEMA} already holds citizens; not seeding\n`);
      return;
    }
    const adminUnits = loadAdminUnits();
    const progress = createProgress({ label: `seeding ${config.NPDB_SCHEMA}:`, total: people });
    const result = await seedPopulation({
      pool,
      people,
      seed,
      adminUnits,
      onProgress: (written) => progress.update(written),
    }).catch((error: unknown) => {
      // Another seeder filled the schema between the check above and our lock: nothing to do.
      if (values['if-empty'] && isMotlanError(error) && error.code === SimulatorErrors.notEmpty.code)
        return undefined;
      throw error;
    });
    if (!result) return;
    progress.finish(result.people);
    const seconds = result.ms / 1000;
    process.stderr.write(
      `seeded ${result.people} people in ${result.households} households into schema ${config.NPDB_SCHEMA} ` +
        `in ${seconds.toFixed(1)} s (${Math.round(result.people / seconds)} people/s)\n`,
    );
  } finally {
    await pool.end();
  }
}

runSeedCli(run, SimulatorErrors.notEmpty);
