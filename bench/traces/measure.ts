/**
 * `traces`: the fact registry on topics of its own holding the facts of BENCH_TRACES_CITIZENS
 * citizens, then warm GetFacts (mutual TLS, from a process of its own) against it with tracing in
 * each of three modes, restarting the registry between them on the same schema and groups:
 *
 * - `off`: OTEL_SDK_DISABLED=true, no tracer provider (@opentelemetry/api's no-ops): the baseline;
 * - `dropped`: the default, spans made (so context flows) and dropped, no endpoint;
 * - `exported`: spans batched and sent over OTLP/HTTP JSON to a local receiver (receiver.ts).
 */
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createEventProducer, prefixed, Topics } from '@motlan/kafka';
import { withCleanup } from '../lib/cleanup.ts';
import { cpuSnapshot, cpuUsage, type CpuUsage } from '../lib/cpu-usage.ts';
import {
  registryGroup,
  registryMesh,
  registryMetrics,
  freshTopicPrefix,
  startRegistry,
  stopRegistry,
  waitForRegistryCaughtUp,
  type RunningRegistry,
} from '../lib/fact-registry.ts';
import { GrpcServices } from '../lib/mesh.ts';
import { runGrpcLoad, type LoadRunResult } from '../lib/load.ts';
import { MemorySampler, type SampledMemory } from '../lib/process-stats.ts';
import { formatCount } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import {
  CITIZEN_FACT_TYPES,
  citizenFacts,
  citizenId,
  freshCitizenBlock,
  publishFacts,
} from '../lib/synthetic-facts.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { startOtlpReceiver, type ReceivedTotals } from './receiver.ts';
import type { TracesSettings } from './settings.ts';

/** A procedure code the development policy names; bench-client may read any type for any purpose. */
export const PURPOSE = '1.001234';
const CLIENT_CERT = 'bench-client';

export const MODES = ['off', 'dropped', 'exported'] as const;
export type TraceMode = (typeof MODES)[number];

/** One measured window of one mode. */
export interface ModeWindow {
  mode: TraceMode;
  round: number;
  load: LoadRunResult;
  cpu: CpuUsage;
  memory: SampledMemory;
  /** What the receiver got while this window (warm-up included) ran; zero outside `exported`. */
  received: ReceivedTotals;
  /** GetFacts calls this registry process answered, warm-up included (its own metrics). */
  callsServed: number;
}

export interface TracesRun {
  schema: string;
  citizens: number;
  factsPublished: number;
  windows: ModeWindow[];
  /** Everything the receiver got over the run, after the last exporting registry stopped (flushed). */
  receivedInAll: ReceivedTotals;
  logDir: string;
}

/** The registry's environment for a mode: each variable set, so nothing leaks from the bench's own. */
function modeEnv(mode: TraceMode, endpoint: string): Record<string, string> {
  return {
    OTEL_SDK_DISABLED: mode === 'off' ? 'true' : 'false',
    OTEL_EXPORTER_OTLP_ENDPOINT: mode === 'exported' ? endpoint : '',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
  };
}

/** Round `r` runs the modes rotated by `r`: off, dropped, exported; dropped, exported, off; ... */
export function roundOrder(round: number): TraceMode[] {
  return MODES.map((_, index) => MODES[(index + round) % MODES.length]!);
}

const difference = (after: ReceivedTotals, before: ReceivedTotals): ReceivedTotals => ({
  requests: after.requests - before.requests,
  bytes: after.bytes - before.bytes,
  spans: after.spans - before.spans,
  unreadable: after.unreadable - before.unreadable,
});

/** GetFacts calls the registry process answered so far (motlan_grpc_server_duration_seconds). */
async function callsServed(registry: RunningRegistry): Promise<number> {
  return (await registryMetrics(registry))
    .filter(
      (sample) =>
        sample.name === 'motlan_grpc_server_duration_seconds_count' &&
        sample.labels['method']?.endsWith('/GetFacts'),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

export async function measureTraces(
  settings: TracesSettings,
  kafka: Kafka,
  logDir: string,
): Promise<TracesRun> {
  return withCleanup(async (cleanup) => {
    const receiver = await startOtlpReceiver();
    cleanup.defer('close the OTLP receiver', () => receiver.close());
    const schema = freshSchemaName('bench_traces_registry');
    cleanup.defer('drop schema', () => dropSchemas(settings.DATABASE_URL, [schema]));
    const topicPrefix = freshTopicPrefix('traces');
    const group = registryGroup('traces', schema, topicPrefix);
    const mesh = await registryMesh(settings, schema, topicPrefix);
    const options = { group, consumerConcurrency: settings.BENCH_REGISTRY_CONSUMER_CONCURRENCY };

    const order = Array.from({ length: settings.BENCH_TRACES_ROUNDS }, (_, round) =>
      roundOrder(round),
    ).flat();
    console.log(`traces: starting the registry (schema ${schema}, topics ${topicPrefix}*) ...`);
    // The first start makes the topics; every later one reuses them, the schema and the groups.
    const first = await startRegistry(kafka, mesh, {
      ...options,
      extra: modeEnv(order[0]!, receiver.endpoint),
      logFile: join(logDir, `registry-1-${order[0]}.log`),
    });
    let current: RunningRegistry = first;
    cleanup.defer('stop registry', () => stopRegistry(kafka, current));

    const block = freshCitizenBlock();
    const citizens = Array.from({ length: settings.BENCH_TRACES_CITIZENS }, (_, n) => citizenId(block, n));
    const facts = citizens.flatMap((_, n) => citizenFacts(block, n));
    const producer = await createEventProducer(kafka, 'bench-traces');
    cleanup.defer('disconnect producer', () => producer.disconnect());
    console.log(`traces: publishing ${formatCount(facts.length)} facts, waiting until they are applied ...`);
    await publishFacts(producer, facts, { topic: prefixed(Topics.citizenFacts, topicPrefix) });
    await waitForRegistryCaughtUp(kafka, first, settings.BENCH_CATCHUP_TIMEOUT_SECONDS * 1000);

    const windows: ModeWindow[] = [];
    for (const [index, mode] of order.entries()) {
      if (index > 0) {
        await current.process.stop(15_000);
        const started = await mesh.start('fact-registry', {
          env: {
            FACT_REGISTRY_GROUP: group,
            CONSUMER_CONCURRENCY: String(options.consumerConcurrency),
            ...modeEnv(mode, receiver.endpoint),
          },
          logFile: join(logDir, `registry-${index + 1}-${mode}.log`),
        });
        current = { ...first, ...started };
      }
      const round = Math.floor(index / MODES.length) + 1;
      console.log(
        `traces: round ${round}, tracing ${mode}: GetFacts, ${settings.BENCH_GRPC_CONCURRENCY} in flight, ` +
          `${settings.BENCH_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
      );
      const receivedBefore = receiver.totals();
      const sampler = new MemorySampler(current.process.pid, 500);
      const cpuBefore = cpuSnapshot({ registry: current.process.pid });
      const load = await runGrpcLoad({
        target: current.grpcTarget,
        service: GrpcServices.factRegistry,
        method: 'GetFacts',
        requests: citizens.map((personalId) => ({
          personalId,
          factTypes: [...CITIZEN_FACT_TYPES],
          purpose: PURPOSE,
        })),
        tls: devTlsFiles(CLIENT_CERT),
        countResponsesBy: 'missing',
        concurrency: settings.BENCH_GRPC_CONCURRENCY,
        warmupSeconds: settings.BENCH_WARMUP_SECONDS,
        seconds: settings.BENCH_SECONDS,
      });
      const cpu = cpuUsage(cpuBefore, cpuSnapshot({ registry: current.process.pid }));
      windows.push({
        mode,
        round,
        load,
        cpu,
        memory: sampler.stop(),
        received: difference(receiver.totals(), receivedBefore),
        callsServed: await callsServed(current),
      });
    }
    // Stopping flushes what the last exporting registry still batched.
    await current.process.stop(15_000);
    return {
      schema,
      citizens: citizens.length,
      factsPublished: facts.length,
      windows,
      receivedInAll: receiver.totals(),
      logDir,
    };
  });
}
