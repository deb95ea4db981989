/**
 * `pnpm bench notify [--seconds N] [--rate N]`: a population change → the subscriber notified, at a
 * fixed change rate, against the same changes straight through raw Kafka in the same run.
 * See bench/README.md, "notify".
 */
import { optionsToSettings } from '../lib/bench-options.ts';
import { defineBench, type BenchModule } from '../lib/harness.ts';
import { FACT_REGISTRY_SOURCES } from '../lib/source-digest.ts';
import { measureNotify, measureRaw } from './measure.ts';
import { startNotifyMesh } from './mesh.ts';
import { notifyTargets, reportNotify } from './report.ts';
import { NotifyEnv, NotifyOptions } from './settings.ts';

const bench: BenchModule = defineBench({
  name: 'notify',
  description:
    'population change → subscriber notified over Kafka at 1,000 changes/s against the same changes through raw Kafka produce → consume, same run',
  settings: NotifyEnv,
  quiet: { sources: { label: 'fact registry', roots: FACT_REGISTRY_SOURCES } },
  setup: startNotifyMesh,
  measure: measureNotify,
  baseline: measureRaw,
  targets: notifyTargets,
  report: reportNotify,
});

export const { description } = bench;

/** `pnpm bench notify`: `--seconds` and `--rate` stand for BENCH_SECONDS and BENCH_NOTIFY_RATE. */
export async function main(args: string[]): Promise<void> {
  const { settings, rest } = optionsToSettings(args, NotifyOptions);
  Object.assign(process.env, settings);
  await bench.main(rest);
}
