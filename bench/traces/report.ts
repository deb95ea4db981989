/** `traces`'s report: one row per mode and round, the ratios to tracing off, the JSON result. */
import { formatCpuUsage } from '../lib/cpu-usage.ts';
import { formatCount, formatMB, formatPercent, loadRow } from '../lib/report.ts';
import type { BenchReport } from '../lib/harness.ts';
import { MODES, PURPOSE, type ModeWindow, type TraceMode, type TracesRun } from './measure.ts';

const LABELS: Record<TraceMode, string> = {
  off: 'tracing off (OTEL_SDK_DISABLED)',
  dropped: 'spans made, dropped (no endpoint)',
  exported: 'spans exported (OTLP/HTTP JSON)',
};

/** A mode's windows together: calls over seconds, latencies as the median of its windows'. */
function summary(windows: ModeWindow[]) {
  const requests = windows.reduce((sum, window) => sum + window.load.requests, 0);
  const seconds = windows.reduce((sum, window) => sum + window.load.elapsedSeconds, 0);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return {
    windows: windows.length,
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
    errors: windows.reduce((sum, window) => sum + window.load.errors, 0),
    p50Ms: median(windows.map((window) => window.load.latency.p50Ms)),
    p99Ms: median(windows.map((window) => window.load.latency.p99Ms)),
    registryCoreShare: median(windows.map((window) => window.cpu.processes['registry']?.coreShare ?? 0)),
    peakRssBytes: Math.max(...windows.map((window) => window.memory.peakRssBytes)),
    /**
     * The registry's CPU over its loads (warm-up included) per GetFacts it served then: less
     * sensitive than throughput to what others run on the shared cores, though its background
     * work (relays, consumers) is spread over fewer calls when fewer are served.
     */
    registryCpuMsPerCall:
      (1000 * windows.reduce((sum, window) => sum + (window.cpu.processes['registry']?.seconds ?? 0), 0)) /
      Math.max(
        1,
        windows.reduce((sum, window) => sum + window.callsServed, 0),
      ),
  };
}

export function reportTraces(run: TracesRun): BenchReport {
  const byMode = Object.fromEntries(
    MODES.map((mode) => [mode, summary(run.windows.filter((window) => window.mode === mode))]),
  ) as Record<TraceMode, ReturnType<typeof summary>>;
  const off = byMode.off;
  const ratio = (mode: TraceMode) =>
    off.requestsPerSecond > 0 ? byMode[mode].requestsPerSecond / off.requestsPerSecond : 0;
  const exportedCalls = run.windows
    .filter((window) => window.mode === 'exported')
    .reduce((sum, window) => sum + window.callsServed, 0);
  const spansPerCall = exportedCalls > 0 ? run.receivedInAll.spans / exportedCalls : 0;
  const rows = run.windows.map((window) =>
    loadRow(
      `GetFacts, ${LABELS[window.mode]}, round ${window.round}`,
      window.load,
      `registry ${formatMB(window.memory.rssBytes)} (peak ${formatMB(window.memory.peakRssBytes)})`,
    ),
  );
  const notes = [
    ...MODES.filter((mode) => mode !== 'off').map((mode) => [
      `${mode} / off`,
      `${formatPercent(ratio(mode))} of the throughput with tracing off; p99 ${byMode[mode].p99Ms.toFixed(1)} ms ` +
        `against ${off.p99Ms.toFixed(1)} ms (medians over ${byMode[mode].windows} windows)`,
    ]),
    [
      'registry CPU per call',
      MODES.map((mode) => `${mode} ${byMode[mode].registryCpuMsPerCall.toFixed(2)} ms`).join(', ') +
        ` (${MODES.filter((mode) => mode !== 'off')
          .map(
            (mode) => `${mode} ×${(byMode[mode].registryCpuMsPerCall / off.registryCpuMsPerCall).toFixed(2)}`,
          )
          .join(', ')})`,
    ],
    [
      'exported',
      `${formatCount(run.receivedInAll.spans)} spans in ${formatCount(run.receivedInAll.requests)} exports ` +
        `(${formatMB(run.receivedInAll.bytes)}), ${spansPerCall.toFixed(1)} spans per GetFacts served ` +
        `(${formatCount(exportedCalls)} calls, warm-up included; the audit relay's and consumer's spans counted)` +
        (run.receivedInAll.unreadable > 0 ? `; ${run.receivedInAll.unreadable} unreadable bodies` : ''),
    ],
    ...MODES.map((mode) => [
      `CPU, ${mode}`,
      formatCpuUsage(run.windows.find((window) => window.mode === mode)!.cpu),
    ]),
  ];
  return {
    rows,
    notes,
    lines: run.windows.flatMap((window) =>
      window.load.errorSamples.length > 0
        ? [
            `errors under load (${window.mode}, round ${window.round}): ${window.load.errorSamples.join(' | ')}`,
          ]
        : [],
    ),
    result: {
      getFacts: { purpose: PURPOSE, distinctCitizens: run.citizens, factsPublished: run.factsPublished },
      modes: byMode,
      ratioToOff: { dropped: ratio('dropped'), exported: ratio('exported') },
      exported: { ...run.receivedInAll, callsServed: exportedCalls, spansPerCall },
      windows: run.windows,
      schema: run.schema,
      logDir: run.logDir,
    },
  };
}
