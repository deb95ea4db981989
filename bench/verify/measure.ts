/**
 * `verify`'s measurement: the adapter's idle RSS, a warm-up from the bench process (each record
 * fetched upstream once, every answer checked against the record), then the load from the load
 * generator's own process, counting upstream calls to show the load stayed warm.
 */
import type { BenchContext } from '../lib/harness.ts';
import type { LoadRunResult } from '../lib/load.ts';
import { simulatorRequestCount } from '../lib/npdb.ts';
import { GrpcServices } from '../lib/mesh.ts';
import { CpuMeter, readProcessMemory, type CpuUsage } from '../lib/process-stats.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { sleep } from '../lib/timeout.ts';
import {
  expectedVerifiedShare,
  loadVerifications,
  memoryAfterLoad,
  OFFICER_METADATA,
  warmVerifications,
  type VerificationCalls,
  type VerificationMemory,
  type WarmResult,
} from '../lib/verifications.ts';
import type { VerifyMesh } from './mesh.ts';
import type { VerifySettings } from './settings.ts';

/** The route the adapter reads a record through; counting it shows whether a load stayed warm. */
const UPSTREAM_ROUTE = '/api/v1/citizens/:soDinhDanh';

export interface VerifyMeasured {
  mesh: Pick<VerifyMesh, 'seed' | 'population'>;
  citizens: number;
  expectedVerifiedShare: number;
  warm: WarmResult;
  upstreamCalls: { warm: number; load: number };
  load: LoadRunResult;
  /** Over the load (warm-up and window); the load generator is the child that exited. */
  cpu: CpuUsage;
  memory: VerificationMemory;
}

export async function measureVerify(
  { settings }: BenchContext<VerifySettings>,
  { seed, population, plan, simulator, adapter }: VerifyMesh,
): Promise<VerifyMeasured> {
  await sleep(settings.BENCH_IDLE_SECONDS * 1000);
  const adapterIdle = readProcessMemory(adapter.process.pid);

  console.log(`verify: warming the adapter with ${plan.length} citizens ...`);
  const beforeWarm = await simulatorRequestCount(simulator.httpUrl, UPSTREAM_ROUTE);
  const calls: VerificationCalls = {
    service: GrpcServices.population,
    method: 'VerifyCitizen',
    target: adapter.grpcTarget,
    metadata: OFFICER_METADATA,
    tls: devTlsFiles('bench-client'),
  };
  const warm = await warmVerifications({
    ...calls,
    plan,
    concurrency: settings.BENCH_VERIFY_WARM_CONCURRENCY,
  });
  const afterWarm = await simulatorRequestCount(simulator.httpUrl, UPSTREAM_ROUTE);
  const adapterWarm = readProcessMemory(adapter.process.pid);

  console.log(`verify: VerifyCitizen, ${settings.BENCH_GRPC_CONCURRENCY} in flight ...`);
  const cpuMeter = new CpuMeter({ adapter: adapter.process.pid, simulator: simulator.process.pid });
  const load = await loadVerifications({ ...calls, plan, settings });
  const cpu = cpuMeter.stop();
  const afterLoad = await simulatorRequestCount(simulator.httpUrl, UPSTREAM_ROUTE);
  return {
    mesh: { seed, population },
    citizens: plan.length,
    expectedVerifiedShare: expectedVerifiedShare(plan),
    warm,
    upstreamCalls: { warm: afterWarm - beforeWarm, load: afterLoad - afterWarm },
    load,
    cpu,
    memory: memoryAfterLoad(
      { adapterIdle, adapterWarm },
      { adapter: adapter.process.pid, simulator: simulator.process.pid },
    ),
  };
}
