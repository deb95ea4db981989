/** `propagation`: the raw Kafka drive, then the registry drive, each from the driver process, and what the registry did */
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { brokerList } from '@motlan/config';
import { createEventProducer, prefixed, Topics } from '@motlan/kafka';
import { forkModule, stopChild, waitForMessage } from '../lib/child-process.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { deleteGroups, groupsWithPrefix } from '../lib/consumer-groups.ts';
import { cpuSnapshot, cpuUsage, unaccountedCoreShare, type CpuUsage } from '../lib/cpu-usage.ts';
import {
  chooseTopicPrefix,
  factOutcomes,
  registryGroup,
  registryMesh,
  startRegistry,
  stopRegistry,
  waitForRegistryCaughtUp,
} from '../lib/fact-registry.ts';
import { startTimer } from '../lib/histogram.ts';
import {
  MemorySampler,
  readProcessMemory,
  type ProcessMemory,
  type SampledMemory,
} from '../lib/process-stats.ts';
import { formatCount } from '../lib/report.ts';
import { statsDelta, tableStats, type TableStats } from '../lib/pg-table-stats.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { citizenFacts, freshCitizenBlock, publishFacts } from '../lib/synthetic-facts.ts';
import { devTlsFiles } from '../lib/tls.ts';
import type { DriveOptions, DriveResult, DriveResultMessage, DriveStartMessage } from './driver.ts';
import { type BenchContext } from '../lib/harness.ts';
import { sleep } from '../lib/timeout.ts';
import type { PropagationSettings } from './settings.ts';

/** Declared by bench-client (the policy lets it declare and read anything) for this procedure. */
export const PURPOSE = '1.001234';
export const FACT_TYPE = 'residence.current';
/** The registry's consumer waits at most this long per fetch (@motlan/kafka); the baseline does the same. */
export const CONSUMER_MAX_WAIT_MS = 500;

export const DRIVER = new URL('./driver.ts', import.meta.url);
/** Unexplained CPU (share of a core) above which the result is flagged as disturbed by other work. */
export const OTHER_WORK_WARNING = 0.25;
/**
 * PostgreSQL backends publish their table statistics at most every second while busy and only
 * after 10 s once idle: wait that long before each snapshot so both are complete.
 */
export const STATS_SETTLE_MS = 11_000;

/** Runs one drive in a child process of its own and returns what it measured. */
export async function drive(options: DriveOptions): Promise<DriveResult> {
  const child = forkModule(DRIVER);
  try {
    const start: DriveStartMessage = { type: 'start', options };
    child.send(start);
    const budgetMs =
      (options.warmupSeconds + options.seconds) * 1000 +
      (options.mode === 'registry' ? options.pollTimeoutMs : 10_000) +
      120_000;
    return (await waitForMessage<DriveResultMessage>(child, 'result', budgetMs)).result;
  } finally {
    await stopChild(child);
  }
}

export function schedule(settings: PropagationSettings) {
  return {
    rate: settings.BENCH_PROPAGATION_RATE,
    warmupSeconds: settings.BENCH_PROPAGATION_WARMUP_SECONDS,
    seconds: settings.BENCH_SECONDS,
    maxInFlight: settings.BENCH_PROPAGATION_MAX_IN_FLIGHT,
  };
}

export async function measureKafka(settings: PropagationSettings, kafka: Kafka): Promise<DriveResult> {
  return withCleanup(async (cleanup) => {
    const topic = `bench.propagation.${Date.now()}`;
    const groupId = `${topic}.consumer`;
    // The driver deletes both itself; this covers a driver that died.
    cleanup.defer('delete baseline topic', async () => {
      await deleteGroups(kafka, await groupsWithPrefix(kafka, groupId));
      const admin = kafka.admin();
      await admin.connect();
      const topics = await admin.listTopics();
      if (topics.includes(topic)) await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    });
    return drive({
      mode: 'kafka',
      ...schedule(settings),
      brokers: brokerList(settings.KAFKA_BROKERS),
      topic,
      partitions: Topics.citizenFacts.partitions,
      groupId,
      partitionsConsumedConcurrently: settings.BENCH_REGISTRY_CONSUMER_CONCURRENCY,
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
      block: freshCitizenBlock(),
      factType: FACT_TYPE,
    });
  });
}

export interface RegistryRun {
  schema: string;
  group: string;
  /** The topics the registry read: fresh ones of its own, or the shared ones. */
  topics: { facts: string; audit: string; own: boolean };
  drive: DriveResult;
  /** After the drive: until the registry's group had committed everything (or gave up). */
  drainSeconds: number;
  drained: boolean;
  /** The registry's citizen.facts.v1 consumer over the drive (others' facts on the shared topic included). */
  outcomes: Record<string, number>;
  cpuDuringDrive: CpuUsage;
  /** What the drive (warm-up included: declarations, their application, the polls and their audit) did to the registry's tables. */
  tableActivity: TableStats;
  memory: { registryIdle: ProcessMemory; registryAfter: ProcessMemory; registryDuringDrive: SampledMemory };
  logDir: string;
}

export async function measureRegistry(
  settings: PropagationSettings,
  kafka: Kafka,
  logDir: string,
): Promise<RegistryRun> {
  return withCleanup(async (cleanup) => {
    const schema = freshSchemaName('bench_propagation_registry');
    cleanup.defer('drop schema', () => dropSchemas(settings.DATABASE_URL, [schema]));
    const topicPrefix = chooseTopicPrefix(settings.BENCH_REGISTRY_TOPICS, 'propagation');
    const group = registryGroup('propagation', schema, topicPrefix);
    console.log(
      `propagation: starting the registry (schema ${schema}, ` +
        `${topicPrefix ? `fresh topics ${topicPrefix}*` : 'shared topics, groups at their end'}) ...`,
    );
    const registry = await startRegistry(kafka, await registryMesh(settings, schema, topicPrefix), {
      group,
      consumerConcurrency: settings.BENCH_REGISTRY_CONSUMER_CONCURRENCY,
      ...(settings.BENCH_REGISTRY_POOL_SIZE > 0
        ? { extra: { DATABASE_POOL_SIZE: String(settings.BENCH_REGISTRY_POOL_SIZE) } }
        : {}),
      logFile: join(logDir, 'registry.log'),
      ...(settings.BENCH_PROPAGATION_CPU_PROFILE
        ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] }
        : {}),
    });
    cleanup.defer('stop registry', () => stopRegistry(kafka, registry));
    await sleep(settings.BENCH_IDLE_SECONDS * 1000);
    const registryIdle = readProcessMemory(registry.process.pid);

    // The registry takes declarations only for citizens the population database has vouched for
    // (services/fact-registry/README.md): every citizen the drive may declare for gets an
    // authoritative name first, applied before the drive and outside what it measures.
    const block = freshCitizenBlock();
    const citizens = Math.ceil(
      settings.BENCH_PROPAGATION_RATE *
        (settings.BENCH_PROPAGATION_WARMUP_SECONDS + settings.BENCH_SECONDS) *
        1.1,
    );
    const producer = await createEventProducer(kafka, 'bench-propagation-seed');
    cleanup.defer('disconnect seed producer', () => producer.disconnect());
    console.log(
      `propagation: vouching for ${formatCount(citizens)} citizens (an authoritative name each) ...`,
    );
    await publishFacts(
      producer,
      Array.from({ length: citizens }, (_, n) => citizenFacts(block, n, ['identity.full_name'])).flat(),
      { topic: prefixed(Topics.citizenFacts, topicPrefix ?? '') },
    );
    await waitForRegistryCaughtUp(kafka, registry, settings.BENCH_DRAIN_TIMEOUT_SECONDS * 1000);
    const outcomesBefore = await factOutcomes(registry);

    console.log(
      `propagation: DeclareFacts at ${formatCount(settings.BENCH_PROPAGATION_RATE)}/s, every ` +
        `${settings.BENCH_PROPAGATION_SAMPLE_EVERY}th followed through GetFacts, ` +
        `${settings.BENCH_PROPAGATION_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
    );
    const statsBefore = await tableStats(settings.DATABASE_URL, schema, STATS_SETTLE_MS);
    const sampler = new MemorySampler(registry.process.pid, 500);
    const cpuBefore = cpuSnapshot({ registry: registry.process.pid });
    const result = await drive({
      mode: 'registry',
      ...schedule(settings),
      target: registry.grpcTarget,
      tls: devTlsFiles('bench-client'),
      purpose: PURPOSE,
      factType: FACT_TYPE,
      block,
      sampleEvery: settings.BENCH_PROPAGATION_SAMPLE_EVERY,
      pollIntervalMs: settings.BENCH_PROPAGATION_POLL_MS,
      steadyPollMs: settings.BENCH_PROPAGATION_STEADY_POLL_MS,
      maxPollIntervalMs: settings.BENCH_PROPAGATION_MAX_POLL_INTERVAL_MS,
      maxFollowing: settings.BENCH_PROPAGATION_MAX_FOLLOWING,
      pollTimeoutMs: settings.BENCH_PROPAGATION_POLL_TIMEOUT_MS,
    });
    const cpuDuringDrive = cpuUsage(cpuBefore, cpuSnapshot({ registry: registry.process.pid }));
    const registryDuringDrive = sampler.stop();

    const sinceDrive = startTimer();
    const drained = await waitForRegistryCaughtUp(
      kafka,
      registry,
      settings.BENCH_DRAIN_TIMEOUT_SECONDS * 1000,
    ).then(
      () => true,
      (error: Error) => {
        console.warn(`propagation: ${error.message}`);
        return false;
      },
    );
    const drainSeconds = sinceDrive() / 1000;
    const tableActivity = statsDelta(
      statsBefore,
      await tableStats(settings.DATABASE_URL, schema, STATS_SETTLE_MS),
    );
    const outcomesAfter = await factOutcomes(registry);
    const outcomes = Object.fromEntries(
      Object.entries(outcomesAfter).map(([outcome, count]) => [
        outcome,
        count - (outcomesBefore[outcome] ?? 0),
      ]),
    );
    return {
      schema,
      group,
      topics: { facts: registry.factsTopic, audit: registry.auditTopic, own: registry.ownTopics.length > 0 },
      drive: result,
      drainSeconds,
      drained,
      outcomes,
      cpuDuringDrive,
      tableActivity,
      memory: { registryIdle, registryAfter: readProcessMemory(registry.process.pid), registryDuringDrive },
      logDir,
    };
  });
}

/** `pnpm bench propagation` */
/** The raw Kafka drive first (as before the harness), then the registry: both halves of one measurement. */
export async function measureBoth({ settings, kafka, logDir, machine }: BenchContext<PropagationSettings>) {
  console.log(
    `propagation: baseline raw kafkajs produce → consume at ${formatCount(settings.BENCH_PROPAGATION_RATE)} msg/s, ` +
      `${settings.BENCH_PROPAGATION_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
  );
  const raw = await measureKafka(settings, kafka);
  const run = await measureRegistry(settings, kafka, logDir);
  const unaccounted = unaccountedCoreShare(run.cpuDuringDrive, machine.cores, run.drive.driverCpuSeconds);
  return { settings, raw, run, unaccounted };
}
