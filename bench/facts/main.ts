/**
 * `pnpm bench facts`: warm GetFacts over gRPC (mutual TLS) against the fact registry, with a bare
 * grpc-js echo server measured in the same run at the same concurrency. See bench/README.md, "facts".
 */
import { runGrpcEchoPair } from '../baseline/index.ts';
import { formatPercent } from '../lib/report.ts';
import { FACT_REGISTRY_SOURCES } from '../lib/source-digest.ts';
import { defineBench, type BenchContext } from '../lib/harness.ts';
import { atLeast, atMost, QualityTargets } from '../lib/targets.ts';
import { measureRegistry } from './measure.ts';
import { reportFacts } from './report.ts';
import { FactsEnv, type FactsSettings } from './settings.ts';

/** `pnpm bench facts` */
export const { description, main } = defineBench({
  name: 'facts',
  description:
    'warm GetFacts over gRPC + mutual TLS (fact registry, audited reads) against bare grpc-js echo, same run',
  settings: FactsEnv,
  quiet: { sources: { label: 'fact registry', roots: FACT_REGISTRY_SOURCES } },
  measure: ({ settings, kafka, logDir }: BenchContext<FactsSettings>) =>
    measureRegistry(settings, kafka, logDir),
  baseline: ({ settings }) => runGrpcEchoPair(settings, 'fact-registry'),
  targets: ({ load, memory }, { echo, echoTls }) => ({
    throughputRatio: atLeast(
      'GetFacts / bare echo',
      load.requestsPerSecond / echo.requestsPerSecond,
      QualityTargets.warmGrpcRatioToEcho,
      'ratio',
      `${formatPercent(load.requestsPerSecond / echoTls.requestsPerSecond)} of echo over mutual TLS`,
    ),
    p99Ms: atMost('p99 at that load', load.latency.p99Ms, QualityTargets.warmGrpcP99Ms, 'ms'),
    registryIdleRssBytes: atMost(
      'registry idle RSS',
      memory.registryIdle.rssBytes,
      QualityTargets.idleRssBytes,
      'bytes',
    ),
  }),
  report: reportFacts,
});
