/**
 * `pnpm bench baseline [grpc] [kafka] [postgres]`: the floors every other bench compares with —
 * bare grpc-js echo, raw kafkajs produce/consume, raw PostgreSQL INSERT and COPY — on this machine,
 * one part after another so they never compete for the cores. See bench/README.md, "baseline".
 */
import { defineBench, type BenchContext, type SettingsOf } from '../lib/harness.ts';
import { BaselineEnv, baselineRows, runBaseline, selectParts } from './run-baseline.ts';

export const { description, main } = defineBench({
  name: 'baseline',
  description:
    'bare grpc-js echo, raw kafkajs produce/consume, raw PostgreSQL INSERT and COPY on this machine',
  settings: BaselineEnv,
  measure: ({ settings, kafka, args }: BenchContext<SettingsOf<typeof BaselineEnv>>) => {
    const parts = selectParts(args);
    return runBaseline(settings, kafka, parts).then((result) => ({ parts, ...result }));
  },
  report: (result) => ({ rows: baselineRows(result), result }),
});
