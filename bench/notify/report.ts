/** `notify`'s targets, report table, findings and JSON result (bench/README.md, "notify"). */
import { Topics } from '@motlan/kafka';
import { formatCpuUsage } from '../lib/cpu-usage.ts';
import type { DeliveryCounts } from '../lib/delivery-tally.ts';
import type { BenchReport } from '../lib/harness.ts';
import { formatCount, formatMB, formatMs, formatRate, formatSeconds } from '../lib/report.ts';
import { andAlso, atLeast, atMost, QualityTargets, type TargetVerdict } from '../lib/targets.ts';
import type { ChangeDriveResult } from './drive-changes.ts';
import type { NotifyRun } from './measure.ts';
import { FACT_TYPE, PURPOSE, SUBSCRIBER } from './mesh.ts';

/** Unexplained CPU (share of a core) above which the result is flagged as disturbed by other work. */
const OTHER_WORK_WARNING = 0.25;

/** Every change sent delivered, none delivered as two notifications, order per citizen kept. */
function deliveredOnceInOrder(counts: DeliveryCounts): boolean {
  return counts.missing === 0 && counts.notifiedTwice === 0 && counts.outOfOrder === 0;
}

export function notifyTargets(run: NotifyRun): Record<string, TargetVerdict> {
  const { settings, drive } = run;
  const deliveries = drive.deliveries;
  const Q = QualityTargets;
  const sustained =
    drive.achievedPerSecond >= 0.99 * settings.BENCH_NOTIFY_RATE &&
    drive.loop.skipped === 0 &&
    drive.errors === 0;
  return {
    p99Ms: andAlso(
      atMost('p99 change → notified', deliveries.latency.p99Ms, Q.notifyP99Ms, 'ms'),
      deliveries.latency.count > 0 && deliveries.missingMeasured === 0,
      deliveries.missingMeasured > 0
        ? `${formatCount(deliveries.missingMeasured)} changes of the window never notified`
        : 'every change of the window notified',
    ),
    deliveredOnce: andAlso(
      atLeast(
        'changes notified, each once',
        deliveries.sent > 0 ? deliveries.delivered / deliveries.sent : 0,
        1,
        'ratio',
      ),
      deliveredOnceInOrder(deliveries),
      `${formatCount(deliveries.notifiedTwice)} notified twice, ${formatCount(deliveries.outOfOrder)} out of order, ` +
        `${formatCount(deliveries.redelivered)} redelivered (same id)`,
    ),
    // Within 1% of the target rate: a window holds one change more or less than rate × seconds.
    sustainedRate: andAlso(
      atLeast('rate sustained', drive.achievedPerSecond, 0.99 * Q.notifyPerSecond, 'per-second'),
      sustained,
      'within 1% of the rate asked, nothing skipped, no errors',
    ),
    seconds: atLeast('sustained for', settings.BENCH_SECONDS, Q.notifySeconds, 'seconds'),
    registryIdleRssBytes: atMost(
      'registry idle RSS',
      run.memory.registryIdle.rssBytes,
      Q.idleRssBytes,
      'bytes',
    ),
  };
}

function failures(result: ChangeDriveResult): string {
  const parts = [
    result.errors > 0 ? `${formatCount(result.errors)} errors` : '',
    result.loop.skipped > 0 ? `${formatCount(result.loop.skipped)} skipped` : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function deliveryLine(counts: DeliveryCounts): string {
  return (
    `${formatCount(counts.delivered)}/${formatCount(counts.sent)} delivered (warm-up included), ` +
    `${formatCount(counts.missing)} missing, ${formatCount(counts.notifiedTwice)} twice, ` +
    `${formatCount(counts.redelivered)} redelivered, ${formatCount(counts.outOfOrder)} out of order` +
    (counts.foreign > 0 ? `, ${formatCount(counts.foreign)} not ours` : '')
  );
}

function latencyCells(latency: { p50Ms: number; p99Ms: number; maxMs: number }): string[] {
  return [formatMs(latency.p50Ms), formatMs(latency.p99Ms), formatMs(latency.maxMs)];
}

export function reportNotify(run: NotifyRun, raw: ChangeDriveResult): BenchReport {
  const { settings, drive, mesh, memory } = run;
  const reg = drive.deliveries.latency;
  const base = raw.deliveries.latency;
  const ratios = {
    p50: reg.p50Ms / base.p50Ms,
    p99: reg.p99Ms / base.p99Ms,
    addedP50Ms: reg.p50Ms - base.p50Ms,
    addedP99Ms: reg.p99Ms - base.p99Ms,
  };
  const rows = [
    [
      `raw: same producer → plain topic (${Topics.citizenFacts.partitions} partitions) → consumer`,
      formatRate(raw.achievedPerSecond, 'msg') + failures(raw),
      formatRate(raw.deliveredPerSecond, 'msg'),
      ...latencyCells(base),
      `driver ${formatMB(raw.driverMemory.rssBytes)}`,
    ],
    ['  raw publish → ack (acks=-1)', '', '', ...latencyCells(raw.sendLatency)],
    [
      `population change → registry → ${SUBSCRIBER} notified`,
      formatRate(drive.achievedPerSecond, 'chg') + failures(drive),
      formatRate(drive.deliveredPerSecond, 'ntf'),
      ...latencyCells(reg),
      `registry ${formatMB(memory.registryAfter.rssBytes)} (peak ${formatMB(memory.registryDuringDrive.peakRssBytes)}) / ` +
        `driver ${formatMB(drive.driverMemory.rssBytes)}`,
    ],
    ['  change publish → ack (acks=-1)', '', '', ...latencyCells(drive.sendLatency)],
    [
      '  change sent → recorded by the registry (changed_at)',
      '',
      '',
      ...latencyCells(drive.deliveries.toStep),
    ],
    ['  recorded → notification consumed', '', '', ...latencyCells(drive.deliveries.fromStep)],
  ];
  const applied = run.consumerOutcomes['applied'] ?? 0;
  const deadLettered = run.consumerOutcomes['dead_lettered'] ?? 0;
  const notes = [
    [
      'rate asked',
      `${formatRate(settings.BENCH_NOTIFY_RATE, 'chg')} for ${formatSeconds(settings.BENCH_SECONDS)} over ` +
        `${formatCount(mesh.citizens)} citizens (max ${formatCount(drive.loop.maxInFlight)} in flight, ` +
        `driver at worst ${formatMs(drive.loop.maxStartDelayMs)} late)`,
    ],
    [
      'notified vs raw Kafka',
      `p50 ${ratios.p50.toFixed(1)}× (+${formatMs(ratios.addedP50Ms)}), p99 ${ratios.p99.toFixed(1)}× (+${formatMs(ratios.addedP99Ms)})`,
    ],
    [
      'notifications',
      `${deliveryLine(drive.deliveries)}; all in ${formatSeconds(drive.drainSeconds)} after the drive`,
    ],
    ['raw deliveries', deliveryLine(raw.deliveries)],
    [
      'registry consumer',
      `${formatCount(applied)} applied for ${formatCount(drive.deliveries.sent)} changes, ${formatCount(deadLettered)} dead-lettered; ` +
        `${run.registryDrained ? 'caught up' : 'NOT caught up'} ${formatSeconds(run.registryDrainSeconds)} after the drive`,
    ],
    [
      'setup',
      `${formatCount(mesh.citizens)} citizens seeded and applied in ${formatSeconds(mesh.seedSeconds)}; ` +
        `subscription ${mesh.subscription.id} (${FACT_TYPE}, purpose ${PURPOSE}) → ${mesh.notificationsTopic}`,
    ],
    [
      'CPU during the drive',
      `${formatCpuUsage(run.cpuDuringDrive)}; driver ${Math.round((100 * drive.driverCpuSeconds) / run.cpuDuringDrive.wallSeconds)}%, ` +
        `other work ≈ ${Math.round(run.otherWork * 100)}%`,
    ],
  ];
  return {
    columns: ['achieved', 'delivered', 'p50', 'p99', 'max', 'RSS'],
    rows,
    notes,
    lines: [
      ...(drive.errorSamples.length > 0 ? [`change publish errors: ${drive.errorSamples.join(' | ')}`] : []),
      ...(raw.errorSamples.length > 0 ? [`raw publish errors: ${raw.errorSamples.join(' | ')}`] : []),
      ...(run.otherWork > OTHER_WORK_WARNING
        ? [
            `WARNING: about ${Math.round(run.otherWork * 100)}% of a core went to other work during the drive: ` +
              'the numbers above are skewed; run again on a quiet machine',
          ]
        : []),
    ],
    result: {
      purpose: PURPOSE,
      factType: FACT_TYPE,
      subscriber: SUBSCRIBER,
      notify: {
        ...drive,
        registryDrainSeconds: run.registryDrainSeconds,
        registryDrained: run.registryDrained,
        consumerOutcomes: run.consumerOutcomes,
        cpuDuringDrive: run.cpuDuringDrive,
        memory,
      },
      rawKafka: raw,
      ratios,
      otherWorkDuringDrive: run.otherWork,
      mesh,
    },
  };
}
