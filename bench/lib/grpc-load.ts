import type { LoadResult } from './load-loop.ts';
import type { TlsFiles } from './tls.ts';
import { forkModule, stopChild, waitForMessage, type ChildMessage } from './child-process.ts';

/** One unary method to drive, named the way it appears in its .proto file. */
export interface GrpcLoadOptions {
  /** host:port of the server under load. */
  target: string;
  /** Absolute path of the .proto declaring the service, plus its import roots. */
  protoFile: string;
  includeDirs?: string[];
  /** Fully qualified service name, e.g. `motlan.bench.v1.EchoService`. */
  service: string;
  /** Method name as in the proto, e.g. `Echo`. */
  method: string;
  /**
   * The request as a plain object in proto-loader's shape (camelCase fields, longs as strings),
   * sent by every call. It reaches the load process as JSON, so give bytes fields as base64 strings.
   */
  request?: unknown;
  /**
   * Several requests instead of one: calls take them in turn and start over at the end, so a
   * server is loaded with many different keys. Same shape as `request`.
   */
  requests?: unknown[];
  /** Mutual TLS: the CA to trust and the client certificate to present. Plaintext when absent. */
  tls?: TlsFiles;
  /** Metadata (headers) sent with every call. */
  metadata?: Record<string, string>;
  /**
   * A top-level response field (proto-loader's camelCase name, e.g. `verified`) whose values are
   * counted over the measured window, to show the server did the real work and not an error path.
   */
  countResponsesBy?: string;
  /** Calls kept in flight at all times, over one channel. */
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** Per-call deadline. */
  deadlineMs?: number;
}

export interface GrpcLoadResult extends LoadResult {
  /** Measured successful responses by the value of `countResponsesBy` (absent when not asked). */
  responseCounts?: Record<string, number>;
}

/** The parent's first message to the load process: what to run (IPC, so large request lists fit). */
export interface GrpcLoadStartMessage extends ChildMessage {
  type: 'start';
  options: GrpcLoadOptions;
}

export interface GrpcLoadResultMessage extends ChildMessage {
  type: 'result';
  result: GrpcLoadResult;
}

const WORKER = new URL('./grpc-load-worker.ts', import.meta.url);

/**
 * Runs the load generator in a child process of its own, so its CPU and memory are never
 * counted against the server it loads, and resolves with what it measured.
 */
export async function runGrpcLoad(options: GrpcLoadOptions): Promise<GrpcLoadResult> {
  const child = forkModule(WORKER);
  try {
    const start: GrpcLoadStartMessage = { type: 'start', options };
    child.send(start);
    const budgetMs = (options.warmupSeconds + options.seconds) * 1000 + 60_000;
    const message = await waitForMessage<GrpcLoadResultMessage>(child, 'result', budgetMs);
    return message.result;
  } finally {
    await stopChild(child);
  }
}
