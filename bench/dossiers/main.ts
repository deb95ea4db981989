/**
 * `pnpm bench dossiers`: dossier submissions with prefill (POST /v1/dossiers) against the one-stop
 * shop with the whole mesh running, load from a separate process, against a bare Fastify echo
 * measured in the same run. See bench/README.md, "dossiers".
 */
import { defineBench, type BenchContext } from '../lib/harness.ts';
import { andAlso, atLeast, atMost, QualityTargets } from '../lib/targets.ts';
import { formatPercent } from '../lib/report.ts';
import { MESH_SOURCES } from '../lib/source-digest.ts';
import { measureMesh, fastifyEcho } from './measure.ts';
import { reportDossiers } from './report.ts';
import { DossierEnv, type DossierSettings } from './settings.ts';

/** `pnpm bench dossiers` */
export const { description, main } = defineBench({
  name: 'dossiers',
  description:
    'dossier submissions with prefill (one-stop shop, whole mesh running) against bare Fastify echo, same run',
  settings: DossierEnv,
  quiet: { sources: { label: 'mesh', roots: MESH_SOURCES } },
  measure: ({ settings, kafka, logDir }: BenchContext<DossierSettings>) =>
    measureMesh(settings, kafka, logDir),
  baseline: ({ settings }, run) => fastifyEcho(settings, run),
  targets: ({ phases: { closed, atRate }, memory }, echo) => ({
    // The one-stop issue's bar: at least 500 submissions/s, p99 at most 50 ms at that rate.
    perSecond: atLeast(
      'submissions/s (first registration)',
      closed.load.requestsPerSecond,
      QualityTargets.dossiersPerSecond,
      'per-second',
      `${formatPercent(closed.load.requestsPerSecond / echo.requestsPerSecond)} of bare Fastify echo`,
    ),
    p99MsAtTargetRate: andAlso(
      atMost('p99 at the open-loop rate', atRate.load.latency.p99Ms, QualityTargets.dossierP99Ms, 'ms'),
      atRate.load.errors === 0 && (atRate.load.openLoop?.skipped ?? 0) === 0,
      'no skips, no errors',
    ),
    oneStopIdleRssBytes: atMost(
      'one-stop idle RSS',
      memory.oneStopIdle.rssBytes,
      QualityTargets.idleRssBytes,
      'bytes',
    ),
  }),
  report: reportDossiers,
});
