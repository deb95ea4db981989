/**
 * Verify-not-reveal calls (VerifyCitizen, VerifyServiceMember) as benches plan, warm and count
 * them: requests spread over a seeded population, each with the answer its record implies; a
 * warm-up from the bench process that checks every answer; the `verified` share under load.
 */
import { createGrpcClient } from '@motlan/grpc';
import { LatencyRecorder, startTimer, type LatencySummary } from './histogram.ts';
import { runGrpcLoad, type LoadRunResult } from './load.ts';
import { readProcessMemory, type ProcessMemory } from './process-stats.ts';
import { channelCredentials, TLS_CHANNEL_OPTIONS, waitForChannel, type TlsFiles } from './tls.ts';

/** One planned call and the answer the seeded record implies for it. */
export interface PlannedVerification<Request extends object = object> {
  request: Request;
  /** What a correct service answers in `verified`. */
  expectVerified: boolean;
}

export interface WarmResult {
  calls: number;
  seconds: number;
  /** Answers that matched the record's expectation. */
  asExpected: number;
  verified: number;
  notVerified: number;
  /** Answers that contradict the record: the service got the check wrong. */
  unexpected: number;
  unexpectedSamples: { request: unknown; expected: boolean; answer: unknown }[];
  errors: number;
  errorSamples: string[];
  /** A cold call: the adapter asks its upstream, then stores the record. */
  latency: LatencySummary;
}

/** The officer on whose behalf a bench asks; the caller itself is its certificate (bench-client). */
export const OFFICER_METADATA = { 'x-officer-id': 'bench-officer' };

/** Which verify-not-reveal method a bench calls, where, and as whom. */
export interface VerificationCalls {
  /** The gRPC service's full name (`GrpcServices`). */
  service: string;
  method: string;
  /** `127.0.0.1:<port>` */
  target: string;
  metadata: Record<string, string>;
  tls: TlsFiles;
}

/**
 * Warms an adapter from the bench process: one call per planned request, `concurrency` in
 * flight, so each record is fetched upstream once and then held in memory; every answer's
 * `verified` is checked against the plan.
 */
export async function warmVerifications(
  options: VerificationCalls & { plan: PlannedVerification[]; concurrency: number },
): Promise<WarmResult> {
  const client = createGrpcClient(options.service, {
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
        const response = await client.call<{ verified: boolean }>(options.method, planned.request, {
          metadata: options.metadata,
        });
        latency.record(elapsed());
        if (response.verified) result.verified += 1;
        else result.notVerified += 1;
        if (response.verified === planned.expectVerified) result.asExpected += 1;
        else {
          result.unexpected += 1;
          if (result.unexpectedSamples.length < 5) {
            result.unexpectedSamples.push({
              request: planned.request,
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

/**
 * Loads the planned requests from the load generator's own process (`lib/load.ts`), cycling over
 * them with `BENCH_GRPC_CONCURRENCY` in flight for `BENCH_WARMUP_SECONDS` + `BENCH_SECONDS`,
 * counting the `verified` values it gets back.
 */
export function loadVerifications(
  options: VerificationCalls & {
    plan: PlannedVerification[];
    settings: { BENCH_GRPC_CONCURRENCY: number; BENCH_WARMUP_SECONDS: number; BENCH_SECONDS: number };
  },
): Promise<LoadRunResult> {
  const { plan, settings, ...calls } = options;
  return runGrpcLoad({
    ...calls,
    requests: plan.map((planned) => planned.request),
    countResponsesBy: 'verified',
    concurrency: settings.BENCH_GRPC_CONCURRENCY,
    warmupSeconds: settings.BENCH_WARMUP_SECONDS,
    seconds: settings.BENCH_SECONDS,
  });
}

/** The share of `verified: true` among the answers the load generator counted. */
export function verifiedShare(load: LoadRunResult): number {
  const answered = Object.values(load.responseCounts ?? {}).reduce((sum, count) => sum + count, 0);
  return answered > 0 ? (load.responseCounts?.['true'] ?? 0) / answered : 0;
}

/** The share of a plan whose right answer is `verified: true`. */
export function expectedVerifiedShare(plan: readonly PlannedVerification[]): number {
  return plan.length > 0 ? plan.filter((planned) => planned.expectVerified).length / plan.length : 0;
}

/** `count` items spread evenly over the whole list (not just its first IDs). */
export function spreadSample<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)]!);
}

/** Every how many planned requests claims a wrong date of birth, so a right answer is not always `true`. */
export const MISMATCH_EVERY = 10;

/** The day before a YYYY-MM-DD date, as YYYY-MM-DD. */
export function dayBefore(isoDate: string): string {
  const date = new Date(Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10) - 1));
  return date.toISOString().slice(0, 10);
}

/** The adapter's memory idle, warm and after the load, and its upstream simulator's. */
export interface VerificationMemory {
  adapterIdle: ProcessMemory;
  adapterWarm: ProcessMemory;
  adapterAfterLoad: ProcessMemory;
  simulator: ProcessMemory;
}

/** Completes the adapter's memory figures once the load is over (reading both processes now). */
export function memoryAfterLoad(
  before: Pick<VerificationMemory, 'adapterIdle' | 'adapterWarm'>,
  pids: { adapter: number; simulator: number },
): VerificationMemory {
  return {
    ...before,
    adapterAfterLoad: readProcessMemory(pids.adapter),
    simulator: readProcessMemory(pids.simulator),
  };
}
