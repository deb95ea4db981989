/**
 * Child process started by runGrpcLoad (grpc-load.ts): keeps `concurrency` unary calls in flight
 * over one channel for a warm-up, then for the measured window, and sends the result over IPC.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { failChild, sendToParent } from './child-process.ts';
import type { GrpcLoadOptions, GrpcLoadResult, GrpcLoadResultMessage } from './grpc-load.ts';
import { LatencyRecorder } from './histogram.ts';
import { readProcessMemory } from './process-stats.ts';

const ERROR_SAMPLES = 5;

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

function waitForReady(client: grpc.Client, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) =>
    client.waitForReady(Date.now() + deadlineMs, (error) => (error ? reject(error) : resolve())),
  );
}

async function generateLoad(options: GrpcLoadOptions): Promise<GrpcLoadResult> {
  const method = findMethod(options);
  const client = new grpc.Client(options.target, grpc.credentials.createInsecure());
  const deadlineMs = options.deadlineMs ?? 10_000;
  const call = (): Promise<void> =>
    new Promise((resolve, reject) =>
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        options.request,
        { deadline: Date.now() + deadlineMs },
        (error) => (error ? reject(error) : resolve()),
      ),
    );

  try {
    await waitForReady(client, 10_000);
    const latency = new LatencyRecorder();
    const errorSamples = new Set<string>();
    let errors = 0;
    const measureFrom = performance.now() + options.warmupSeconds * 1000;
    const stopAt = measureFrom + options.seconds * 1000;

    // Each lane issues its next call as soon as the previous one returns, so exactly
    // `concurrency` calls are in flight until the window closes.
    const lane = async (): Promise<void> => {
      for (let startedAt = performance.now(); startedAt < stopAt; startedAt = performance.now()) {
        const measured = startedAt >= measureFrom;
        try {
          await call();
          if (measured) latency.record(performance.now() - startedAt);
        } catch (error) {
          if (!measured) continue;
          errors += 1;
          if (errorSamples.size < ERROR_SAMPLES) errorSamples.add((error as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, lane));

    const elapsedSeconds = (performance.now() - measureFrom) / 1000;
    return {
      concurrency: options.concurrency,
      requests: latency.count,
      errors,
      errorSamples: [...errorSamples],
      elapsedSeconds,
      requestsPerSecond: latency.count / elapsedSeconds,
      latency: latency.summary(),
      // Sampled right after the last call returned, while everything the load needed is still live.
      loadMemory: readProcessMemory(process.pid),
    };
  } finally {
    client.close();
  }
}

try {
  const options = JSON.parse(process.argv[2] ?? '') as GrpcLoadOptions;
  const message: GrpcLoadResultMessage = { type: 'result', result: await generateLoad(options) };
  await sendToParent(message);
  process.disconnect();
} catch (error) {
  failChild(error);
}
