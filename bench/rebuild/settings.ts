/** `rebuild`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { type SettingsOf } from '../lib/harness.ts';

export const RebuildEnv = {
  /** Publish synthetic valid facts until citizen.facts.v1 holds at least this many. */
  BENCH_REBUILD_MIN_FACTS: Type.Integer({ default: 200_000, minimum: 1 }),
  /** Stop the rebuild after this and report how far it got (the topic only grows). */
  BENCH_REBUILD_TIMEOUT_SECONDS: Type.Integer({ default: 1_800, minimum: 1 }),
  BENCH_REBUILD_CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** COPY as many rows as the rebuild replayed, but at most this many (rows/s barely depends on it). */
  BENCH_REBUILD_COPY_MAX_ROWS: Type.Integer({ default: 2_000_000, minimum: 1 }),
  /** Rows of the one-row-per-transaction INSERT baseline (0 skips it). */
  BENCH_REBUILD_TX_ROWS: Type.Integer({ default: 50_000, minimum: 0 }),
  /** Messages of the raw read of citizen.facts.v1 (at most those replayed; 0 skips it). */
  BENCH_REBUILD_READ_MAX_MESSAGES: Type.Integer({ default: 2_000_000, minimum: 0 }),
  /** Writes a V8 CPU profile of the rebuild CLI into the run's log folder. */
  BENCH_REBUILD_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type RebuildSettings = SettingsOf<typeof RebuildEnv>;
