/**
 * Child process started by runGrpcLoad (grpc-load.ts): waits for its options over IPC, keeps
 * `concurrency` unary calls in flight over one channel for a warm-up, then for the measured
 * window, and sends the result back.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { serveOneRun } from './child-process.ts';
import type { GrpcLoadOptions, GrpcLoadResult } from './grpc-load.ts';
import { closedLoop } from './load-loop.ts';
import { readProcessMemory } from './process-stats.ts';
import { grpcClient } from './tls.ts';

function findMethod(options: GrpcLoadOptions): grpc.MethodDefinition<unknown, unknown> {
  const definition = protoLoader.loadSync(options.protoFile, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: options.includeDirs ?? [],
  });
  const service = definition[options.service] as grpc.ServiceDefinition | undefined;
  const method = service?.[options.method];
  if (!method || method.requestStream || method.responseStream) {
    throw new MotlanError(
      CommonErrors.validation,
      `${options.service}/${options.method} is not a unary method in ${options.protoFile}`,
    );
  }
  return method as grpc.MethodDefinition<unknown, unknown>;
}

function requestList(options: GrpcLoadOptions): unknown[] {
  const requests = options.requests ?? (options.request === undefined ? [] : [options.request]);
  if (requests.length === 0) {
    throw new MotlanError(
      CommonErrors.validation,
      'give the load generator a request or a non-empty requests list',
    );
  }
  return requests;
}

function waitForReady(client: grpc.Client, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) =>
    client.waitForReady(Date.now() + deadlineMs, (error) => (error ? reject(error) : resolve())),
  );
}

async function generateLoad(options: GrpcLoadOptions): Promise<GrpcLoadResult> {
  const method = findMethod(options);
  const requests = requestList(options);
  const metadata = new grpc.Metadata();
  for (const [name, value] of Object.entries(options.metadata ?? {})) metadata.set(name, value);
  const client = grpcClient(options.target, options.tls);
  const deadlineMs = options.deadlineMs ?? 10_000;
  let nextRequest = 0;
  const call = (): Promise<unknown> => {
    const request = requests[nextRequest];
    nextRequest = (nextRequest + 1) % requests.length;
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
  };
  const countBy = options.countResponsesBy;
  const responseCounts: Record<string, number> = {};
  const countResponse = (response: unknown): void => {
    if (countBy === undefined) return;
    const key = String((response as Record<string, unknown> | null)?.[countBy]);
    responseCounts[key] = (responseCounts[key] ?? 0) + 1;
  };

  try {
    await waitForReady(client, 10_000);
    const window = await closedLoop({
      call,
      onAnswer: countResponse,
      concurrency: options.concurrency,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
    });
    return {
      concurrency: options.concurrency,
      distinctRequests: requests.length,
      requests: window.latency.count,
      errors: window.errors,
      errorSamples: window.errorSamples,
      ...(countBy === undefined ? {} : { responseCounts }),
      elapsedSeconds: window.elapsedSeconds,
      requestsPerSecond: window.latency.count / window.elapsedSeconds,
      latency: window.latency.summary(),
      // Sampled right after the last call returned, while everything the load needed is still live.
      loadMemory: readProcessMemory(process.pid),
    };
  } finally {
    client.close();
  }
}

serveOneRun(generateLoad);
