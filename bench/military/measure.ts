/**
 * `military`'s measurement: the adapter's idle RSS, a warm-up from the bench process (every
 * sampled member by personal ID, so each record is fetched upstream once, then by military person
 * code; every answer checked against the record), then two loads from the load generator's own
 * process — by personal ID, then by military person code — counting the simulator's lookups on
 * each of its two routes to show which load stayed warm.
 */
import type { BenchContext } from '../lib/harness.ts';
import type { LoadRunResult } from '../lib/load.ts';
import { GrpcServices } from '../lib/mesh.ts';
import { simulatorRequestCount } from '../lib/npdb.ts';
import { CpuMeter, readProcessMemory, type CpuUsage } from '../lib/process-stats.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { sleep } from '../lib/timeout.ts';
import {
  expectedVerifiedShare,
  loadVerifications,
  memoryAfterLoad,
  OFFICER_METADATA,
  warmVerifications,
  type PlannedVerification,
  type VerificationCalls,
  type VerificationMemory,
  type WarmResult,
} from '../lib/verifications.ts';
import type { MilitaryMesh } from './mesh.ts';
import type { MilitarySettings } from './settings.ts';

/** The simulator's two lookup routes (its README, "REST API"): what the adapter asks upstream. */
const UPSTREAM_ROUTES = {
  byPersonalId: '/api/v1/ho-so/theo-so-dinh-danh/:soDinhDanh',
  byMilitaryCode: '/api/v1/ho-so/:maDinhDanhQuanNhan',
} as const;

/** How a request names the person; each is warmed and loaded on its own. */
export type LookupKey = keyof typeof UPSTREAM_ROUTES;
export const LOOKUP_KEYS: readonly LookupKey[] = ['byPersonalId', 'byMilitaryCode'];
/** How the report names each key. */
export const LOOKUP_LABEL: Record<LookupKey, string> = {
  byPersonalId: 'by personal ID',
  byMilitaryCode: 'by military code',
};

/** Lookups the simulator answered on each route during a phase. */
export type UpstreamCalls = Record<LookupKey, number>;

export interface MilitaryMeasured {
  mesh: Pick<MilitaryMesh, 'seed' | 'personnel'>;
  members: number;
  expectedVerifiedShare: number;
  warm: Record<LookupKey, WarmResult>;
  load: Record<LookupKey, LoadRunResult>;
  /** Per phase: the warm-up (both keys), then each load. */
  upstreamCalls: { warm: UpstreamCalls } & Record<LookupKey, UpstreamCalls>;
  /** Over each load (warm-up and window); the load generator is the child that exited. */
  cpu: Record<LookupKey, CpuUsage>;
  memory: VerificationMemory;
}

async function upstreamCalls(simulatorUrl: string): Promise<UpstreamCalls> {
  const [byPersonalId, byMilitaryCode] = await Promise.all(
    LOOKUP_KEYS.map((key) => simulatorRequestCount(simulatorUrl, UPSTREAM_ROUTES[key])),
  );
  return { byPersonalId: byPersonalId!, byMilitaryCode: byMilitaryCode! };
}

const callsBetween = (before: UpstreamCalls, after: UpstreamCalls): UpstreamCalls => ({
  byPersonalId: after.byPersonalId - before.byPersonalId,
  byMilitaryCode: after.byMilitaryCode - before.byMilitaryCode,
});

export async function measureMilitary(
  { settings }: BenchContext<MilitarySettings>,
  { seed, personnel, plan, simulator, adapter }: MilitaryMesh,
): Promise<MilitaryMeasured> {
  const calls: VerificationCalls = {
    service: GrpcServices.military,
    method: 'VerifyServiceMember',
    target: adapter.grpcTarget,
    metadata: OFFICER_METADATA,
    tls: devTlsFiles('bench-client'),
  };
  const plans: Record<LookupKey, PlannedVerification[]> = {
    byPersonalId: plan.map((member) => member.byPersonalId),
    byMilitaryCode: plan.map((member) => member.byMilitaryCode),
  };
  await sleep(settings.BENCH_IDLE_SECONDS * 1000);
  const adapterIdle = readProcessMemory(adapter.process.pid);

  const beforeWarm = await upstreamCalls(simulator.httpUrl);
  const warm = {} as Record<LookupKey, WarmResult>;
  for (const key of LOOKUP_KEYS) {
    console.log(`military: warming the adapter with ${plan.length} members ${key} ...`);
    warm[key] = await warmVerifications({
      ...calls,
      plan: plans[key],
      concurrency: settings.BENCH_MILITARY_WARM_CONCURRENCY,
    });
  }
  let before = await upstreamCalls(simulator.httpUrl);
  const lookups = { warm: callsBetween(beforeWarm, before) } as MilitaryMeasured['upstreamCalls'];
  const adapterWarm = readProcessMemory(adapter.process.pid);

  const load = {} as Record<LookupKey, LoadRunResult>;
  const cpu = {} as Record<LookupKey, CpuUsage>;
  for (const key of LOOKUP_KEYS) {
    console.log(`military: VerifyServiceMember ${key}, ${settings.BENCH_GRPC_CONCURRENCY} in flight ...`);
    const cpuMeter = new CpuMeter({ adapter: adapter.process.pid, simulator: simulator.process.pid });
    load[key] = await loadVerifications({ ...calls, plan: plans[key], settings });
    cpu[key] = cpuMeter.stop();
    const after = await upstreamCalls(simulator.httpUrl);
    lookups[key] = callsBetween(before, after);
    before = after;
  }
  return {
    mesh: { seed, personnel },
    members: plan.length,
    expectedVerifiedShare: expectedVerifiedShare(plans.byPersonalId),
    warm,
    load,
    upstreamCalls: lookups,
    cpu,
    memory: memoryAfterLoad(
      { adapterIdle, adapterWarm },
      { adapter: adapter.process.pid, simulator: simulator.process.pid },
    ),
  };
}
