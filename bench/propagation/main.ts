/**
 * `pnpm bench propagation`: a declared fact → readable from the registry by another caller, at a
 * fixed declaration rate, against raw kafkajs produce → consume at the same rate in the same run.
 * See bench/README.md, "propagation".
 */
import { formatCount } from '../lib/report.ts';
import { FACT_REGISTRY_SOURCES } from '../lib/source-digest.ts';
import { defineBench } from '../lib/harness.ts';
import { andAlso, atLeast, atMost, QualityTargets } from '../lib/targets.ts';
import { measureBoth } from './measure.ts';
import { reportPropagation } from './report.ts';
import { PropagationEnv } from './settings.ts';

/** `pnpm bench propagation` */
export const { description, main } = defineBench({
  name: 'propagation',
  description:
    'declared fact → readable through GetFacts at 1,000 declarations/s against raw kafkajs produce → consume, same run',
  settings: PropagationEnv,
  quiet: { sources: { label: 'fact registry', roots: FACT_REGISTRY_SOURCES } },
  measure: measureBoth,
  targets: ({ settings, run }) => {
    const reg = run.drive;
    const sustained =
      reg.achievedPerSecond >= 0.99 * settings.BENCH_PROPAGATION_RATE &&
      reg.skipped === 0 &&
      reg.errors === 0;
    const Q = QualityTargets;
    return {
      p99Ms: andAlso(
        atMost('p99 declared → readable', reg.propagation.p99Ms, Q.propagationP99Ms, 'ms'),
        reg.seen > 0 && reg.timedOut === 0,
        reg.timedOut > 0
          ? `${formatCount(reg.timedOut)} never readable within the poll timeout`
          : 'every followed one readable',
      ),
      sustainedRate: andAlso(
        atLeast('rate sustained', reg.achievedPerSecond, Q.propagationPerSecond, 'per-second'),
        sustained,
        'within 1% of the rate asked, nothing skipped, no errors',
      ),
      seconds: atLeast('sustained for', settings.BENCH_SECONDS, Q.propagationSeconds, 'seconds'),
      registryIdleRssBytes: atMost(
        'registry idle RSS',
        run.memory.registryIdle.rssBytes,
        Q.idleRssBytes,
        'bytes',
      ),
    };
  },
  report: reportPropagation,
});
