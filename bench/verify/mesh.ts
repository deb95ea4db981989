/**
 * What `verify` measures, started on the mesh: a fresh simulator schema seeded with the seeding
 * CLI, the simulator (change feed off) and the population adapter on fresh schemas and free ports,
 * and the planned verifications read from what was seeded.
 */
import { join } from 'node:path';
import type { Cleanup } from '../lib/cleanup.ts';
import type { BenchContext } from '../lib/harness.ts';
import { seedSimulator, seededCitizens, type SeedResult } from '../lib/npdb.ts';
import { benchMesh, type RunningService } from '../lib/mesh.ts';
import { formatCount } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import type { VerifySettings } from './settings.ts';
import { MISMATCH_EVERY, spreadSample, type PlannedVerification } from '../lib/verifications.ts';
import { verificationFor, type VerifyRequest } from './requests.ts';

export interface VerifyMesh {
  seed: SeedResult;
  population: number;
  plan: PlannedVerification<VerifyRequest>[];
  simulator: RunningService;
  adapter: RunningService;
}

export async function startVerifyMesh(
  { settings, logDir }: BenchContext<VerifySettings>,
  cleanup: Cleanup,
): Promise<VerifyMesh> {
  const npdbSchema = freshSchemaName('bench_verify_npdb');
  const adapterSchema = freshSchemaName('bench_verify_adapter');
  cleanup.defer('drop schemas', () => dropSchemas(settings.DATABASE_URL, [npdbSchema, adapterSchema]));

  console.log(`verify: seeding ${formatCount(settings.BENCH_VERIFY_PEOPLE)} people into ${npdbSchema} ...`);
  const seed = await seedSimulator({
    databaseUrl: settings.DATABASE_URL,
    schema: npdbSchema,
    people: settings.BENCH_VERIFY_PEOPLE,
    timeoutMs: 600_000,
    logFile: join(logDir, 'seed.log'),
  });
  const population = await seededCitizens(settings.DATABASE_URL, npdbSchema);
  const plan = spreadSample(population, settings.BENCH_VERIFY_CITIZENS).map((citizen, index) =>
    verificationFor(citizen, index % MISMATCH_EVERY === MISMATCH_EVERY - 1),
  );

  // Long runs must not outlive the adapter's freshness window, or the load would turn cold.
  const freshForMs = Math.max(300_000, (settings.BENCH_WARMUP_SECONDS + settings.BENCH_SECONDS + 300) * 1000);
  const mesh = await benchMesh({
    databaseUrl: settings.DATABASE_URL,
    kafkaBrokers: settings.KAFKA_BROKERS,
    schemas: { 'national-population-db': npdbSchema, 'population-adapter': adapterSchema },
    extraEnv: { 'population-adapter': { SNAPSHOT_FRESH_FOR_MS: String(freshForMs) } },
  });
  const simulator = await mesh.start('national-population-db', { logFile: join(logDir, 'simulator.log') });
  cleanup.defer('stop simulator', () => simulator.process.stop());
  const adapter = await mesh.start('population-adapter', {
    logFile: join(logDir, 'adapter.log'),
    ...(settings.BENCH_VERIFY_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
  });
  cleanup.defer('stop adapter', () => adapter.process.stop());
  return { seed, population: population.length, plan, simulator, adapter };
}
