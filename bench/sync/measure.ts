/** `sync`: seed the simulator, run the bulk sync CLI (the list's initial sync job) and count what landed */
import { join } from 'node:path';
import { Topics } from '@motlan/kafka';
import { runKafkaProduceBaseline } from '../baseline/index.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { startTimer } from '../lib/histogram.ts';
import { seedSimulator, type SeedResult } from '../lib/npdb.ts';
import { benchMesh, processFailure, startCli } from '../lib/mesh.ts';
import {
  CpuMeter,
  MemorySampler,
  readProcessMemory,
  type CpuUsage,
  type ProcessMemory,
  type SampledMemory,
} from '../lib/process-stats.ts';
import { formatCount } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import type { Kafka } from 'kafkajs';
import { withTimeout } from '../lib/timeout.ts';
import { endOffsets, messagesBetween, sampleMessageSizes, type MessageSizes } from './topic-offsets.ts';
import type { SyncSettings } from './settings.ts';

export const FACTS_TOPIC = Topics.citizenFacts.name;

export interface SyncRun {
  seed: SeedResult;
  sync: {
    wallSeconds: number;
    /** The CLI's own timing (from after its start-up) and its summary line. */
    reportedSeconds: number;
    summary: string;
    citizens: number;
    facts: number;
    /** Messages that appeared on the topic while the sync ran. */
    factsLanded: number;
    factsPerSecond: number;
    citizensPerSecond: number;
    pages: number;
    /** The CLI's --page-size and --in-flight. */
    pageSize: number;
    inFlight: number;
    factsPerCitizen: number;
  };
  /** During the sync; the sync CLI is the child that exited. */
  cpu: CpuUsage;
  memory: { sync: SampledMemory; simulator: ProcessMemory; simulatorIdle: ProcessMemory };
  sizes: MessageSizes;
  schemas: string[];
}

export function parseSummary(line: string): { citizens: number; facts: number; seconds: number } | undefined {
  const match = /^synced (\d+) citizens → (\d+) facts in ([\d.]+) s/.exec(line);
  return match
    ? { citizens: Number(match[1]), facts: Number(match[2]), seconds: Number(match[3]) }
    : undefined;
}

export async function measureSync(settings: SyncSettings, kafka: Kafka, logDir: string): Promise<SyncRun> {
  return withCleanup(async (cleanup) => {
    const npdbSchema = freshSchemaName('bench_sync_npdb');
    const adapterSchema = freshSchemaName('bench_sync_adapter');
    cleanup.defer('drop schemas', () => dropSchemas(settings.DATABASE_URL, [npdbSchema, adapterSchema]));

    console.log(
      `sync: seeding ${formatCount(settings.BENCH_SYNC_PEOPLE)} people into ${npdbSchema} (not counted) ...`,
    );
    const seed = await seedSimulator({
      databaseUrl: settings.DATABASE_URL,
      schema: npdbSchema,
      people: settings.BENCH_SYNC_PEOPLE,
      timeoutMs: settings.BENCH_SEED_TIMEOUT_SECONDS * 1000,
      logFile: join(logDir, 'seed.log'),
    });
    console.log(`sync: ${seed.summary}`);
    const mesh = await benchMesh({
      databaseUrl: settings.DATABASE_URL,
      kafkaBrokers: settings.KAFKA_BROKERS,
      schemas: { 'national-population-db': npdbSchema, 'population-adapter': adapterSchema },
    });
    const simulator = await mesh.start('national-population-db', { logFile: join(logDir, 'simulator.log') });
    cleanup.defer('stop simulator', () => simulator.process.stop());
    const simulatorIdle = readProcessMemory(simulator.process.pid);

    const before = await endOffsets(kafka, FACTS_TOPIC);
    console.log(
      `sync: bulk sync CLI, page ${settings.BENCH_SYNC_PAGE_SIZE}, ${settings.BENCH_SYNC_IN_FLIGHT} in flight ...`,
    );
    const cpuMeter = new CpuMeter({ simulator: simulator.process.pid });
    const elapsed = startTimer();
    const sync = startCli({
      name: 'initial sync',
      env: mesh.jobEnv('initial sync'),
      args: [
        '--page-size',
        String(settings.BENCH_SYNC_PAGE_SIZE),
        '--in-flight',
        String(settings.BENCH_SYNC_IN_FLIGHT),
      ],
      echo: () => true,
      logFile: join(logDir, 'sync.log'),
      ...(settings.BENCH_SYNC_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
    });
    cleanup.defer('stop sync', () => sync.stop());
    const syncMemory = new MemorySampler(sync.pid, 1_000);
    const exit = await withTimeout(sync.exited, settings.BENCH_SYNC_TIMEOUT_SECONDS * 1000, 'the bulk sync');
    const wallSeconds = elapsed() / 1000;
    const cpu = cpuMeter.stop();
    const memory = {
      sync: syncMemory.stop(),
      simulator: readProcessMemory(simulator.process.pid),
      simulatorIdle,
    };
    if (exit.code !== 0) throw processFailure(sync, `failed (${exit.code ?? exit.signal})`);
    const summary = sync.stdoutLines().find((line) => line.startsWith('synced ')) ?? '';
    const reported = parseSummary(summary);
    if (!reported) throw processFailure(sync, 'printed no "synced N citizens → M facts in S s" line');

    const after = await endOffsets(kafka, FACTS_TOPIC);
    const factsLanded = messagesBetween(before, after);
    // Never more than landed: the sample would wait for messages that will not come.
    const sizes = await sampleMessageSizes(kafka, FACTS_TOPIC, before, Math.min(5_000, factsLanded));
    const pages = Math.max(1, Math.ceil(reported.citizens / settings.BENCH_SYNC_PAGE_SIZE));
    return {
      seed,
      sync: {
        wallSeconds,
        reportedSeconds: reported.seconds,
        summary,
        citizens: reported.citizens,
        facts: reported.facts,
        factsLanded,
        factsPerSecond: factsLanded / wallSeconds,
        citizensPerSecond: reported.citizens / wallSeconds,
        pages,
        pageSize: settings.BENCH_SYNC_PAGE_SIZE,
        inFlight: settings.BENCH_SYNC_IN_FLIGHT,
        factsPerCitizen: reported.citizens > 0 ? reported.facts / reported.citizens : 0,
      },
      cpu,
      memory,
      sizes,
      schemas: [npdbSchema, adapterSchema],
    };
  });
}

/** `pnpm bench sync` */
/** Raw kafkajs produce of as many messages of the sync's own shape (key, value, the envelope's headers). */
export function rawProduceLikeSync(settings: SyncSettings, kafka: Kafka, { sync, sizes }: SyncRun) {
  const messages = Math.min(settings.BENCH_SYNC_BASELINE_MESSAGES, Math.max(1, sync.factsLanded));
  const batchSize = settings.BENCH_SYNC_BASELINE_BATCH || Math.max(1, Math.round(sync.facts / sync.pages));
  console.log(
    `sync: baseline raw kafkajs produce, ${formatCount(messages)} messages, ${formatCount(batchSize)}/send ...`,
  );
  return runKafkaProduceBaseline({
    kafka,
    messages,
    shape: {
      keyBytes: Math.round(sizes.keyBytes),
      valueBytes: Math.round(sizes.valueBytes),
      headers: sizes.exampleHeaders,
    },
    partitions: Topics.citizenFacts.partitions,
    batchSize,
    sendsInFlight: settings.BENCH_SYNC_IN_FLIGHT,
  });
}
