/** `dossiers`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { type SettingsOf } from '../lib/harness.ts';

export const DossierEnv = {
  BENCH_SECONDS: Type.Number({ default: 20, exclusiveMinimum: 0 }),
  BENCH_WARMUP_SECONDS: Type.Number({ default: 5, minimum: 0 }),
  /** Citizens in the simulated population database (all synced into the registry). */
  BENCH_DOSSIER_PEOPLE: Type.Integer({ default: 20_000, minimum: 100 }),
  /** Citizens the submissions cycle through. */
  BENCH_DOSSIER_CITIZENS: Type.Integer({ default: 2_000, minimum: 1 }),
  /** Submissions in flight in the closed-loop phases (and connections of the load generator). */
  BENCH_DOSSIER_CONCURRENCY: Type.Integer({ default: 32, minimum: 1, maximum: 1_024 }),
  /** Rate of the open-loop phase: the target throughput, where p99 is judged. */
  BENCH_DOSSIER_RATE: Type.Number({ default: 500, exclusiveMinimum: 0 }),
  /** A second open loop at a rate the mesh sustains (0: none): the latency of a dossier when not queued. */
  BENCH_DOSSIER_LIGHT_RATE: Type.Number({ default: 200, minimum: 0 }),
  /** Most submissions open at once in the open-loop phase; a due one beyond it is skipped and counted. */
  BENCH_DOSSIER_MAX_IN_FLIGHT: Type.Integer({ default: 256, minimum: 1 }),
  /** Writes a V8 CPU profile of the one-stop shop into the run's log folder. */
  BENCH_DOSSIER_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type DossierSettings = SettingsOf<typeof DossierEnv>;
