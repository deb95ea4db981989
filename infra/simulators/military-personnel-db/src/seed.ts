import { isMotlanError } from '@motlan/errors';
import { integerArg, openSchema, parseSeedArgs, runSeedCli } from '@motlan/simulator-kit';
import { progressDisplay } from '@motlan/progress';
import { loadSimulatorConfig } from './config.ts';
import { SimulatorErrors } from './errors.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';
import { PersonnelStore } from './store/personnel-store.ts';
import { resetPersonnel, seedPersonnel } from './store/seed-personnel.ts';

const HELP = `Fill the military personnel database simulator's schema from the population simulator's citizens.

Usage: pnpm --filter @motlan/sim-military-personnel-db seed [options]

Options:
  --seed N                  RNG seed; the same seed and population give the same registry (default: MPDB_SEED, 42)
  --schema NAME             this simulator's schema (default: MPDB_SCHEMA, mpdb)
  --population-schema NAME  the population simulator's schema to read citizens from (default: NPDB_SCHEMA, npdb)
  --reset                   empty the schema's personnel, seeded truth and change feed first
  --if-empty                do nothing (and succeed) when the schema already holds personnel
  --help                    this text

The database is DATABASE_URL (default postgres://motlan@127.0.0.1:54329/motlan); both schemas live
in it. The schema is migrated first. Seeding refuses a schema that already holds personnel unless
--reset is given, and a population schema without citizens. Progress goes to stderr.
`;

async function run(): Promise<void> {
  const values = parseSeedArgs(process.argv.slice(2), { 'population-schema': { type: 'string' } });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const config = loadSimulatorConfig({
    ...process.env,
    ...(values.schema === undefined ? {} : { MPDB_SCHEMA: values.schema }),
    ...(values['population-schema'] === undefined ? {} : { NPDB_SCHEMA: values['population-schema'] }),
  });
  const seed = integerArg('seed', values.seed, config.MPDB_SEED, { signed: true });

  const pool = await openSchema({
    url: config.DATABASE_URL,
    schema: config.MPDB_SCHEMA,
    migrationsDir: MIGRATIONS_DIR,
    max: 2,
    applicationName: 'sim-military-personnel-db-seed',
  });
  try {
    if (values.reset) await resetPersonnel(pool);
    if (values['if-empty'] && !(await new PersonnelStore(pool).isEmpty())) {
      process.stderr.write(`schema ${config.MPDB_SCHEMA} already holds personnel; not seeding\n`);
      return;
    }
    const progress = progressDisplay(`seeding ${config.MPDB_SCHEMA} from ${config.NPDB_SCHEMA}`, 'citizens');
    const result = await seedPersonnel({
      pool,
      populationSchema: config.NPDB_SCHEMA,
      seed,
      onProgress: (read, total, written) =>
        progress.update({ done: read, total, detail: `${written} records` }),
    })
      .catch((error: unknown) => {
        // Another seeder filled the schema between the check above and our lock: nothing to do.
        if (values['if-empty'] && isMotlanError(error) && error.code === SimulatorErrors.notEmpty.code)
          return undefined;
        throw error;
      })
      .finally(() => progress.stop());
    if (!result) return;
    const { altered } = result;
    process.stderr.write(
      `seeded ${result.personnel} records from ${result.citizensRead} men aged 18-45 into schema ${config.MPDB_SCHEMA} ` +
        `in ${(result.ms / 1000).toFixed(1)} s; on purpose: ${altered.name_typo} name typos, ${altered.old_name} old names, ` +
        `${altered.wrong_birth_day} wrong birth days, ${altered.malformed} malformed records (table seeded_truth)\n`,
    );
  } finally {
    await pool.end();
  }
}

runSeedCli(run, SimulatorErrors.notEmpty);
