/** `facts`'s report: the measurement table, findings and the JSON result (bench/README.md). */
import { grpcEchoRows, type GrpcEchoPair } from '../baseline/index.ts';
import { formatCpuUsage } from '../lib/cpu-usage.ts';
import { formatCount, formatMB, formatPercent, formatRate, formatSeconds, loadRow } from '../lib/report.ts';
import { formatPerCall } from '../lib/pg-table-stats.ts';
import { CITIZEN_FACT_TYPES } from '../lib/synthetic-facts.ts';
import type { BenchReport } from '../lib/harness.ts';
import { PURPOSE, type RegistryRun } from './measure.ts';

export function reportFacts(run: RegistryRun, echoes: GrpcEchoPair): BenchReport {
  const { echo, echoTls } = echoes;
  const { load, memory } = run;
  const ratio = load.requestsPerSecond / echo.requestsPerSecond;
  const answered = Object.values(load.responseCounts ?? {}).reduce((sum, count) => sum + count, 0);
  const complete = load.responseCounts?.[''] ?? 0;
  const callsIncludingWarmup = answered + load.errors; // measured window only; warm-up calls are extra
  const result = {
    getFacts: {
      purpose: PURPOSE,
      factTypes: CITIZEN_FACT_TYPES,
      distinctCitizens: run.citizens,
      completeAnswers: complete,
      ...load,
      auditLinksDuringLoad: run.auditLinksDuringLoad,
      auditBatchesDuringLoad: run.auditBatchesDuringLoad,
      auditBacklog: run.auditBacklog,
      tableActivity: run.tableActivity,
      cpuDuringLoad: run.cpuDuringLoad,
      memory,
    },
    warmData: {
      citizens: run.citizens,
      factsPublished: run.factsPublished,
      publishSeconds: run.publishSeconds,
      applySeconds: run.applySeconds,
      appliedPerSecond: run.factsPublished / run.applySeconds,
      consumerOutcomes: run.outcomesBeforeLoad,
      spotChecked: run.spotChecked,
    },
    grpcEcho: echo,
    grpcEchoMutualTls: echoTls,
    ratioToEcho: ratio,
    ratioToEchoMutualTls: load.requestsPerSecond / echoTls.requestsPerSecond,
    schema: run.schema,
    group: run.group,
    topics: run.topics,
  };
  const rows = [
    ...grpcEchoRows(echoes),
    loadRow(
      `GetFacts warm, mutual TLS (${load.concurrency} in flight, ${formatCount(run.citizens)} citizens × ${CITIZEN_FACT_TYPES.length} types)`,
      load,
      `registry ${formatMB(memory.registryAfterLoad.rssBytes)} (peak ${formatMB(memory.registryDuringLoad.peakRssBytes)}) / load ${formatMB(load.loadMemory.rssBytes)}`,
    ),
    [
      `warm-up: ${formatCount(run.factsPublished)} facts published → applied`,
      formatRate(run.factsPublished / run.applySeconds, 'facts'),
      formatSeconds(run.applySeconds),
      '',
      `registry idle ${formatMB(memory.registryIdle.rssBytes)}, warm ${formatMB(memory.registryWarm.rssBytes)}`,
    ],
  ];
  const checks = [
    [
      'answers under load',
      `${formatCount(complete)}/${formatCount(answered)} with all ${CITIZEN_FACT_TYPES.length} types ` +
        `(${answered > 0 ? formatPercent(complete / answered) : '-'}), ${formatCount(load.errors)} errors`,
    ],
    [
      'audit trail',
      `${formatCount(run.auditLinksDuringLoad)} links in ${formatCount(run.auditBatchesDuringLoad)} transactions ` +
        `(${(run.auditLinksDuringLoad / Math.max(1, run.auditBatchesDuringLoad)).toFixed(1)} per commit) during warm-up + window ` +
        `(${formatCount(callsIncludingWarmup)} calls in the window alone); right after the load ` +
        `${formatCount(run.auditBacklog.unpublished)} not yet relayed, ${formatCount(run.auditBacklog.disclosureLag)} ` +
        `not yet in disclosure_log (${run.auditBacklog.drained ? 'drained' : 'NOT drained'} in ${formatSeconds(run.auditBacklog.drainSeconds)})`,
    ],
    [
      'per GetFacts (tables)',
      run.auditLinksDuringLoad > 0 ? formatPerCall(run.tableActivity, run.auditLinksDuringLoad) : '-',
    ],
    ['CPU during the load', formatCpuUsage(run.cpuDuringLoad)],
    [
      'warm-up consumer',
      `${Object.entries(run.outcomesBeforeLoad)
        .map(([outcome, count]) => `${outcome} ${formatCount(count)}`)
        .join(', ')}; ${run.spotChecked} citizens read back as published`,
    ],
  ];
  return {
    rows,
    notes: checks,
    lines: [
      ...(load.errorSamples.length > 0 ? [`errors under load: ${load.errorSamples.join(' | ')}`] : []),
      `topics ${run.topics.own ? 'of its own' : 'shared'}: ${run.topics.facts}`,
    ],
    result,
  };
}
