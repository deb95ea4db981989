/**
 * What `military` measures, started on the mesh: a fresh population schema seeded with the
 * population simulator's CLI, the military personnel simulator on a fresh schema of its own
 * (seeding itself from that population at start, `MPDB_SEED` 42, change feed off), the military
 * adapter on a fresh schema, free ports; and the planned verifications read from what was seeded.
 */
import { join } from 'node:path';
import type { Cleanup } from '../lib/cleanup.ts';
import type { BenchContext } from '../lib/harness.ts';
import { benchMesh, type RunningService } from '../lib/mesh.ts';
import { seededPersonnel } from '../lib/mpdb.ts';
import { seedSimulator, type SeedResult } from '../lib/npdb.ts';
import { formatCount } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { MISMATCH_EVERY, spreadSample } from '../lib/verifications.ts';
import { memberVerificationsFor, type PlannedMember } from './requests.ts';
import type { MilitarySettings } from './settings.ts';

export interface MilitaryMesh {
  seed: SeedResult;
  /** Well-formed personnel records the simulator seeded (the sample is drawn from these). */
  personnel: number;
  plan: PlannedMember[];
  simulator: RunningService;
  adapter: RunningService;
}

export async function startMilitaryMesh(
  { settings, logDir }: BenchContext<MilitarySettings>,
  cleanup: Cleanup,
): Promise<MilitaryMesh> {
  const npdbSchema = freshSchemaName('bench_military_npdb');
  const mpdbSchema = freshSchemaName('bench_military_mpdb');
  const adapterSchema = freshSchemaName('bench_military_adapter');
  cleanup.defer('drop schemas', () =>
    dropSchemas(settings.DATABASE_URL, [npdbSchema, mpdbSchema, adapterSchema]),
  );

  console.log(
    `military: seeding ${formatCount(settings.BENCH_MILITARY_PEOPLE)} people into ${npdbSchema} ...`,
  );
  const seed = await seedSimulator({
    databaseUrl: settings.DATABASE_URL,
    schema: npdbSchema,
    people: settings.BENCH_MILITARY_PEOPLE,
    timeoutMs: 600_000,
    logFile: join(logDir, 'seed.log'),
  });

  // Long runs must not outlive the adapter's freshness window, or the load would turn cold.
  const phaseSeconds = settings.BENCH_WARMUP_SECONDS + settings.BENCH_SECONDS;
  const freshForMs = Math.max(300_000, (2 * phaseSeconds + 300) * 1000);
  const mesh = await benchMesh({
    databaseUrl: settings.DATABASE_URL,
    kafkaBrokers: settings.KAFKA_BROKERS,
    schemas: {
      'national-population-db': npdbSchema,
      'military-personnel-db': mpdbSchema,
      'military-personnel-adapter': adapterSchema,
    },
    extraEnv: { 'military-personnel-adapter': { SNAPSHOT_FRESH_FOR_MS: String(freshForMs) } },
  });
  console.log(
    `military: starting the military personnel simulator (seeds ${mpdbSchema} from ${npdbSchema}) ...`,
  );
  const simulator = await mesh.start('military-personnel-db', { logFile: join(logDir, 'simulator.log') });
  cleanup.defer('stop simulator', () => simulator.process.stop());
  const personnel = await seededPersonnel(settings.DATABASE_URL, mpdbSchema);
  const plan = spreadSample(personnel, settings.BENCH_MILITARY_MEMBERS).map((record, index) =>
    memberVerificationsFor(record, index % MISMATCH_EVERY === MISMATCH_EVERY - 1),
  );
  const adapter = await mesh.start('military-personnel-adapter', {
    logFile: join(logDir, 'adapter.log'),
    ...(settings.BENCH_MILITARY_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
  });
  cleanup.defer('stop adapter', () => adapter.process.stop());
  return { seed, personnel: personnel.length, plan, simulator, adapter };
}
