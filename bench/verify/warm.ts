/**
 * Warms the adapter from the bench process: one VerifyCitizen per planned citizen (so each record
 * is fetched upstream once and then held in memory), checking every answer against the record.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { LatencyRecorder, startTimer, type LatencySummary } from '../lib/histogram.ts';
import { POPULATION_PROTO, POPULATION_PROTO_INCLUDE, POPULATION_SERVICE } from '../lib/population-adapter.ts';
import { grpcClient, type TlsFiles } from '../lib/tls.ts';
import type { PlannedVerification } from './requests.ts';

export interface WarmResult {
  calls: number;
  seconds: number;
  /** Answers that matched the record's expectation (verified for the living, not for the dead). */
  asExpected: number;
  verified: number;
  notVerified: number;
  /** Answers that contradict the record: the adapter got the check wrong. */
  unexpected: number;
  unexpectedSamples: { personalId: string; expected: boolean; answer: unknown }[];
  errors: number;
  errorSamples: string[];
  /** A cold call: the adapter asks the simulator, then stores the record. */
  latency: LatencySummary;
}

interface VerifyResponse {
  verified: boolean;
  citizenFound: boolean;
}

export async function warmAdapter(options: {
  target: string;
  plan: PlannedVerification[];
  concurrency: number;
  metadata: Record<string, string>;
  tls: TlsFiles;
}): Promise<WarmResult> {
  const definition = protoLoader.loadSync(POPULATION_PROTO, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [POPULATION_PROTO_INCLUDE],
  });
  const method = (definition[POPULATION_SERVICE] as grpc.ServiceDefinition)['VerifyCitizen']!;
  const client = grpcClient(options.target, options.tls);
  const metadata = new grpc.Metadata();
  for (const [name, value] of Object.entries(options.metadata)) metadata.set(name, value);
  await new Promise<void>((resolve, reject) =>
    client.waitForReady(Date.now() + 30_000, (error) => (error ? reject(error) : resolve())),
  );
  const result: WarmResult = {
    calls: 0,
    seconds: 0,
    asExpected: 0,
    verified: 0,
    notVerified: 0,
    unexpected: 0,
    unexpectedSamples: [],
    errors: 0,
    errorSamples: [],
    latency: new LatencyRecorder().summary(),
  };
  const latency = new LatencyRecorder();
  const call = (request: unknown): Promise<VerifyResponse> =>
    new Promise((resolve, reject) =>
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + 10_000 },
        (error, response) => (error ? reject(error) : resolve(response as VerifyResponse)),
      ),
    );
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.plan.length) {
      const planned = options.plan[next++]!;
      const elapsed = startTimer();
      try {
        const response = await call(planned.request);
        latency.record(elapsed());
        if (response.verified) result.verified += 1;
        else result.notVerified += 1;
        if (response.verified === planned.expectVerified) result.asExpected += 1;
        else {
          result.unexpected += 1;
          if (result.unexpectedSamples.length < 5) {
            result.unexpectedSamples.push({
              personalId: planned.request.personalId,
              expected: planned.expectVerified,
              answer: response,
            });
          }
        }
      } catch (error) {
        result.errors += 1;
        if (result.errorSamples.length < 5) result.errorSamples.push((error as Error).message);
      }
      result.calls += 1;
    }
  };
  const elapsed = startTimer();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    client.close();
  }
  return { ...result, seconds: elapsed() / 1000, latency: latency.summary() };
}
