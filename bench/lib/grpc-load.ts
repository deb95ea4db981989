import type { LatencySummary } from './histogram.ts';
import type { ProcessMemory } from './process-stats.ts';
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
   * The request as a plain object in proto-loader's shape (camelCase fields, longs as strings).
   * It reaches the load process as JSON, so give bytes fields as base64 strings.
   */
  request: unknown;
  /** Calls kept in flight at all times, over one channel. */
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** Per-call deadline. */
  deadlineMs?: number;
}

export interface GrpcLoadResult {
  concurrency: number;
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
  const child = forkModule(WORKER, [JSON.stringify(options)]);
  try {
    const budgetMs = (options.warmupSeconds + options.seconds) * 1000 + 60_000;
    const message = await waitForMessage<GrpcLoadResultMessage>(child, 'result', budgetMs);
    return message.result;
  } finally {
    await stopChild(child);
  }
}
