import { forkModule, stopChild, waitForMessage } from '../lib/child-process.ts';
import { runGrpcLoad, type GrpcLoadResult } from '../lib/grpc-load.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import type { TlsFiles } from '../lib/tls.ts';
import { ECHO_PROTO, ECHO_SERVICE } from './echo-fixture.ts';
import type { ListeningMessage } from './echo-server.ts';

export interface GrpcEchoBaselineOptions {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  /** Length of the echoed string. */
  payloadBytes?: number;
  /** Mutual TLS between load generator and server (both certificates from one CA); plaintext when absent. */
  tls?: { server: TlsFiles; client: TlsFiles };
}

export interface GrpcEchoBaselineResult extends GrpcLoadResult {
  payloadBytes: number;
  tls: boolean;
  /** The echo server's memory once the load has finished. */
  serverMemory: ProcessMemory;
}

/**
 * Bare grpc-js unary throughput and latency: echo server and load generator in two child processes.
 * With `tls`, the same over mutual TLS.
 */
export async function runGrpcEchoBaseline(options: GrpcEchoBaselineOptions): Promise<GrpcEchoBaselineResult> {
  const payloadBytes = options.payloadBytes ?? 100;
  const server = forkModule(new URL('./echo-server.ts', import.meta.url), [
    JSON.stringify(options.tls ? { tls: options.tls.server } : {}),
  ]);
  try {
    const { port } = await waitForMessage<ListeningMessage>(server, 'listening', 30_000);
    const load = await runGrpcLoad({
      target: `127.0.0.1:${port}`,
      protoFile: ECHO_PROTO,
      service: ECHO_SERVICE,
      method: 'Echo',
      request: { message: 'x'.repeat(payloadBytes) },
      ...(options.tls ? { tls: options.tls.client } : {}),
      concurrency: options.concurrency,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
    });
    return {
      ...load,
      payloadBytes,
      tls: options.tls !== undefined,
      serverMemory: readProcessMemory(server.pid),
    };
  } finally {
    await stopChild(server);
  }
}
