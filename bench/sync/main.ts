/**
 * `pnpm bench sync`: the population adapter's bulk sync (simulator → adapter → citizen.facts.v1)
 * against raw kafkajs produce of as many messages of the same size, in the same run. See
 * bench/README.md, "sync".
 */
import { formatCount } from '../lib/report.ts';
import { defineBench, type BenchContext } from '../lib/harness.ts';
import { atMost, QualityTargets } from '../lib/targets.ts';
import { measureSync, rawProduceLikeSync } from './measure.ts';
import { reportSync } from './report.ts';
import { SyncEnv, type SyncSettings } from './settings.ts';

/** `pnpm bench sync` */
export const { description, main } = defineBench({
  name: 'sync',
  description:
    'bulk sync of a synthetic population to citizen.facts.v1 (simulator → adapter → Kafka) against raw kafkajs produce',
  settings: SyncEnv,
  measure: ({ settings, kafka, logDir }: BenchContext<SyncSettings>) => measureSync(settings, kafka, logDir),
  baseline: ({ settings, kafka }, run) => rawProduceLikeSync(settings, kafka, run),
  targets: ({ sync }) => ({
    // shared/quality.md: 1,000,000 citizens in ≤ 10 min; a smaller run is projected linearly.
    seconds: atMost(
      `${formatCount(QualityTargets.syncCitizens)} citizens`,
      (sync.wallSeconds * QualityTargets.syncCitizens) / Math.max(1, sync.citizens),
      QualityTargets.syncSeconds,
      'seconds',
      sync.citizens === QualityTargets.syncCitizens ? undefined : 'projected linearly',
    ),
  }),
  report: reportSync,
});
