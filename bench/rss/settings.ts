/** `rss`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import type { SettingsOf } from '../lib/harness.ts';

export const RssEnv = {
  /** Citizens seeded into the population simulator (the military simulator seeds from them). */
  BENCH_RSS_PEOPLE: Type.Integer({ default: 1_000, minimum: 1 }),
  /**
   * Seconds the mesh idles before RSS is read: V8 gives back the young generation it grew during
   * start-up only when its memory reducer runs, 20–30 s later, so "idle" means after that.
   */
  BENCH_RSS_IDLE_SECONDS: Type.Number({ default: 40, minimum: 0 }),
};
export type RssSettings = SettingsOf<typeof RssEnv>;
