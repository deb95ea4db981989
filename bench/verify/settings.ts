/** `verify`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import { BaselineEnv } from '../baseline/index.ts';
import type { SettingsOf } from '../lib/harness.ts';

export const VerifyEnv = {
  BENCH_GRPC_CONCURRENCY: BaselineEnv.BENCH_GRPC_CONCURRENCY,
  BENCH_VERIFY_PEOPLE: Type.Integer({ default: 20_000, minimum: 1 }),
  BENCH_VERIFY_CITIZENS: Type.Integer({ default: 2_000, minimum: 1 }),
  BENCH_VERIFY_WARM_CONCURRENCY: Type.Integer({ default: 16, minimum: 1 }),
  /** Writes a V8 CPU profile of the adapter (start to stop) into the run's log folder. */
  BENCH_VERIFY_CPU_PROFILE: Type.Boolean({ default: false }),
};
export type VerifySettings = SettingsOf<typeof VerifyEnv>;
