/**
 * `pnpm bench traces`: what tracing costs on a hot path — warm GetFacts against the fact registry
 * with tracing off (the baseline), spans made but dropped (the default), and spans exported to a
 * local OTLP/HTTP receiver, in the same run, in rotated rounds. See bench/README.md, "traces".
 */
import { FACT_REGISTRY_SOURCES } from '../lib/source-digest.ts';
import { defineBench, type BenchContext } from '../lib/harness.ts';
import { measureTraces } from './measure.ts';
import { reportTraces } from './report.ts';
import { TracesEnv, type TracesSettings } from './settings.ts';

/** `pnpm bench traces` */
export const { description, main } = defineBench({
  name: 'traces',
  description:
    'trace cost: warm GetFacts with tracing off vs spans dropped vs spans exported over OTLP to a local receiver, same run',
  settings: TracesEnv,
  quiet: { sources: { label: 'fact registry', roots: FACT_REGISTRY_SOURCES } },
  measure: ({ settings, kafka, logDir }: BenchContext<TracesSettings>) =>
    measureTraces(settings, kafka, logDir),
  report: reportTraces,
});
