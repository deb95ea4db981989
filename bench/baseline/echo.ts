/**
 * The floors our services are compared with in the same run: a bare grpc-js unary echo and a bare
 * Fastify POST echo, each server a child process of its own, loaded by the same load generator
 * (another child) with the same settings as the service it is compared with.
 */
import { forkModule, stopChild, waitForMessage } from '../lib/child-process.ts';
import { runLoad, type HttpRequestSpec, type LoadRunResult } from '../lib/load.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { formatMB, loadRow } from '../lib/report.ts';
import { devTlsFiles, type TlsFiles } from '../lib/tls.ts';
import { ECHO_PROTO, ECHO_SERVICE } from './echo-fixture.ts';
import type { ListeningMessage } from './echo-server.ts';

export interface EchoBaselineOptions {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  /** Mutual TLS between load generator and server (both certificates from one CA); plaintext when absent. */
  tls?: { server: TlsFiles; client: TlsFiles };
}

interface EchoServerFigures {
  tls: boolean;
  /** The echo server's memory once the load has finished. */
  serverMemory: ProcessMemory;
}

export interface GrpcEchoBaselineResult extends LoadRunResult, EchoServerFigures {
  payloadBytes: number;
}

export interface HttpEchoBaselineResult extends LoadRunResult, EchoServerFigures {
  bodyBytes: number;
}

/** Starts `server` (a module of this folder), loads it as `load` says, stops it. */
async function againstEchoServer(
  server: string,
  options: EchoBaselineOptions,
  load: (port: number) => Promise<LoadRunResult>,
): Promise<LoadRunResult & EchoServerFigures> {
  const child = forkModule(new URL(server, import.meta.url), [
    JSON.stringify(options.tls ? { tls: options.tls.server } : {}),
  ]);
  try {
    const { port } = await waitForMessage<ListeningMessage>(child, 'listening', 30_000);
    const result = await load(port);
    return { ...result, tls: options.tls !== undefined, serverMemory: readProcessMemory(child.pid) };
  } finally {
    await stopChild(child);
  }
}

const window = (options: EchoBaselineOptions) => ({
  ...(options.tls ? { tls: options.tls.client } : {}),
  concurrency: options.concurrency,
  warmupSeconds: options.warmupSeconds,
  seconds: options.seconds,
});

/** Bare grpc-js unary `Echo` of a `payloadBytes` string (default 100). */
export async function runGrpcEchoBaseline(
  options: EchoBaselineOptions & { payloadBytes?: number },
): Promise<GrpcEchoBaselineResult> {
  const payloadBytes = options.payloadBytes ?? 100;
  const result = await againstEchoServer('./echo-server.ts', options, (port) =>
    runLoad({
      protocol: 'grpc',
      target: `127.0.0.1:${port}`,
      protoFile: ECHO_PROTO,
      service: ECHO_SERVICE,
      method: 'Echo',
      requests: [{ message: 'x'.repeat(payloadBytes) }],
      ...window(options),
    }),
  );
  return { ...result, payloadBytes };
}

/** Bare Fastify `POST /echo` of `body` (JSON), answered with the body. */
export async function runHttpEchoBaseline(
  options: EchoBaselineOptions & { body: unknown },
): Promise<HttpEchoBaselineResult> {
  const request: HttpRequestSpec = { method: 'POST', path: '/echo', body: options.body };
  const result = await againstEchoServer('./http-echo-server.ts', options, (port) =>
    runLoad({
      protocol: 'http',
      origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
      requests: [request],
      expectStatus: 200,
      ...window(options),
    }),
  );
  return { ...result, bodyBytes: Buffer.byteLength(JSON.stringify(options.body)) };
}

/** The bare echo and, to price TLS on its own, the same over mutual TLS: what warm gRPC calls are compared with. */
export interface GrpcEchoPair {
  echo: GrpcEchoBaselineResult;
  echoTls: GrpcEchoBaselineResult;
}

/** Both echoes with the load of the service they are compared with (`bench-client` → a service certificate). */
export async function runGrpcEchoPair(
  settings: { BENCH_SECONDS: number; BENCH_WARMUP_SECONDS: number; BENCH_GRPC_CONCURRENCY: number },
  /** The echo server presents this service's certificate: the one the compared service has. */
  serverCertificate: string,
): Promise<GrpcEchoPair> {
  const options = {
    seconds: settings.BENCH_SECONDS,
    warmupSeconds: settings.BENCH_WARMUP_SECONDS,
    concurrency: settings.BENCH_GRPC_CONCURRENCY,
  };
  console.log(
    `baseline: grpc echo, ${options.concurrency} in flight, ${options.warmupSeconds} s warm-up + ${options.seconds} s measured, ` +
      'plain then over mutual TLS ...',
  );
  const echo = await runGrpcEchoBaseline(options);
  const echoTls = await runGrpcEchoBaseline({
    ...options,
    tls: { server: devTlsFiles(serverCertificate), client: devTlsFiles('bench-client') },
  });
  return { echo, echoTls };
}

/** The pair's measurement rows. */
export function grpcEchoRows({ echo, echoTls }: GrpcEchoPair): string[][] {
  const rss = (result: GrpcEchoBaselineResult) =>
    `server ${formatMB(result.serverMemory.rssBytes)} / load ${formatMB(result.loadMemory.rssBytes)}`;
  return [
    loadRow(`grpc echo (${echo.concurrency} in flight, ${echo.payloadBytes} B)`, echo, rss(echo)),
    loadRow(`grpc echo over mutual TLS (${echoTls.concurrency} in flight)`, echoTls, rss(echoTls)),
  ];
}
