/** `dossiers`'s report: the measurement table, findings and the JSON result (bench/README.md). */
import { formatCpuUsage } from '../lib/cpu-usage.ts';
import { formatCount, formatMB, formatMs, formatRate, formatSeconds, loadRow } from '../lib/report.ts';
import { ENTRY_PERMIT, FIRST_REGISTRATION } from './plan.ts';
import type { BenchReport } from '../lib/harness.ts';
import type { HttpEchoBaselineResult } from '../baseline/index.ts';
import { DECLARED_TYPE, QUIET_SECONDS, type Phase, type MeshRun, formatCpuPerDossier } from './measure.ts';

export function reportDossiers(run: MeshRun, echo: HttpEchoBaselineResult): BenchReport {
  const { settings } = run;
  const { closed, prefilledOnly, atRate, atLightRate } = run.phases;
  const phases = Object.values(run.phases);
  const result = {
    mesh: run.mesh,
    plans: run.plans.map(({ submissions, ...plan }) => ({ ...plan, planned: submissions.length })),
    phases: phases.map(({ plan, ...phase }) => ({ ...phase, procedureCode: plan.procedureCode })),
    stored: run.stored,
    outboxDrained: run.outboxDrained,
    declarationsCaughtUp: run.declarationsCaughtUp,
    memory: run.memory,
    quietCpu: run.quietCpu,
    fastifyEchoMutualTls: echo,
    ratioToEcho: closed.load.requestsPerSecond / echo.requestsPerSecond,
  };
  const prefilled = (phase: Phase): string =>
    `${phase.plan.prefilledFacts.toFixed(1)} prefilled + ${phase.plan.typedFacts.toFixed(1)} typed`;
  const row = (label: string, phase: Phase): string[] =>
    loadRow(label, phase.load, prefilled(phase), 'dossiers');
  const rows = [
    loadRow(
      `Fastify echo, mutual TLS (${echo.concurrency} in flight, ${formatCount(echo.bodyBytes)} B)`,
      echo,
      '',
    ),
    row(`submit ${FIRST_REGISTRATION} first registration (${closed.load.concurrency} in flight)`, closed),
    row(`submit ${ENTRY_PERMIT} entry permit (${prefilledOnly.load.concurrency} in flight)`, prefilledOnly),
    row(
      `submit ${FIRST_REGISTRATION} at ${formatCount(settings.BENCH_DOSSIER_RATE)}/s (open loop, ≤ ${atRate.load.concurrency} open)`,
      atRate,
    ),
    ...(atLightRate
      ? [
          row(
            `submit ${FIRST_REGISTRATION} at ${formatCount(settings.BENCH_DOSSIER_LIGHT_RATE)}/s (open loop, ≤ ${atLightRate.load.concurrency} open)`,
            atLightRate,
          ),
        ]
      : []),
  ];
  const skipped = atRate.load.openLoop?.skipped ?? 0;
  const measuredSubmissions = phases.reduce((sum, phase) => sum + phase.load.requests, 0);
  const checks = [
    [
      `open loop at ${formatCount(settings.BENCH_DOSSIER_RATE)}/s`,
      `${formatRate(atRate.load.requestsPerSecond, 'dossiers')} done, ${formatCount(skipped)} skipped, ` +
        `${formatCount(atRate.load.errors)} errors, peak ${atRate.load.openLoop?.peakInFlight ?? 0} open`,
    ],
    ['one-stop RSS after the load', formatMB(run.memory.oneStopAfterLoad.rssBytes)],
    [
      'stored',
      `${formatCount(run.stored.dossiers)} dossiers (${formatCount(measuredSubmissions)} answered 201 in the measured windows, ` +
        `more in warm-ups); outbox ${formatCount(run.stored.outboxEvents)} events, ` +
        `${run.outboxDrained ? 'all relayed' : `${formatCount(run.stored.outboxUnpublished)} NOT relayed`}; ` +
        `${formatCount(run.stored.declaredApplied)} typed-in ${DECLARED_TYPE} facts applied by the registry` +
        `${run.declarationsCaughtUp ? '' : ' (NOT caught up)'}`,
    ],
    [`CPU: no load (${QUIET_SECONDS} s)`, formatCpuUsage(run.quietCpu)],
    ...phases.map((phase) => [`CPU: ${phase.name}`, formatCpuUsage(phase.cpu)]),
    ...phases.map((phase) => [`CPU per dossier: ${phase.name}`, formatCpuPerDossier(phase)]),
    [
      'mesh set-up',
      `${formatCount(run.mesh.seed.people)} people seeded in ${formatSeconds(run.mesh.seed.seconds)}; bulk sync ` +
        `${formatSeconds(run.mesh.syncSeconds)}, applied by the registry after ${formatSeconds(run.mesh.appliedSeconds)}; ` +
        run.plans
          .map(
            (plan) =>
              `prefill ${plan.procedureCode}: ${formatCount(plan.submissions.length)} planned, p50 ${formatMs(plan.prefillLatency.p50Ms)}` +
              (Object.keys(plan.skipped).length > 0 ? `, skipped ${JSON.stringify(plan.skipped)}` : ''),
          )
          .join('; '),
    ],
  ];
  const errorLines = phases.flatMap((phase) =>
    phase.load.errorSamples.length > 0
      ? [`errors (${phase.name}): ${phase.load.errorSamples.join(' | ')}`]
      : [],
  );
  return {
    columns: ['throughput', 'p50', 'p99', 'facts per dossier'],
    rows,
    notes: checks,
    lines: errorLines,
    result,
  };
}
