/** `military`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { BaselineEnv } from '../baseline/index.ts';
import type { SettingsOf } from '../lib/harness.ts';

export const MilitaryEnv = {
  BENCH_GRPC_CONCURRENCY: BaselineEnv.BENCH_GRPC_CONCURRENCY,
  /** Citizens seeded into the population simulator; the military simulator seeds its men of 18–45 (about 18 %). */
  BENCH_MILITARY_PEOPLE: Type.Integer({ default: 20_000, minimum: 1 }),
  /** Personnel records looked up (each by personal ID and by military person code). */
  BENCH_MILITARY_MEMBERS: Type.Integer({ default: 2_000, minimum: 1 }),
  BENCH_MILITARY_WARM_CONCURRENCY: Type.Integer({ default: 16, minimum: 1 }),
  /** Writes a V8 CPU profile of the adapter (start to stop) into the run's log folder. */
  BENCH_MILITARY_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type MilitarySettings = SettingsOf<typeof MilitaryEnv>;
