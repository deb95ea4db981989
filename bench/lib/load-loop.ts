/**
 * The two ways a load generator drives a server, whatever the protocol: a closed loop (a fixed
 * number of calls always in flight: the most the server can take) and an open loop (calls started
 * at a fixed rate whether or not earlier ones have returned: the latency users see at that rate).
 */
import { LatencyRecorder, type LatencySummary } from './histogram.ts';
import type { ProcessMemory } from './process-stats.ts';

const ERROR_SAMPLES = 5;

/** What every load generator reports for its measured window. */
export interface LoadResult {
  concurrency: number;
  /** How many different requests the calls cycled through. */
  distinctRequests: number;
  /** Calls started inside the measured window that succeeded, and those that failed. */
  requests: number;
  errors: number;
  /** First distinct error messages, to tell a broken target from a slow one. */
  errorSamples: string[];
  /** From the start of the window until the last call started inside it completed. */
  elapsedSeconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** The load generator's own memory at the end of the window. */
  loadMemory: ProcessMemory;
}

export interface LoopSettings<T> {
  /** One call; resolves with the answer, rejects on any failure. */
  call: () => Promise<T>;
  /** Called with each successful answer of the measured window. */
  onAnswer?: (answer: T) => void;
  warmupSeconds: number;
  seconds: number;
  /** Closes the window early (e.g. once a fixed list of calls is done). */
  stopWhen?: () => boolean;
}

export interface LoopOutcome {
  latency: LatencyRecorder;
  errors: number;
  errorSamples: string[];
  elapsedSeconds: number;
}

class Window {
  readonly latency = new LatencyRecorder();
  readonly errorSamples = new Set<string>();
  errors = 0;
  readonly startedAt = performance.now();
  readonly measureFrom: number;
  readonly stopAt: number;

  constructor(settings: { warmupSeconds: number; seconds: number }) {
    this.measureFrom = this.startedAt + settings.warmupSeconds * 1000;
    this.stopAt = this.measureFrom + settings.seconds * 1000;
  }

  fail(error: unknown): void {
    this.errors += 1;
    if (this.errorSamples.size < ERROR_SAMPLES) this.errorSamples.add((error as Error).message);
  }

  outcome(): LoopOutcome {
    return {
      latency: this.latency,
      errors: this.errors,
      errorSamples: [...this.errorSamples],
      elapsedSeconds: (performance.now() - this.measureFrom) / 1000,
    };
  }
}

/**
 * `concurrency` lanes, each issuing its next call as soon as the previous one returns, so exactly
 * that many calls are in flight until the window closes. Latency is one call.
 */
export async function closedLoop<T>(
  settings: LoopSettings<T> & { concurrency: number },
): Promise<LoopOutcome> {
  const window = new Window(settings);
  const open = (startedAt: number): boolean => startedAt < window.stopAt && !settings.stopWhen?.();
  const lane = async (): Promise<void> => {
    for (let startedAt = performance.now(); open(startedAt); startedAt = performance.now()) {
      const measured = startedAt >= window.measureFrom;
      try {
        const answer = await settings.call();
        if (measured) {
          window.latency.record(performance.now() - startedAt);
          settings.onAnswer?.(answer);
        }
      } catch (error) {
        if (measured) window.fail(error);
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, lane));
  return window.outcome();
}

export interface OpenLoopOutcome extends LoopOutcome {
  /** Calls the schedule asked for in the window, and those skipped because `maxInFlight` were still open. */
  scheduled: number;
  skipped: number;
  /** The most calls in flight at once. */
  peakInFlight: number;
}

/**
 * Starts calls at `rate` per second on a fixed schedule, whether or not earlier ones have
 * returned. Latency runs from the moment a call was due, not from when it went out, so a stalled
 * generator or server cannot hide queueing (no coordinated omission). A call due while
 * `maxInFlight` are open is skipped and counted: the server is not keeping up.
 */
export async function openLoop<T>(
  settings: LoopSettings<T> & { rate: number; maxInFlight: number },
): Promise<OpenLoopOutcome> {
  const window = new Window(settings);
  const intervalMs = 1000 / settings.rate;
  const open = new Set<Promise<void>>();
  let issued = 0;
  let scheduled = 0;
  let skipped = 0;
  let peakInFlight = 0;
  for (let now = performance.now(); now < window.stopAt; now = performance.now()) {
    for (let dueAt = window.startedAt + issued * intervalMs; dueAt <= now; dueAt += intervalMs) {
      issued += 1;
      const measured = dueAt >= window.measureFrom;
      if (measured) scheduled += 1;
      if (open.size >= settings.maxInFlight) {
        if (measured) skipped += 1;
        continue;
      }
      const started = settings.call().then(
        (answer) => {
          if (!measured) return;
          window.latency.record(performance.now() - dueAt);
          settings.onAnswer?.(answer);
        },
        (error: unknown) => {
          if (measured) window.fail(error);
        },
      );
      open.add(started);
      void started.finally(() => open.delete(started));
      peakInFlight = Math.max(peakInFlight, open.size);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1, intervalMs)));
  }
  await Promise.all(open);
  return { ...window.outcome(), scheduled, skipped, peakInFlight };
}
