/**
 * `pnpm bench sync`: the population adapter's bulk sync (simulator → adapter → citizen.facts.v1)
 * against raw kafkajs produce of as many messages of the same size, in the same run. See
 * bench/README.md, "sync".
 */
import { join } from 'node:path';
import { Type } from '@motlan/config';
import { Topics } from '@motlan/kafka';
import { runKafkaProduceBaseline } from '../baseline/index.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { startTimer } from '../lib/histogram.ts';
import { seedSimulator, type SeedResult } from '../lib/npdb.ts';
import { benchMesh, processFailure, startCli } from '../lib/mesh.ts';
import {
  CpuMeter,
  MemorySampler,
  describeCpu,
  readProcessMemory,
  type CpuUsage,
  type ProcessMemory,
  type SampledMemory,
} from '../lib/process-stats.ts';
import { formatCount, formatMB, formatMs, formatPercent, formatRate, formatSeconds } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import type { Kafka } from 'kafkajs';
import { withTimeout } from '../lib/timeout.ts';
import { endOffsets, messagesBetween, sampleMessageSizes, type MessageSizes } from './topic-offsets.ts';
import { defineBench, type BenchContext, type SettingsOf } from '../lib/harness.ts';
import { atMost, QualityTargets } from '../lib/targets.ts';

const SyncEnv = {
  BENCH_SYNC_PEOPLE: Type.Integer({ default: 1_000_000, minimum: 1 }),
  /** Citizens per export page (the CLI's --page-size; 2,000 is its own default). */
  BENCH_SYNC_PAGE_SIZE: Type.Integer({ default: 2_000, minimum: 1, maximum: 5_000 }),
  BENCH_SYNC_IN_FLIGHT: Type.Integer({ default: 4, minimum: 1 }),
  BENCH_SYNC_BASELINE_MESSAGES: Type.Integer({ default: 2_000_000, minimum: 1 }),
  /**
   * Messages per send of the raw produce: 1,000, as @motlan/kafka's event producer splits a
   * publish (a page's facts) into sends of at most 1,000, so each partition's record batch stays
   * under the broker's 1 MB limit. 0: one page's facts per send, as the sync published before that.
   */
  BENCH_SYNC_BASELINE_BATCH: Type.Integer({ default: 1_000, minimum: 0 }),
  /** Writes a V8 CPU profile of the sync CLI into the run's log folder. */
  BENCH_SYNC_CPU_PROFILE: Type.Boolean({ default: false }),
  BENCH_SYNC_TIMEOUT_SECONDS: Type.Integer({ default: 3_600, minimum: 1 }),
  BENCH_SEED_TIMEOUT_SECONDS: Type.Integer({ default: 3_600, minimum: 1 }),
};
type SyncSettings = SettingsOf<typeof SyncEnv>;
const FACTS_TOPIC = Topics.citizenFacts.name;

interface SyncRun {
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

function parseSummary(line: string): { citizens: number; facts: number; seconds: number } | undefined {
  const match = /^synced (\d+) citizens → (\d+) facts in ([\d.]+) s/.exec(line);
  return match
    ? { citizens: Number(match[1]), facts: Number(match[2]), seconds: Number(match[3]) }
    : undefined;
}

async function measureSync(settings: SyncSettings, kafka: Kafka, logDir: string): Promise<SyncRun> {
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
function rawProduceLikeSync(settings: SyncSettings, kafka: Kafka, { sync, sizes }: SyncRun) {
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

/** `pnpm bench sync` */
export const { description, main } = defineBench({
  name: 'sync',
  description:
    'bulk sync of a synthetic population to citizen.facts.v1 (simulator → adapter → Kafka) against raw kafkajs produce',
  settings: SyncEnv,
  measure: ({ settings, kafka, logDir }: BenchContext<SyncSettings>) => measureSync(settings, kafka, logDir),
  baseline: ({ settings, kafka }, run) => rawProduceLikeSync(settings, kafka, run),
  targets: ({ sync }) => ({
    // shared/quality.md: 1,000,000 citizens in ≤ 10 min; a smaller run is projected linearly.
    seconds: atMost(
      `${formatCount(QualityTargets.syncCitizens)} citizens`,
      (sync.wallSeconds * QualityTargets.syncCitizens) / Math.max(1, sync.citizens),
      QualityTargets.syncSeconds,
      'seconds',
      sync.citizens === QualityTargets.syncCitizens ? undefined : 'projected linearly',
    ),
  }),
  report: (run, raw) => {
    const { sync, sizes } = run;
    const ratio = sync.factsPerSecond / raw.messagesPerSecond;
    const factBytes = sizes.keyBytes + sizes.valueBytes + sizes.headerBytes;
    return {
      columns: ['throughput', 'time', 'RSS'],
      rows: [
        [
          `seed simulator, ${formatCount(run.seed.people)} people (not counted)`,
          formatRate(run.seed.people / run.seed.seconds, 'people'),
          formatSeconds(run.seed.seconds),
        ],
        [
          `bulk sync (page ${sync.pageSize}, ${sync.inFlight} in flight)`,
          `${formatRate(sync.factsPerSecond, 'facts')}  (${formatRate(sync.citizensPerSecond, 'citizens')})`,
          formatSeconds(sync.wallSeconds),
          `sync ${formatMB(run.memory.sync.rssBytes)} (peak ${formatMB(run.memory.sync.peakRssBytes)}) / ` +
            `simulator ${formatMB(run.memory.simulator.rssBytes)} (peak ${formatMB(run.memory.simulator.peakRssBytes)})`,
        ],
        [
          `raw kafkajs produce (${Math.round(factBytes)} B, ${formatCount(raw.batchSize)}/send, ${raw.sendsInFlight} in flight)`,
          `${formatRate(raw.messagesPerSecond, 'msg')}  (${formatRate(raw.megabytesPerSecond, 'MB')})`,
          formatSeconds(raw.seconds),
          `client ${formatMB(raw.clientMemory.rssBytes)}`,
        ],
      ],
      notes: [
        ['bulk sync / raw produce', formatPercent(ratio)],
        [
          'facts',
          `${formatCount(sync.facts)} reported, ${formatCount(sync.factsLanded)} landed on ${FACTS_TOPIC} ` +
            `(${sync.factsPerCitizen.toFixed(1)} per citizen; ${Math.round(sizes.valueBytes)} B value + ` +
            `${Math.round(sizes.keyBytes)} B key + ${Math.round(sizes.headerBytes)} B in ${Math.round(sizes.headerCount)} headers)`,
        ],
        ['CPU during the sync', describeCpu(run.cpu, { sync: run.cpu.exitedChildren })],
        [
          'raw produce send p50 / p99',
          `${formatMs(raw.sendLatency.p50Ms)} / ${formatMs(raw.sendLatency.p99Ms)}`,
        ],
      ],
      lines:
        sync.factsLanded !== sync.facts
          ? [
              `warning: the sync reported ${sync.facts} facts but ${sync.factsLanded} landed on ${FACTS_TOPIC} ` +
                '(another producer on the topic, or lost/duplicated messages)',
            ]
          : [],
      result: {
        seed: run.seed,
        sync: { ...sync, factMegabytesPerSecond: (sync.factsLanded * factBytes) / 1e6 / sync.wallSeconds },
        factSizes: sizes,
        cpu: run.cpu,
        memory: run.memory,
        rawProduce: raw,
        ratioToRawProduce: ratio,
        schemas: run.schemas,
      },
    };
  },
});
