/** `sync`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { type SettingsOf } from '../lib/harness.ts';

export const SyncEnv = {
  BENCH_SYNC_PEOPLE: Type.Integer({ default: 1_000_000, minimum: 1 }),
  /** Citizens per export page (the CLI's --page-size; 2,000 is its own default). */
  BENCH_SYNC_PAGE_SIZE: Type.Integer({ default: 2_000, minimum: 1, maximum: 5_000 }),
  BENCH_SYNC_IN_FLIGHT: Type.Integer({ default: 4, minimum: 1 }),
  BENCH_SYNC_BASELINE_MESSAGES: Type.Integer({ default: 2_000_000, minimum: 1 }),
  /**
   * Messages per send of the raw produce: 1,000, as @motlan/kafka's event producer splits a
   * publish (a page's facts) into sends of at most 1,000, so each partition's record batch stays
   * under the broker's 1 MB limit. 0: one page's facts per send, as the sync published before that.
   */
  BENCH_SYNC_BASELINE_BATCH: Type.Integer({ default: 1_000, minimum: 0 }),
  /** Writes a V8 CPU profile of the sync CLI into the run's log folder. */
  BENCH_SYNC_CPU_PROFILE: Type.Boolean({ default: false }),
  BENCH_SYNC_TIMEOUT_SECONDS: Type.Integer({ default: 3_600, minimum: 1 }),
  BENCH_SEED_TIMEOUT_SECONDS: Type.Integer({ default: 3_600, minimum: 1 }),
};
export type SyncSettings = SettingsOf<typeof SyncEnv>;
