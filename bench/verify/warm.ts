/**
 * Warms the adapter from the bench process: one VerifyCitizen per planned citizen (so each record
 * is fetched upstream once and then held in memory), checking every answer against the record.
 */
import { createGrpcClient } from '@motlan/grpc';
import type { populationV1 } from '@motlan/proto';
import { LatencyRecorder, startTimer, type LatencySummary } from '../lib/histogram.ts';
import { GrpcServices } from '../lib/mesh.ts';
import { channelCredentials, TLS_CHANNEL_OPTIONS, waitForChannel, type TlsFiles } from '../lib/tls.ts';
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

export async function warmAdapter(options: {
  target: string;
  plan: PlannedVerification[];
  concurrency: number;
  metadata: Record<string, string>;
  tls: TlsFiles;
}): Promise<WarmResult> {
  const client = createGrpcClient(GrpcServices.population, {
    address: options.target,
    credentials: channelCredentials(options.tls),
    channelOptions: TLS_CHANNEL_OPTIONS,
    defaultDeadlineMs: 10_000,
  });
  await waitForChannel(client.raw, 30_000);
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
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.plan.length) {
      const planned = options.plan[next++]!;
      const elapsed = startTimer();
      try {
        const response = await client.call<populationV1.VerifyCitizenResponse__Output>(
          'VerifyCitizen',
          planned.request,
          { metadata: options.metadata },
        );
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
