import { forkModule, stopChild, waitForMessage, type ChildMessage } from './child-process.ts';
import type { LoadResult } from './load-loop.ts';
import type { TlsFiles } from './tls.ts';

/** One HTTP request the load generator sends; `body` goes out as JSON. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Sent with this request (beside content-type for a body), e.g. whom a portal acts for. */
  headers?: Record<string, string>;
}

export interface HttpLoadOptions {
  /** e.g. `https://127.0.0.1:7300` */
  origin: string;
  /** Mutual TLS: the CA to trust and the client certificate to present. */
  tls?: TlsFiles;
  /** Calls take these in turn and start over at the end. */
  requests: HttpRequestSpec[];
  /** The status every call must answer with; any other is an error, sampled with its problem code. */
  expectStatus: number;
  /**
   * A field of the JSON answer, as a dotted path (e.g. `onceOnly.prefilled`), whose values are
   * counted over the measured window, to show the server did the real work.
   */
  countResponsesBy?: string;
  /** Closed loop: calls always in flight. Open loop: the most in flight at once. Also the connection count. */
  concurrency: number;
  /** Open loop: start calls at this rate per second, whether or not earlier ones have returned. */
  rate?: number;
  warmupSeconds: number;
  seconds: number;
  /** Per-call limit on waiting for the answer. */
  deadlineMs?: number;
}

export interface HttpLoadResult extends LoadResult {
  responseCounts?: Record<string, number>;
  /** Set for an open loop: the rate asked for, calls due in the window, and those skipped (too many open). */
  openLoop?: { rate: number; scheduled: number; skipped: number; peakInFlight: number };
}

export interface HttpLoadStartMessage extends ChildMessage {
  type: 'start';
  options: HttpLoadOptions;
}

export interface HttpLoadResultMessage extends ChildMessage {
  type: 'result';
  result: HttpLoadResult;
}

const WORKER = new URL('./http-load-worker.ts', import.meta.url);

/**
 * Runs the HTTP load generator in a child process of its own, so its CPU and memory are never
 * counted against the server it loads, and resolves with what it measured.
 */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const child = forkModule(WORKER);
  try {
    const start: HttpLoadStartMessage = { type: 'start', options };
    child.send(start);
    const budgetMs = (options.warmupSeconds + options.seconds) * 1000 + 120_000;
    const message = await waitForMessage<HttpLoadResultMessage>(child, 'result', budgetMs);
    return message.result;
  } finally {
    await stopChild(child);
  }
}
