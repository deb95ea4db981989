import { build } from 'hdr-histogram-js';

/** Latency percentiles in milliseconds, as every bench reports them. */
export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

/**
 * Records durations into an HDR histogram at microsecond resolution (3 significant digits), so
 * percentiles stay exact enough at any rate without keeping every sample.
 */
export class LatencyRecorder {
  private readonly histogram = build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });

  /** Records one duration given in milliseconds. */
  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): LatencySummary {
    const atPercentile = (percentile: number): number =>
      this.histogram.getValueAtPercentile(percentile) / 1000;
    return {
      count: this.histogram.totalCount,
      meanMs: this.histogram.mean / 1000,
      p50Ms: atPercentile(50),
      p90Ms: atPercentile(90),
      p99Ms: atPercentile(99),
      p999Ms: atPercentile(99.9),
      maxMs: this.histogram.maxValue / 1000,
    };
  }
}

/** Starts a monotonic stopwatch; calling the result gives the milliseconds since the start. */
export function startTimer(): () => number {
  const startedAt = performance.now();
  return () => performance.now() - startedAt;
}
