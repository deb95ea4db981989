import { forkModule, stopChild, waitForMessage } from '../lib/child-process.ts';
import { runHttpLoad, type HttpLoadResult } from '../lib/http-load.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import type { TlsFiles } from '../lib/tls.ts';
import type { ListeningMessage } from './echo-server.ts';

export interface HttpEchoBaselineOptions {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  /** The JSON body every call posts (and gets back). */
  body: unknown;
  /** Mutual TLS between load generator and server; plain HTTP when absent. */
  tls?: { server: TlsFiles; client: TlsFiles };
}

export interface HttpEchoBaselineResult extends HttpLoadResult {
  bodyBytes: number;
  tls: boolean;
  /** The echo server's memory once the load has finished. */
  serverMemory: ProcessMemory;
}

/**
 * Bare Fastify POST throughput and latency, measured with the same load generator (a child
 * process of its own) and settings as the service it is compared with.
 */
export async function runHttpEchoBaseline(options: HttpEchoBaselineOptions): Promise<HttpEchoBaselineResult> {
  const server = forkModule(new URL('./http-echo-server.ts', import.meta.url), [
    JSON.stringify(options.tls ? { tls: options.tls.server } : {}),
  ]);
  try {
    const { port } = await waitForMessage<ListeningMessage>(server, 'listening', 30_000);
    const load = await runHttpLoad({
      origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
      ...(options.tls ? { tls: options.tls.client } : {}),
      requests: [{ method: 'POST', path: '/echo', body: options.body }],
      expectStatus: 200,
      concurrency: options.concurrency,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
    });
    return {
      ...load,
      bodyBytes: Buffer.byteLength(JSON.stringify(options.body)),
      tls: options.tls !== undefined,
      serverMemory: readProcessMemory(server.pid),
    };
  } finally {
    await stopChild(server);
  }
}
