/** `notify`'s own settings (bench/README.md, "Settings"), over the harness's; `--seconds` / `--rate` set the first two. */
import { Type } from '@motlan/config';
import { type SettingsOf } from '../lib/harness.ts';

export const NotifyEnv = {
  /** Measured window of each drive (the target says 60 s). */
  BENCH_SECONDS: Type.Number({ default: 60, exclusiveMinimum: 0 }),
  /** Population changes (and raw messages) per second (the target says 1,000). */
  BENCH_NOTIFY_RATE: Type.Number({ default: 1_000, exclusiveMinimum: 0 }),
  BENCH_NOTIFY_WARMUP_SECONDS: Type.Number({ default: 5, minimum: 0 }),
  /** Citizens seeded and moved round robin (each move a new version of one of their records). */
  BENCH_NOTIFY_CITIZENS: Type.Integer({ default: 10_000, minimum: 1, maximum: 1_000_000 }),
  /** Changes published and not yet acknowledged at most; beyond, due ones are skipped (counted). */
  BENCH_NOTIFY_MAX_IN_FLIGHT: Type.Integer({ default: 2_000, minimum: 1 }),
  /** After a drive, wait this long for changes not yet delivered before counting them missing. */
  BENCH_NOTIFY_GRACE_SECONDS: Type.Number({ default: 30, minimum: 0 }),
  /** The subscriber's (and the baseline consumer's) fetch wait, as @motlan/kafka's consumers. */
  BENCH_NOTIFY_CONSUMER_MAX_WAIT_MS: Type.Integer({ default: 500, minimum: 0 }),
  /** Partitions the subscriber (and the baseline consumer) handles at once. */
  BENCH_NOTIFY_CONSUMER_CONCURRENCY: Type.Integer({ default: 1, minimum: 1, maximum: 64 }),
  /** The registry's CONSUMER_CONCURRENCY. */
  BENCH_REGISTRY_CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** Wait for the registry's citizen.facts.v1 group to have no lag (after seeding, after the drive). */
  BENCH_DRAIN_TIMEOUT_SECONDS: Type.Integer({ default: 120, minimum: 1 }),
  /** Writes a V8 CPU profile of the registry into the run's log folder. */
  BENCH_NOTIFY_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type NotifySettings = SettingsOf<typeof NotifyEnv>;

/** The command-line options `pnpm bench notify` takes, and the setting each one sets. */
export const NotifyOptions = {
  '--seconds': 'BENCH_SECONDS',
  '--rate': 'BENCH_NOTIFY_RATE',
} as const;
