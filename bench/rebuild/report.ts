/** `rebuild`'s report: the measurement table, findings and the JSON result (bench/README.md). */
import { formatCpuUsage } from '../lib/cpu-usage.ts';
import { FACTS_TOPIC } from '../lib/fact-registry.ts';
import { formatCount, formatMB, formatPercent, formatRate, formatSeconds } from '../lib/report.ts';
import type { BenchReport } from '../lib/harness.ts';
import type { rebuildBaselines } from './measure.ts';
import { type RebuildRun } from './measure.ts';

export function reportRebuild(
  run: RebuildRun,
  { copy, perTransaction, read }: Awaited<ReturnType<typeof rebuildBaselines>>,
): BenchReport {
  const ratioToCopy = run.factsPerSecond / copy.rowsPerSecond;
  const result = {
    rebuild: run,
    copy,
    perTransaction,
    rawRead: read,
    ratioToCopy,
    appliedRatioToCopy: run.appliedPerSecond / copy.rowsPerSecond,
    ratioToPerTransaction: perTransaction ? run.factsPerSecond / perTransaction.rowsPerSecond : undefined,
    ratioToRawRead: read ? run.factsPerSecond / read.messagesPerSecond : undefined,
  };
  const rows = [
    [
      `rebuild CLI → empty schema (${run.consumerConcurrency} partitions at once)`,
      formatRate(run.factsPerSecond, 'facts'),
      `${formatCount(run.messages)}${run.finished ? '' : ` of ${formatCount(run.topicMessages)} (STOPPED)`}`,
      `${formatSeconds(run.cliSeconds)} (wall ${formatSeconds(run.wallSeconds)})`,
      `${formatMB(run.memory.rssBytes)} (peak ${formatMB(run.memory.peakRssBytes)})`,
    ],
    [
      'pg COPY into fact_history shape (1 connection)',
      formatRate(copy.rowsPerSecond, 'rows'),
      formatCount(copy.rows),
      formatSeconds(copy.seconds),
    ],
    ...(perTransaction
      ? [
          [
            `pg INSERT, 1 row per transaction (${perTransaction.clients} connections)`,
            formatRate(perTransaction.rowsPerSecond, 'rows'),
            formatCount(perTransaction.rows),
            formatSeconds(perTransaction.seconds),
          ],
        ]
      : []),
    ...(read
      ? [
          [
            `kafkajs read of ${FACTS_TOPIC} (no decoding)`,
            `${formatRate(read.messagesPerSecond, 'msg')} (${formatRate(read.megabytesPerSecond, 'MB')})`,
            formatCount(read.messages),
            formatSeconds(read.seconds),
          ],
        ]
      : []),
  ];
  const checks = [
    [
      'rebuild / COPY',
      `${formatPercent(ratioToCopy)} (new facts only: ${formatRate(run.appliedPerSecond, 'facts')}, ` +
        `${formatPercent(run.appliedPerSecond / copy.rowsPerSecond)})`,
    ],
    ...(perTransaction
      ? [['rebuild / 1-row transactions', formatPercent(run.factsPerSecond / perTransaction.rowsPerSecond)]]
      : []),
    ...(read ? [['rebuild / raw read', formatPercent(run.factsPerSecond / read.messagesPerSecond)]] : []),
    [
      'rate as tables grow',
      `${formatRate(run.earlyRate, 'facts')} in the first fifth, ${formatRate(run.lateRate, 'facts')} in the last`,
    ],
    [
      'rebuilt schema',
      `${formatCount(run.schemaRows.factHistory)} history, ${formatCount(run.schemaRows.currentFacts)} current, ` +
        `${formatCount(run.schemaRows.conflicts)} conflicts, ${formatCount(run.schemaRows.processedEvents)} events; ` +
        `${formatCount(run.deadLettered)} dead-lettered, ${formatCount(run.duplicates)} duplicate event ids skipped` +
        (run.published > 0 ? `; ${formatCount(run.published)} synthetic facts published first` : ''),
    ],
    ['1,000,000 facts at this rate', formatSeconds(1_000_000 / Math.max(1, run.factsPerSecond))],
    ['CPU during the rebuild', formatCpuUsage(run.cpu)],
  ];
  return {
    columns: ['throughput', 'rows / messages', 'time', 'RSS'],
    rows,
    notes: checks,
    lines: run.summary ? [run.summary] : [],
    result,
  };
}
