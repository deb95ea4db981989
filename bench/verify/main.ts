/**
 * `pnpm bench verify`: warm VerifyCitizen over gRPC against the population adapter, with a bare
 * grpc-js echo server measured in the same run. See bench/README.md, "verify".
 */
import { join } from 'node:path';
import { loadConfig, Type, type Static } from '@motlan/config';
import { BaselineEnv, runGrpcEchoBaseline, type GrpcEchoBaselineResult } from '../baseline/index.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { runGrpcLoad, type LoadRunResult } from '../lib/load.ts';
import { seedSimulator, seededCitizens, simulatorRequestCount, type SeedResult } from '../lib/npdb.ts';
import { GrpcServices, startPart } from '../lib/parts.ts';
import {
  CpuMeter,
  describeCpu,
  readProcessMemory,
  type CpuUsage,
  type ProcessMemory,
} from '../lib/process-stats.ts';
import {
  formatCount,
  formatMB,
  formatMs,
  formatPercent,
  formatRate,
  formatSeconds,
  formatTable,
} from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { MISMATCH_EVERY, spreadSample, verificationFor } from './requests.ts';
import { warmAdapter, type WarmResult } from './warm.ts';
import { beginBenchRun, RunEnv, verdict } from '../lib/bench-run.ts';
import { sleep } from '../lib/timeout.ts';

export const description =
  'warm VerifyCitizen over gRPC (population adapter + simulator) against bare grpc-js echo, same run';

const VerifySettingsSchema = Type.Object({
  KAFKA_BROKERS: BaselineEnv.KAFKA_BROKERS,
  DATABASE_URL: BaselineEnv.DATABASE_URL,
  BENCH_WAIT_FOR_OTHERS_SECONDS: RunEnv.BENCH_WAIT_FOR_OTHERS_SECONDS,
  BENCH_SECONDS: BaselineEnv.BENCH_SECONDS,
  BENCH_WARMUP_SECONDS: BaselineEnv.BENCH_WARMUP_SECONDS,
  BENCH_GRPC_CONCURRENCY: BaselineEnv.BENCH_GRPC_CONCURRENCY,
  BENCH_VERIFY_PEOPLE: Type.Integer({ default: 20_000, minimum: 1 }),
  BENCH_VERIFY_CITIZENS: Type.Integer({ default: 2_000, minimum: 1 }),
  BENCH_VERIFY_WARM_CONCURRENCY: Type.Integer({ default: 16, minimum: 1 }),
  BENCH_IDLE_SECONDS: Type.Number({ default: 5, minimum: 0 }),
  /** Writes a V8 CPU profile of the adapter (start to stop) into the run's log folder. */
  BENCH_VERIFY_CPU_PROFILE: Type.Boolean({ default: false }),
});
type VerifySettings = Static<typeof VerifySettingsSchema>;

/** Quality bars (shared/quality.md, "Performance targets"). */
const TARGETS = { throughputRatio: 0.6, p99Ms: 20, idleRssBytes: 150e6 };

/** The route the adapter reads a record through; counting it shows whether a load stayed warm. */
const UPSTREAM_ROUTE = '/api/v1/citizens/:soDinhDanh';
/** The officer on whose behalf the bench asks; the caller itself is its certificate (bench-client). */
const METADATA = { 'x-officer-id': 'bench-officer' };
/** The bench's certificate, which the development access policy lets read anything; the echo server's. */
const CLIENT_CERT = 'bench-client';
const ECHO_SERVER_CERT = 'population-adapter';

interface AdapterRun {
  seed: SeedResult;
  population: number;
  citizens: number;
  expectedVerifiedShare: number;
  warm: WarmResult;
  upstreamCalls: { warm: number; load: number };
  load: LoadRunResult;
  /** Over the load (warm-up and window); the load generator is the child that exited. */
  cpu: CpuUsage;
  memory: {
    adapterIdle: ProcessMemory;
    adapterWarm: ProcessMemory;
    adapterAfterLoad: ProcessMemory;
    simulator: ProcessMemory;
  };
  schemas: string[];
  logDir: string;
}

async function measureAdapter(settings: VerifySettings, logDir: string): Promise<AdapterRun> {
  return withCleanup(async (cleanup) => {
    const npdbSchema = freshSchemaName('bench_verify_npdb');
    const adapterSchema = freshSchemaName('bench_verify_adapter');
    cleanup.defer('drop schemas', () => dropSchemas(settings.DATABASE_URL, [npdbSchema, adapterSchema]));

    console.log(`verify: seeding ${formatCount(settings.BENCH_VERIFY_PEOPLE)} people into ${npdbSchema} ...`);
    const seed = await seedSimulator({
      databaseUrl: settings.DATABASE_URL,
      kafkaBrokers: settings.KAFKA_BROKERS,
      schema: npdbSchema,
      people: settings.BENCH_VERIFY_PEOPLE,
      timeoutMs: 600_000,
      logFile: join(logDir, 'seed.log'),
    });
    const simulator = await startPart('simulator', {
      databaseUrl: settings.DATABASE_URL,
      kafkaBrokers: settings.KAFKA_BROKERS,
      schema: npdbSchema,
      logFile: join(logDir, 'simulator.log'),
    });
    cleanup.defer('stop simulator', () => simulator.process.stop());

    const population = await seededCitizens(settings.DATABASE_URL, npdbSchema);
    const plan = spreadSample(population, settings.BENCH_VERIFY_CITIZENS).map((citizen, index) =>
      verificationFor(citizen, index % MISMATCH_EVERY === MISMATCH_EVERY - 1),
    );
    const expectedVerifiedShare = plan.filter((planned) => planned.expectVerified).length / plan.length;

    // Long runs must not outlive the adapter's freshness window, or the load would turn cold.
    const runSeconds = settings.BENCH_WARMUP_SECONDS + settings.BENCH_SECONDS;
    const freshForMs = Math.max(300_000, (runSeconds + 300) * 1000);
    const adapter = await startPart('adapter', {
      databaseUrl: settings.DATABASE_URL,
      kafkaBrokers: settings.KAFKA_BROKERS,
      schema: adapterSchema,
      env: { NPDB_URL: simulator.httpUrl, SNAPSHOT_FRESH_FOR_MS: String(freshForMs) },
      logFile: join(logDir, 'adapter.log'),
      ...(settings.BENCH_VERIFY_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
    });
    cleanup.defer('stop adapter', () => adapter.process.stop());

    await sleep(settings.BENCH_IDLE_SECONDS * 1000);
    const adapterIdle = readProcessMemory(adapter.process.pid);

    console.log(`verify: warming the adapter with ${formatCount(plan.length)} citizens ...`);
    const beforeWarm = await simulatorRequestCount(simulator.httpUrl, UPSTREAM_ROUTE);
    const warm = await warmAdapter({
      target: adapter.grpcTarget,
      plan,
      concurrency: settings.BENCH_VERIFY_WARM_CONCURRENCY,
      metadata: METADATA,
      tls: devTlsFiles(CLIENT_CERT),
    });
    const afterWarm = await simulatorRequestCount(simulator.httpUrl, UPSTREAM_ROUTE);
    const adapterWarm = readProcessMemory(adapter.process.pid);

    console.log(
      `verify: VerifyCitizen, ${settings.BENCH_GRPC_CONCURRENCY} in flight, ` +
        `${settings.BENCH_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
    );
    const cpuMeter = new CpuMeter({ adapter: adapter.process.pid, simulator: simulator.process.pid });
    const load = await runGrpcLoad({
      target: adapter.grpcTarget,
      service: GrpcServices.population,
      method: 'VerifyCitizen',
      requests: plan.map((planned) => planned.request),
      metadata: METADATA,
      tls: devTlsFiles(CLIENT_CERT),
      countResponsesBy: 'verified',
      concurrency: settings.BENCH_GRPC_CONCURRENCY,
      warmupSeconds: settings.BENCH_WARMUP_SECONDS,
      seconds: settings.BENCH_SECONDS,
    });
    const cpu = cpuMeter.stop();
    const afterLoad = await simulatorRequestCount(simulator.httpUrl, UPSTREAM_ROUTE);
    const memory = {
      adapterIdle,
      adapterWarm,
      adapterAfterLoad: readProcessMemory(adapter.process.pid),
      simulator: readProcessMemory(simulator.process.pid),
    };
    return {
      seed,
      population: population.length,
      citizens: plan.length,
      expectedVerifiedShare,
      warm,
      upstreamCalls: { warm: afterWarm - beforeWarm, load: afterLoad - afterWarm },
      load,
      cpu,
      memory,
      schemas: [npdbSchema, adapterSchema],
      logDir,
    };
  });
}

/** `pnpm bench verify` */
export async function main(): Promise<void> {
  const settings = loadConfig(VerifySettingsSchema);
  const bench = await beginBenchRun({ name: 'verify', settings });
  const { machine, logDir } = bench;

  const run = await measureAdapter(settings, logDir);

  console.log(
    `verify: baseline grpc echo, ${settings.BENCH_GRPC_CONCURRENCY} in flight, ` +
      `${settings.BENCH_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
  );
  const echo: GrpcEchoBaselineResult = await runGrpcEchoBaseline({
    seconds: settings.BENCH_SECONDS,
    warmupSeconds: settings.BENCH_WARMUP_SECONDS,
    concurrency: settings.BENCH_GRPC_CONCURRENCY,
  });
  console.log('verify: the same echo over mutual TLS, to price TLS on its own ...');
  const echoTls: GrpcEchoBaselineResult = await runGrpcEchoBaseline({
    seconds: settings.BENCH_SECONDS,
    warmupSeconds: settings.BENCH_WARMUP_SECONDS,
    concurrency: settings.BENCH_GRPC_CONCURRENCY,
    tls: { server: devTlsFiles(ECHO_SERVER_CERT), client: devTlsFiles(CLIENT_CERT) },
  });

  const { load } = run;
  const ratio = load.requestsPerSecond / echo.requestsPerSecond;
  const verifiedAnswers = load.responseCounts?.['true'] ?? 0;
  const answered = Object.values(load.responseCounts ?? {}).reduce((sum, count) => sum + count, 0);
  const verifiedShare = answered > 0 ? verifiedAnswers / answered : 0;
  const targets = {
    throughputRatio: {
      target: TARGETS.throughputRatio,
      actual: ratio,
      met: ratio >= TARGETS.throughputRatio,
    },
    p99Ms: { target: TARGETS.p99Ms, actual: load.latency.p99Ms, met: load.latency.p99Ms <= TARGETS.p99Ms },
    adapterIdleRssBytes: {
      target: TARGETS.idleRssBytes,
      actual: run.memory.adapterIdle.rssBytes,
      met: run.memory.adapterIdle.rssBytes <= TARGETS.idleRssBytes,
    },
  };
  const result = {
    targets,
    verifyCitizen: {
      population: run.population,
      distinctCitizens: run.citizens,
      expectedVerifiedShare: run.expectedVerifiedShare,
      verifiedShare,
      upstreamCallsDuringWarm: run.upstreamCalls.warm,
      upstreamCallsDuringLoad: run.upstreamCalls.load,
      ...load,
      memory: run.memory,
      cpu: run.cpu,
    },
    warm: run.warm,
    seed: run.seed,
    grpcEcho: echo,
    grpcEchoMutualTls: echoTls,
    ratioToEcho: ratio,
    ratioToEchoMutualTls: load.requestsPerSecond / echoTls.requestsPerSecond,
    schemas: run.schemas,
  };

  const errors = (count: number): string => (count > 0 ? ` (${formatCount(count)} errors)` : '');
  const mem = run.memory;
  const header = [`verify (${machine.cores} cores, node ${machine.node})`, 'throughput', 'p50', 'p99', 'RSS'];
  const rows = [
    header,
    [
      `grpc echo (${echo.concurrency} in flight, ${echo.payloadBytes} B)`,
      formatRate(echo.requestsPerSecond, 'req') + errors(echo.errors),
      formatMs(echo.latency.p50Ms),
      formatMs(echo.latency.p99Ms),
      `server ${formatMB(echo.serverMemory.rssBytes)} / load ${formatMB(echo.loadMemory.rssBytes)}`,
    ],
    [
      `grpc echo over mutual TLS (${echoTls.concurrency} in flight)`,
      formatRate(echoTls.requestsPerSecond, 'req') + errors(echoTls.errors),
      formatMs(echoTls.latency.p50Ms),
      formatMs(echoTls.latency.p99Ms),
      `server ${formatMB(echoTls.serverMemory.rssBytes)} / load ${formatMB(echoTls.loadMemory.rssBytes)}`,
    ],
    [
      `VerifyCitizen warm, mutual TLS (${load.concurrency} in flight, ${formatCount(load.distinctRequests)} citizens)`,
      formatRate(load.requestsPerSecond, 'req') + errors(load.errors),
      formatMs(load.latency.p50Ms),
      formatMs(load.latency.p99Ms),
      `adapter ${formatMB(mem.adapterAfterLoad.rssBytes)} / simulator ${formatMB(mem.simulator.rssBytes)} / load ${formatMB(load.loadMemory.rssBytes)}`,
    ],
    [
      `VerifyCitizen cold (warm-up, ${run.warm.calls} calls, ${settings.BENCH_VERIFY_WARM_CONCURRENCY} in flight)`,
      formatRate(run.warm.calls / run.warm.seconds, 'req') + errors(run.warm.errors),
      formatMs(run.warm.latency.p50Ms),
      formatMs(run.warm.latency.p99Ms),
      `adapter idle ${formatMB(mem.adapterIdle.rssBytes)}, warm ${formatMB(mem.adapterWarm.rssBytes)}`,
    ],
  ];
  const checks = [
    [
      'VerifyCitizen / bare echo',
      `${formatPercent(ratio)}  target ≥ ${formatPercent(TARGETS.throughputRatio)}: ${verdict(targets.throughputRatio.met)}` +
        `  (${formatPercent(load.requestsPerSecond / echoTls.requestsPerSecond)} of echo over mutual TLS)`,
    ],
    [
      'p99 at that load',
      `${formatMs(load.latency.p99Ms)}  target ≤ ${TARGETS.p99Ms} ms: ${verdict(targets.p99Ms.met)}`,
    ],
    [
      'adapter idle RSS',
      `${formatMB(mem.adapterIdle.rssBytes)}  target ≤ ${formatMB(TARGETS.idleRssBytes)}: ${verdict(targets.adapterIdleRssBytes.met)}`,
    ],
    [
      'answers under load',
      `${formatPercent(verifiedShare)} verified: true, ${formatPercent(run.expectedVerifiedShare)} expected ` +
        `from the records (${Math.abs(verifiedShare - run.expectedVerifiedShare) <= 0.01 ? 'as expected' : 'DIFFERS'}), ` +
        `${formatCount(run.upstreamCalls.load)} upstream calls`,
    ],
    ['CPU under load', describeCpu(run.cpu, { load: run.cpu.exitedChildren })],
    [
      'warm-up answers',
      `${formatCount(run.warm.asExpected)}/${formatCount(run.warm.calls)} as the records say, ` +
        `${formatCount(run.upstreamCalls.warm)} upstream calls, ${formatSeconds(run.warm.seconds)}`,
    ],
  ];
  await bench.finish(
    result,
    [
      `\n${formatTable(rows)}\n\n${formatTable(checks)}\n`,
      ...(load.errorSamples.length > 0 ? [`errors under load: ${load.errorSamples.join(' | ')}`] : []),
      ...(run.warm.errorSamples.length > 0
        ? [`errors in warm-up: ${run.warm.errorSamples.join(' | ')}`]
        : []),
      ...(run.warm.unexpected > 0
        ? [`answers contradicting the records: ${JSON.stringify(run.warm.unexpectedSamples)}`]
        : []),
    ].join('\n'),
  );
}
