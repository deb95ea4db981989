/** `discrepancies`' report: the two apply runs, the truth table and the JSON result (bench/README.md). */
import type { BenchReport } from '../lib/harness.ts';
import { formatCount, formatPercent, formatRate, formatSeconds } from '../lib/report.ts';
import type { DiscrepanciesRun } from './measure.ts';

export function reportDiscrepancies(run: DiscrepanciesRun): BenchReport {
  const on = run.withDetection;
  const off = run.withoutDetection;
  const overhead = on.seconds / Math.max(off.seconds, 0.001) - 1;
  return {
    columns: ['throughput', 'time'],
    rows: [
      [
        `seed ${formatCount(run.seed.people)} people, ${formatCount(run.personnel)} personnel (not counted)`,
        '',
        formatSeconds(run.seed.seconds),
      ],
      [
        `population sync + military sync → ${formatCount(run.topicMessages)} facts (not counted)`,
        '',
        `${formatSeconds(run.syncSeconds.population)} + ${formatSeconds(run.syncSeconds.military)}`,
      ],
      [
        'apply both syncs, discrepancy detection on',
        formatRate(on.messagesPerSecond, 'facts'),
        formatSeconds(on.seconds),
      ],
      [
        'apply both syncs, detection off (baseline)',
        formatRate(off.messagesPerSecond, 'facts'),
        formatSeconds(off.seconds),
      ],
    ],
    notes: [
      ['detection overhead', `${formatPercent(overhead)} of the apply time`],
      ...run.byType.map((entry) => [
        entry.factType,
        `found ${formatCount(entry.found)} / expected ${formatCount(entry.expected)}, ` +
          `missed ${formatCount(entry.missed)}, invented ${formatCount(entry.invented)}`,
      ]),
      [
        'all types',
        `found ${formatCount(run.truth.found)} / expected ${formatCount(run.truth.expected)}, ` +
          `invented ${formatCount(run.truth.invented)}; ${formatCount(run.truth.outbox)} events in the outbox`,
      ],
    ],
    lines: [
      ...run.samples.missed.map((entry) => `missed: ${entry}`),
      ...run.samples.invented.map((entry) => `invented: ${entry}`),
    ],
    result: {
      seed: run.seed,
      personnel: run.personnel,
      syncSeconds: run.syncSeconds,
      topicMessages: run.topicMessages,
      withDetection: on,
      withoutDetection: off,
      detectionOverhead: overhead,
      byType: run.byType,
      truth: run.truth,
    },
  };
}
