/**
 * Child process started by runLoad (load.ts): waits for its options over IPC, opens the one
 * protocol's caller, drives it in a closed or an open loop and sends the result back.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Pool } from 'undici';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { PROTO_LOADER_OPTIONS, serviceDefinition } from '@motlan/proto';
import { serveOneRun } from './child-process.ts';
import type { GrpcLoadOptions, HttpLoadOptions, LoadOptions, LoadRunResult } from './load.ts';
import { closedLoop, openLoop, type LoopOutcome } from './load-loop.ts';
import { readProcessMemory } from './process-stats.ts';
import { grpcClient, readTlsFiles, waitForChannel } from './tls.ts';

interface Caller {
  /** One call with the next request; resolves with the decoded answer. */
  call(): Promise<unknown>;
  close(): Promise<void>;
}

function unaryMethod(options: GrpcLoadOptions): grpc.MethodDefinition<unknown, unknown> {
  const service = options.protoFile
    ? (protoLoader.loadSync(options.protoFile, {
        ...PROTO_LOADER_OPTIONS,
        includeDirs: options.includeDirs ?? [],
      })[options.service] as grpc.ServiceDefinition | undefined)
    : serviceDefinition(options.service);
  const method = service?.[options.method];
  if (!method || method.requestStream || method.responseStream) {
    throw new MotlanError(
      CommonErrors.validation,
      `${options.service}/${options.method} is not a unary method`,
    );
  }
  return method as grpc.MethodDefinition<unknown, unknown>;
}

async function grpcCaller(options: GrpcLoadOptions): Promise<Caller> {
  const method = unaryMethod(options);
  const metadata = new grpc.Metadata();
  for (const [name, value] of Object.entries(options.metadata ?? {})) metadata.set(name, value);
  const client = grpcClient(options.target, options.tls);
  await waitForChannel(client, 10_000);
  const deadlineMs = options.deadlineMs ?? 10_000;
  let next = 0;
  return {
    call: () => {
      const request = options.requests[next];
      next = (next + 1) % options.requests.length;
      return new Promise((resolve, reject) =>
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          metadata,
          { deadline: Date.now() + deadlineMs },
          (error, response) => (error ? reject(error) : resolve(response)),
        ),
      );
    },
    close: async () => client.close(),
  };
}

function httpCaller(options: HttpLoadOptions): Caller {
  // Bodies are serialised once: the generator's own work must stay small next to the server's.
  const requests = options.requests.map((request) => ({
    method: request.method,
    path: request.path,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    headers: {
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
  }));
  const deadlineMs = options.deadlineMs ?? 10_000;
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    ...(options.tls ? { connect: { ...readTlsFiles(options.tls) } } : {}),
  });
  let next = 0;
  return {
    call: async () => {
      const request = requests[next]!;
      next = (next + 1) % requests.length;
      const answer = await pool.request({ ...request, headersTimeout: deadlineMs, bodyTimeout: deadlineMs });
      const text = await answer.body.text();
      if (answer.statusCode !== options.expectStatus) {
        const problem = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? text.slice(0, 120);
        throw new MotlanError(
          CommonErrors.unavailable,
          `${request.method} ${request.path} → ${answer.statusCode} ${problem}`,
        );
      }
      return options.countResponsesBy === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    close: () => pool.close(),
  };
}

function fieldAt(answer: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], answer);
}

async function generateLoad(options: LoadOptions): Promise<LoadRunResult> {
  if (options.requests.length === 0) {
    throw new MotlanError(CommonErrors.validation, 'give the load generator a non-empty requests list');
  }
  const caller = options.protocol === 'grpc' ? await grpcCaller(options) : httpCaller(options);
  const countBy = options.countResponsesBy;
  const responseCounts: Record<string, number> = {};
  const onAnswer = (answer: unknown): void => {
    if (countBy === undefined) return;
    const key = String(fieldAt(answer, countBy));
    responseCounts[key] = (responseCounts[key] ?? 0) + 1;
  };
  const loop = {
    call: caller.call,
    onAnswer,
    warmupSeconds: options.warmupSeconds,
    seconds: options.seconds,
  };
  try {
    let window: LoopOutcome;
    let openLoopFigures: LoadRunResult['openLoop'];
    if (options.rate === undefined) {
      window = await closedLoop({ ...loop, concurrency: options.concurrency });
    } else {
      const outcome = await openLoop({ ...loop, rate: options.rate, maxInFlight: options.concurrency });
      window = outcome;
      const { scheduled, skipped, peakInFlight } = outcome;
      openLoopFigures = { rate: options.rate, scheduled, skipped, peakInFlight };
    }
    return {
      concurrency: options.concurrency,
      distinctRequests: options.requests.length,
      requests: window.latency.count,
      errors: window.errors,
      errorSamples: window.errorSamples,
      ...(countBy === undefined ? {} : { responseCounts }),
      ...(openLoopFigures ? { openLoop: openLoopFigures } : {}),
      elapsedSeconds: window.elapsedSeconds,
      requestsPerSecond: window.latency.count / window.elapsedSeconds,
      latency: window.latency.summary(),
      // Sampled right after the last call returned, while everything the load needed is still live.
      loadMemory: readProcessMemory(process.pid),
    };
  } finally {
    await caller.close();
  }
}

serveOneRun(generateLoad);
