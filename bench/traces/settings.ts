/** `traces`'s own settings (bench/README.md, "traces"), over the harness's. */
import { Type } from '@motlan/config';
import { BaselineEnv } from '../baseline/index.ts';
import { type SettingsOf } from '../lib/harness.ts';

export const TracesEnv = {
  BENCH_GRPC_CONCURRENCY: BaselineEnv.BENCH_GRPC_CONCURRENCY,
  /** Citizens whose facts the registry holds and GetFacts cycles through. */
  BENCH_TRACES_CITIZENS: Type.Integer({ default: 1_000, minimum: 1, maximum: 100_000 }),
  /**
   * Rounds of the three modes (off, spans dropped, spans exported), each round in a rotated order,
   * so none is always measured first on a cold or last on a warm machine.
   */
  BENCH_TRACES_ROUNDS: Type.Integer({ default: 2, minimum: 1, maximum: 10 }),
  BENCH_REGISTRY_CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  BENCH_CATCHUP_TIMEOUT_SECONDS: Type.Integer({ default: 600, minimum: 1 }),
};
export type TracesSettings = SettingsOf<typeof TracesEnv>;
