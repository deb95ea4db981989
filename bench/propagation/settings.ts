/** `propagation`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { type SettingsOf } from '../lib/harness.ts';

export const PropagationEnv = {
  /** Measured window of each drive (the target says 60 s). */
  BENCH_SECONDS: Type.Number({ default: 60, exclusiveMinimum: 0 }),
  BENCH_PROPAGATION_WARMUP_SECONDS: Type.Number({ default: 5, minimum: 0 }),
  BENCH_PROPAGATION_RATE: Type.Number({ default: 1_000, exclusiveMinimum: 0 }),
  BENCH_PROPAGATION_SAMPLE_EVERY: Type.Integer({ default: 10, minimum: 1 }),
  BENCH_PROPAGATION_POLL_MS: Type.Number({ default: 10, minimum: 0 }),
  BENCH_PROPAGATION_POLL_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1 }),
  /** Poll every BENCH_PROPAGATION_POLL_MS for this long after the response, then back off (×1.5). */
  BENCH_PROPAGATION_STEADY_POLL_MS: Type.Integer({ default: 250, minimum: 0 }),
  BENCH_PROPAGATION_MAX_POLL_INTERVAL_MS: Type.Integer({ default: 500, minimum: 1 }),
  BENCH_PROPAGATION_MAX_FOLLOWING: Type.Integer({ default: 200, minimum: 1 }),
  BENCH_PROPAGATION_MAX_IN_FLIGHT: Type.Integer({ default: 1_000, minimum: 1 }),
  /**
   * `fresh`: the registry gets topics of its own (KAFKA_TOPIC_PREFIX); `shared`: it reads the shared
   * citizen.facts.v1 / access.audit.v1 with fresh groups at their end; `auto`: fresh when it can.
   */
  BENCH_REGISTRY_TOPICS: Type.String({ default: 'auto', pattern: '^(auto|fresh|shared)$' }),
  BENCH_REGISTRY_CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** The registry's DATABASE_POOL_SIZE; 0 keeps the service's default. */
  BENCH_REGISTRY_POOL_SIZE: Type.Integer({ default: 0, minimum: 0, maximum: 200 }),
  BENCH_DRAIN_TIMEOUT_SECONDS: Type.Integer({ default: 120, minimum: 1 }),
  /** Writes a V8 CPU profile of the registry into the run's log folder. */
  BENCH_PROPAGATION_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type PropagationSettings = SettingsOf<typeof PropagationEnv>;
