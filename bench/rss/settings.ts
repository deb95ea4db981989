/** `rss`'s own settings (bench/README.md, "Settings"), over the harness's. */
import { Type } from '@motlan/config';
import type { SettingsOf } from '../lib/harness.ts';

export const RssEnv = {
  /** Citizens seeded into the population simulator (the military simulator seeds from them). */
  BENCH_RSS_PEOPLE: Type.Integer({ default: 1_000, minimum: 1 }),
};
export type RssSettings = SettingsOf<typeof RssEnv>;
