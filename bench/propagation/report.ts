/** `propagation`'s report: the measurement table, findings and the JSON result (bench/README.md). */
import { Topics } from '@motlan/kafka';
import { formatCpuUsage } from '../lib/cpu-usage.ts';
import { formatCount, formatMB, formatMs, formatRate, formatSeconds } from '../lib/report.ts';
import { formatPerCall } from '../lib/pg-table-stats.ts';
import type { DriveResult } from './driver.ts';
import type { BenchReport } from '../lib/harness.ts';
import type { measureBoth } from './measure.ts';
import { PURPOSE, FACT_TYPE, OTHER_WORK_WARNING } from './measure.ts';

export function reportPropagation({
  settings,
  raw,
  run,
  unaccounted,
}: Awaited<ReturnType<typeof measureBoth>>): BenchReport {
  const reg = run.drive;
  const ratios = {
    p50: reg.propagation.p50Ms / raw.propagation.p50Ms,
    p99: reg.propagation.p99Ms / raw.propagation.p99Ms,
    addedP50Ms: reg.propagation.p50Ms - raw.propagation.p50Ms,
    addedP99Ms: reg.propagation.p99Ms - raw.propagation.p99Ms,
  };
  const result = {
    registry: {
      purpose: PURPOSE,
      factType: FACT_TYPE,
      ...reg,
      drainSeconds: run.drainSeconds,
      drained: run.drained,
      consumerOutcomes: run.outcomes,
      cpuDuringDrive: run.cpuDuringDrive,
      tableActivity: run.tableActivity,
      memory: run.memory,
    },
    rawKafka: raw,
    ratios,
    /** CPU (share of one core) during the registry drive that neither the registry, PostgreSQL, Kafka nor the driver used. */
    otherWorkDuringDrive: unaccounted,
    schema: run.schema,
    group: run.group,
    topics: run.topics,
  };
  const applied = run.outcomes['applied'] ?? 0;
  const deadLettered = run.outcomes['dead_lettered'] ?? 0;
  const failures = (result: DriveResult): string => {
    const parts = [
      result.errors > 0 ? `${formatCount(result.errors)} errors` : '',
      result.skipped > 0 ? `${formatCount(result.skipped)} skipped` : '',
    ].filter((part) => part !== '');
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
  };
  const mem = run.memory;
  const rows = [
    [
      `raw kafkajs send → consumed (1 msg/send, ${Topics.citizenFacts.partitions} partitions)`,
      formatRate(raw.achievedPerSecond, 'msg') + failures(raw),
      formatMs(raw.propagation.p50Ms),
      formatMs(raw.propagation.p99Ms),
      formatMs(raw.propagation.maxMs),
      `driver ${formatMB(raw.driverMemory.rssBytes)}`,
    ],
    [
      '  raw send → ack (acks=-1, idempotent)',
      '',
      formatMs(raw.callLatency.p50Ms),
      formatMs(raw.callLatency.p99Ms),
      formatMs(raw.callLatency.maxMs),
    ],
    [
      `DeclareFacts → readable via GetFacts (every ${settings.BENCH_PROPAGATION_SAMPLE_EVERY}th)`,
      formatRate(reg.achievedPerSecond, 'decl') + failures(reg),
      formatMs(reg.propagation.p50Ms),
      formatMs(reg.propagation.p99Ms),
      formatMs(reg.propagation.maxMs),
      `registry ${formatMB(mem.registryAfter.rssBytes)} (peak ${formatMB(mem.registryDuringDrive.peakRssBytes)}) / driver ${formatMB(reg.driverMemory.rssBytes)}`,
    ],
    [
      '  DeclareFacts call (request → response)',
      '',
      formatMs(reg.callLatency.p50Ms),
      formatMs(reg.callLatency.p99Ms),
      formatMs(reg.callLatency.maxMs),
    ],
    [
      '  DeclareFacts response → readable',
      '',
      formatMs(reg.propagationAfterResponse?.p50Ms ?? 0),
      formatMs(reg.propagationAfterResponse?.p99Ms ?? 0),
      formatMs(reg.propagationAfterResponse?.maxMs ?? 0),
    ],
    [
      `  GetFacts polls (every ${settings.BENCH_PROPAGATION_POLL_MS} ms, then backing off)`,
      formatRate(reg.pollsPerSecond ?? 0, 'req'),
      formatMs(reg.pollLatency?.p50Ms ?? 0),
      formatMs(reg.pollLatency?.p99Ms ?? 0),
      formatMs(reg.pollLatency?.maxMs ?? 0),
    ],
  ];
  const checks = [
    [
      'rate asked',
      `${formatRate(settings.BENCH_PROPAGATION_RATE, 'decl')} for ${formatSeconds(settings.BENCH_SECONDS)} ` +
        `(max ${formatCount(reg.maxInFlight)} in flight, driver at worst ${formatMs(reg.maxStartDelayMs)} late)`,
    ],
    [
      'registry vs raw Kafka',
      `p50 ${ratios.p50.toFixed(1)}× (+${formatMs(ratios.addedP50Ms)}), p99 ${ratios.p99.toFixed(1)}× (+${formatMs(ratios.addedP99Ms)})`,
    ],
    [
      'followed',
      `${formatCount(reg.seen)}/${formatCount(reg.followed)} declarations seen readable, ${formatCount(reg.timedOut)} timed out` +
        ((reg.notFollowed ?? 0) > 0
          ? `, ${formatCount(reg.notFollowed ?? 0)} sampled but not followed (cap)`
          : '') +
        '; ' +
        `raw: ${formatCount(raw.seen)}/${formatCount(raw.followed)} consumed, ${formatCount(raw.timedOut)} timed out`,
    ],
    [
      'registry consumer',
      `${formatCount(applied)} applied for ${formatCount(reg.completedIncludingWarmup)} declared (warm-up included), ` +
        `${formatCount(deadLettered)} dead-lettered; ${run.drained ? 'caught up' : 'NOT caught up'} ` +
        `${formatSeconds(run.drainSeconds)} after the drive`,
    ],
    ['registry RSS', `peak ${formatMB(mem.registryDuringDrive.peakRssBytes)} during the drive`],
    [
      'per declaration (tables)',
      reg.completedIncludingWarmup > 0
        ? `${formatPerCall(run.tableActivity, reg.completedIncludingWarmup)} (polls and their audit included)`
        : '-',
    ],
    [
      'CPU during the drive',
      `${formatCpuUsage(run.cpuDuringDrive)}; driver ${Math.round((100 * reg.driverCpuSeconds) / run.cpuDuringDrive.wallSeconds)}%, ` +
        `other work ≈ ${Math.round(unaccounted * 100)}%`,
    ],
  ];
  return {
    columns: ['achieved', 'p50', 'p99', 'max', 'RSS'],
    rows,
    notes: checks,
    lines: [
      ...(reg.errorSamples.length > 0 ? [`registry errors: ${reg.errorSamples.join(' | ')}`] : []),
      ...(raw.errorSamples.length > 0 ? [`raw kafka errors: ${raw.errorSamples.join(' | ')}`] : []),
      `topics ${run.topics.own ? 'of its own' : 'shared'}: ${run.topics.facts}`,
      ...(unaccounted > OTHER_WORK_WARNING
        ? [
            `WARNING: about ${Math.round(unaccounted * 100)}% of a core went to other work during the drive: ` +
              'the numbers above are skewed; run again on a quiet machine',
          ]
        : []),
    ],
    result,
  };
}
