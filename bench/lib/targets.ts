/**
 * The performance targets every bench judges against, in one place (shared/quality.md,
 * "Performance targets", the one-stop issue for dossiers, issue 13 for notifications), and the
 * one shape a verdict takes in the table and in the JSON result.
 */
import { formatMB, formatMs, formatPercent, formatSeconds } from './report.ts';

export const QualityTargets = {
  /** VerifyCitizen / GetFacts warm, against bare grpc-js echo in the same run. */
  warmGrpcRatioToEcho: 0.6,
  warmGrpcP99Ms: 20,
  /** Declared fact → readable by another procedure, at a sustained rate for a duration. */
  propagationP99Ms: 100,
  propagationPerSecond: 1_000,
  propagationSeconds: 60,
  /** Population change → subscriber notified (issue 13), at a sustained rate for a duration. */
  notifyP99Ms: 200,
  notifyPerSecond: 1_000,
  notifySeconds: 60,
  /** Synthetic population → adapter → Kafka. */
  syncCitizens: 1_000_000,
  syncSeconds: 600,
  /** Dossier submission with prefill. */
  dossiersPerSecond: 500,
  dossierP99Ms: 50,
  /** Every service, idle. */
  idleRssBytes: 150e6,
} as const;

export type TargetUnit = 'ratio' | 'ms' | 'bytes' | 'seconds' | 'per-second' | 'count';

/** One target's verdict, as the JSON result keeps it. */
export interface TargetVerdict {
  what: string;
  actual: number;
  target: number;
  /** `≥`: at least the target; `≤`: at most. */
  comparison: '≥' | '≤';
  unit: TargetUnit;
  met: boolean;
  /** What else the verdict depends on or should be read with, e.g. "no skips, no errors". */
  note?: string;
}

function compare(comparison: '≥' | '≤') {
  return (what: string, actual: number, target: number, unit: TargetUnit, note?: string): TargetVerdict => ({
    what,
    actual,
    target,
    comparison,
    unit,
    met: comparison === '≥' ? actual >= target : actual <= target,
    ...(note ? { note } : {}),
  });
}

/** `actual` must be at least `target`. */
export const atLeast = compare('≥');
/** `actual` must be at most `target`. */
export const atMost = compare('≤');

/** A verdict that also needs conditions the number does not show (e.g. nothing skipped). */
export function andAlso(verdict: TargetVerdict, condition: boolean, note: string): TargetVerdict {
  return {
    ...verdict,
    met: verdict.met && condition,
    note: verdict.note ? `${verdict.note}; ${note}` : note,
  };
}

export function formatValue(value: number, unit: TargetUnit): string {
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'ms':
      return formatMs(value);
    case 'bytes':
      return formatMB(value);
    case 'seconds':
      return formatSeconds(value);
    case 'per-second':
      return `${Math.round(value).toLocaleString('en-US')}/s`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
  }
}

/** A target's verdict as the tables print it. */
export function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** Table rows: what, actual, target, verdict (and its note). */
export function targetRows(targets: Record<string, TargetVerdict>): string[][] {
  return Object.values(targets).map((target) => [
    target.what,
    formatValue(target.actual, target.unit),
    `${target.comparison} ${formatValue(target.target, target.unit)}`,
    verdict(target.met) + (target.note ? `  (${target.note})` : ''),
  ]);
}
