import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** The machine a result was measured on; numbers from different machines are not comparable. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  totalMemoryBytes: number;
  /** 1, 5 and 15 minute load averages when the bench started: a busy machine skews every number. */
  loadAverage: number[];
  node: string;
  platform: string;
}

export function describeMachine(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    loadAverage: loadavg(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * Writes `bench/results/<name>-<timestamp>.json` and `<name>-latest.json` (the one later runs
 * and scripts read) and returns both paths.
 */
export async function writeResult(name: string, result: unknown): Promise<{ file: string; latest: string }> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const stamp = new Date().toISOString().replaceAll(':', '-');
  const file = join(RESULTS_DIR, `${name}-${stamp}.json`);
  const latest = join(RESULTS_DIR, `${name}-latest.json`);
  await writeFile(file, json);
  await writeFile(latest, json);
  return { file, latest };
}

/** Left-aligned columns, two spaces apart, sized to their widest cell. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatRate(perSecond: number, unit: string): string {
  return `${integer.format(perSecond)} ${unit}/s`;
}

/** Three significant figures at most: 0.412 ms, 6.1 ms, 112 ms. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toPrecision(3).replace(/\.?0+$/, '')} ms`;
  return `${integer.format(ms)} ms`;
}

/** Decimal megabytes (10^6 bytes), the unit MB/s throughput uses too. */
export function formatMB(bytes: number): string {
  return `${integer.format(bytes / 1e6)} MB`;
}

/** A folder for one run's service logs: `bench/results/logs/<name>-<timestamp>/` (git-ignored like the results). */
export function runLogDir(name: string, startedAt: Date): string {
  return join(RESULTS_DIR, 'logs', `${name}-${startedAt.toISOString().replaceAll(':', '-')}`);
}

/** A share as a whole percentage: 0.634 → "63%". */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** Seconds as "42.1 s" or "12 min 5 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** " (N errors)" after a rate, or nothing. */
export function errorsNote(count: number): string {
  return count > 0 ? ` (${formatCount(count)} errors)` : '';
}

/** A measurement row for one load: label, requests/s (and errors), p50, p99, and the RSS text given. */
export function loadRow(
  label: string,
  load: { requestsPerSecond: number; errors: number; latency: { p50Ms: number; p99Ms: number } },
  rss: string,
  unit = 'req',
): string[] {
  return [
    label,
    formatRate(load.requestsPerSecond, unit) + errorsNote(load.errors),
    formatMs(load.latency.p50Ms),
    formatMs(load.latency.p99Ms),
    rss,
  ];
}
