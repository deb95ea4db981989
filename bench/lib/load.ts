/**
 * One load generator for every protocol the benches drive: unary gRPC calls or HTTP requests,
 * in a closed loop (`concurrency` always in flight) or an open loop (`rate` per second), run in a
 * child process of its own (load-worker.ts) so its CPU and memory never count against the server
 * it loads. Options reach the child over IPC, so large request lists fit.
 */
import { forkModule, stopChild, waitForMessage, type ChildMessage } from './child-process.ts';
import type { LoadResult } from './load-loop.ts';
import type { TlsFiles } from './tls.ts';

/** What both protocols share. */
interface CommonLoadOptions {
  /** Mutual TLS: the CA to trust and the client certificate to present. Plaintext when absent. */
  tls?: TlsFiles;
  /**
   * A field of the answer, as a dotted path of proto-loader's camelCase names or JSON keys (e.g.
   * `verified`, `onceOnly.prefilled`), whose values are counted over the measured window, to show
   * the server did the real work and not an error path.
   */
  countResponsesBy?: string;
  /** Closed loop: calls always in flight. Open loop: the most in flight at once (beyond: skipped). */
  concurrency: number;
  /** Open loop: start calls at this rate per second, whether or not earlier ones have returned. */
  rate?: number;
  warmupSeconds: number;
  seconds: number;
  /** Per-call deadline. */
  deadlineMs?: number;
}

/** One unary gRPC method, by its service's full name (e.g. `motlan.population.v1.PopulationService`). */
export interface GrpcLoadOptions extends CommonLoadOptions {
  /** host:port of the server under load. */
  target: string;
  service: string;
  /** Method name as in the proto, e.g. `VerifyCitizen`. */
  method: string;
  /** A .proto outside protos/ (e.g. the bare echo), with its import roots; default: @motlan/proto's. */
  protoFile?: string;
  includeDirs?: string[];
  /**
   * Requests in proto-loader's shape (camelCase fields, longs as strings, bytes as base64), taken
   * in turn and started over at the end, so a server is loaded with many different keys.
   */
  requests: unknown[];
  /** Metadata sent with every call. */
  metadata?: Record<string, string>;
}

/** One HTTP request the load generator sends; `body` goes out as JSON. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Sent with this request (beside content-type for a body), e.g. whom a portal acts for. */
  headers?: Record<string, string>;
}

export interface HttpLoadOptions extends CommonLoadOptions {
  /** e.g. `https://127.0.0.1:7300`; a pool of `concurrency` keep-alive connections (undici). */
  origin: string;
  /** Taken in turn, started over at the end. */
  requests: HttpRequestSpec[];
  /** The status every call must answer with; any other is an error, sampled with its problem code. */
  expectStatus: number;
}

export type LoadOptions = ({ protocol: 'grpc' } & GrpcLoadOptions) | ({ protocol: 'http' } & HttpLoadOptions);

/** What the generator measured over its window (see LoadResult), plus the counts and open-loop figures. */
export interface LoadRunResult extends LoadResult {
  /** Measured successful answers by the value of `countResponsesBy` (absent when not asked). */
  responseCounts?: Record<string, number>;
  /** Set for an open loop: the rate asked for, calls due in the window, those skipped (too many open). */
  openLoop?: { rate: number; scheduled: number; skipped: number; peakInFlight: number };
}

export interface LoadStartMessage extends ChildMessage {
  type: 'start';
  options: LoadOptions;
}

export interface LoadResultMessage extends ChildMessage {
  type: 'result';
  result: LoadRunResult;
}

const WORKER = new URL('./load-worker.ts', import.meta.url);

/** Runs the load from its own process and resolves with what it measured. */
export async function runLoad(options: LoadOptions): Promise<LoadRunResult> {
  const child = forkModule(WORKER);
  try {
    const start: LoadStartMessage = { type: 'start', options };
    child.send(start);
    const budgetMs = (options.warmupSeconds + options.seconds) * 1000 + 120_000;
    return (await waitForMessage<LoadResultMessage>(child, 'result', budgetMs)).result;
  } finally {
    await stopChild(child);
  }
}

export const runGrpcLoad = (options: GrpcLoadOptions): Promise<LoadRunResult> =>
  runLoad({ protocol: 'grpc', ...options });

export const runHttpLoad = (options: HttpLoadOptions): Promise<LoadRunResult> =>
  runLoad({ protocol: 'http', ...options });
