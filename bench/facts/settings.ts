/** `facts`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { BaselineEnv } from '../baseline/index.ts';
import { type SettingsOf } from '../lib/harness.ts';

export const FactsEnv = {
  BENCH_GRPC_CONCURRENCY: BaselineEnv.BENCH_GRPC_CONCURRENCY,
  BENCH_FACTS_CITIZENS: Type.Integer({ default: 2_000, minimum: 1, maximum: 1_000_000 }),
  BENCH_REGISTRY_CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** The registry's DATABASE_POOL_SIZE; 0 keeps the service's default. */
  BENCH_REGISTRY_POOL_SIZE: Type.Integer({ default: 0, minimum: 0, maximum: 200 }),
  /**
   * `fresh`: the registry gets topics of its own (KAFKA_TOPIC_PREFIX); `shared`: it reads the shared
   * citizen.facts.v1 / access.audit.v1 with fresh groups at their end; `auto`: fresh when it can.
   */
  BENCH_REGISTRY_TOPICS: Type.String({ default: 'auto', pattern: '^(auto|fresh|shared)$' }),
  /** Shared topics only: the registry's fresh group replays all of citizen.facts.v1 first (slow; waits for lag 0). */
  BENCH_REGISTRY_REPLAY: Type.Boolean({ default: false }),
  BENCH_CATCHUP_TIMEOUT_SECONDS: Type.Integer({ default: 600, minimum: 1 }),
  /** Writes a V8 CPU profile of the registry into the run's log folder. */
  BENCH_FACTS_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type FactsSettings = SettingsOf<typeof FactsEnv>;
