/** `discrepancies`' own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { type SettingsOf } from '../lib/harness.ts';

export const DiscrepanciesEnv = {
  /** Citizens seeded into the population simulator; the military simulator seeds its men of 18–45 from them (about 18 %). */
  BENCH_DISCREPANCIES_PEOPLE: Type.Integer({ default: 100_000, minimum: 1 }),
  /** Partitions the registry applies at once (CONSUMER_CONCURRENCY), both runs. */
  BENCH_DISC_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** Each of: seeding, a sync, an apply run. */
  BENCH_DISC_STEP_TIMEOUT_SECONDS: Type.Integer({ default: 3_600, minimum: 1 }),
};
export type DiscrepanciesSettings = SettingsOf<typeof DiscrepanciesEnv>;
