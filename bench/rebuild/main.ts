/**
 * `pnpm bench rebuild`: the fact registry's rebuild CLI replaying citizen.facts.v1 into an empty
 * schema, against raw PostgreSQL COPY of as many fact rows (and raw Kafka reads of the same topic)
 * in the same run. See bench/README.md, "rebuild".
 */
import { FACT_REGISTRY_SOURCES } from '../lib/source-digest.ts';
import { defineBench, type BenchContext } from '../lib/harness.ts';
import { measureRebuild, rebuildBaselines } from './measure.ts';
import { reportRebuild } from './report.ts';
import { RebuildEnv, type RebuildSettings } from './settings.ts';

/** `pnpm bench rebuild` */
export const { description, main } = defineBench({
  name: 'rebuild',
  description:
    'fact registry rebuild CLI replaying citizen.facts.v1 into an empty schema against raw PostgreSQL COPY, same run',
  settings: RebuildEnv,
  quiet: { sources: { label: 'fact registry', roots: FACT_REGISTRY_SOURCES } },
  measure: ({ settings, kafka, logDir }: BenchContext<RebuildSettings>) =>
    measureRebuild(settings, kafka, logDir),
  baseline: ({ settings, kafka }, run) => rebuildBaselines(settings, kafka, run),
  report: reportRebuild,
});
