/**
 * `pnpm bench propagation`: a declared fact → readable from the registry by another caller, at a
 * fixed declaration rate, against raw kafkajs produce → consume at the same rate in the same run.
 * See bench/README.md, "propagation".
 */
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { brokerList, Type } from '@motlan/config';
import { createEventProducer, prefixed, Topics } from '@motlan/kafka';
import { forkModule, stopChild, waitForMessage } from '../lib/child-process.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { deleteGroups, groupsWithPrefix } from '../lib/consumer-groups.ts';
import {
  cpuSnapshot,
  cpuUsage,
  formatCpuUsage,
  unaccountedCoreShare,
  type CpuUsage,
} from '../lib/cpu-usage.ts';
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
import { formatCount, formatMB, formatMs, formatRate, formatSeconds } from '../lib/report.ts';
import { formatPerCall, statsDelta, tableStats, type TableStats } from '../lib/pg-table-stats.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { FACT_REGISTRY_SOURCES } from '../lib/source-digest.ts';
import { citizenFacts, freshCitizenBlock, publishFacts } from '../lib/synthetic-facts.ts';
import { devTlsFiles } from '../lib/tls.ts';
import type { DriveOptions, DriveResult, DriveResultMessage, DriveStartMessage } from './driver.ts';
import { defineBench, type BenchContext, type SettingsOf } from '../lib/harness.ts';
import { andAlso, atLeast, atMost, QualityTargets } from '../lib/targets.ts';
import { sleep } from '../lib/timeout.ts';

const PropagationEnv = {
  /** Measured window of each drive (the target says 60 s). */
  BENCH_SECONDS: Type.Number({ default: 60, exclusiveMinimum: 0 }),
  BENCH_PROPAGATION_WARMUP_SECONDS: Type.Number({ default: 5, minimum: 0 }),
  BENCH_PROPAGATION_RATE: Type.Number({ default: 1_000, exclusiveMinimum: 0 }),
  BENCH_PROPAGATION_SAMPLE_EVERY: Type.Integer({ default: 10, minimum: 1 }),
  BENCH_PROPAGATION_POLL_MS: Type.Number({ default: 10, minimum: 0 }),
  BENCH_PROPAGATION_POLL_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1 }),
  /** Poll every BENCH_PROPAGATION_POLL_MS for this long after the response, then back off (×1.5). */
  BENCH_PROPAGATION_STEADY_POLL_MS: Type.Integer({ default: 250, minimum: 0 }),
  BENCH_PROPAGATION_MAX_POLL_INTERVAL_MS: Type.Integer({ default: 500, minimum: 1 }),
  BENCH_PROPAGATION_MAX_FOLLOWING: Type.Integer({ default: 200, minimum: 1 }),
  BENCH_PROPAGATION_MAX_IN_FLIGHT: Type.Integer({ default: 1_000, minimum: 1 }),
  /**
   * `fresh`: the registry gets topics of its own (KAFKA_TOPIC_PREFIX); `shared`: it reads the shared
   * citizen.facts.v1 / access.audit.v1 with fresh groups at their end; `auto`: fresh when it can.
   */
  BENCH_REGISTRY_TOPICS: Type.String({ default: 'auto', pattern: '^(auto|fresh|shared)$' }),
  BENCH_REGISTRY_CONSUMER_CONCURRENCY: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  /** The registry's DATABASE_POOL_SIZE; 0 keeps the service's default. */
  BENCH_REGISTRY_POOL_SIZE: Type.Integer({ default: 0, minimum: 0, maximum: 200 }),
  BENCH_DRAIN_TIMEOUT_SECONDS: Type.Integer({ default: 120, minimum: 1 }),
  /** Writes a V8 CPU profile of the registry into the run's log folder. */
  BENCH_PROPAGATION_CPU_PROFILE: Type.Boolean({ default: false }),
};
type PropagationSettings = SettingsOf<typeof PropagationEnv>;
/** Declared by bench-client (the policy lets it declare and read anything) for this procedure. */
const PURPOSE = '1.001234';
const FACT_TYPE = 'residence.current';
/** The registry's consumer waits at most this long per fetch (@motlan/kafka); the baseline does the same. */
const CONSUMER_MAX_WAIT_MS = 500;

const DRIVER = new URL('./driver.ts', import.meta.url);
/** Unexplained CPU (share of a core) above which the result is flagged as disturbed by other work. */
const OTHER_WORK_WARNING = 0.25;
/**
 * PostgreSQL backends publish their table statistics at most every second while busy and only
 * after 10 s once idle: wait that long before each snapshot so both are complete.
 */
const STATS_SETTLE_MS = 11_000;

/** Runs one drive in a child process of its own and returns what it measured. */
async function drive(options: DriveOptions): Promise<DriveResult> {
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

function schedule(settings: PropagationSettings) {
  return {
    rate: settings.BENCH_PROPAGATION_RATE,
    warmupSeconds: settings.BENCH_PROPAGATION_WARMUP_SECONDS,
    seconds: settings.BENCH_SECONDS,
    maxInFlight: settings.BENCH_PROPAGATION_MAX_IN_FLIGHT,
  };
}

async function measureKafka(settings: PropagationSettings, kafka: Kafka): Promise<DriveResult> {
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

interface RegistryRun {
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

async function measureRegistry(
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
async function measureBoth({ settings, kafka, logDir, machine }: BenchContext<PropagationSettings>) {
  console.log(
    `propagation: baseline raw kafkajs produce → consume at ${formatCount(settings.BENCH_PROPAGATION_RATE)} msg/s, ` +
      `${settings.BENCH_PROPAGATION_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
  );
  const raw = await measureKafka(settings, kafka);
  const run = await measureRegistry(settings, kafka, logDir);
  const unaccounted = unaccountedCoreShare(run.cpuDuringDrive, machine.cores, run.drive.driverCpuSeconds);
  return { settings, raw, run, unaccounted };
}

/** `pnpm bench propagation` */
export const { description, main } = defineBench({
  name: 'propagation',
  description:
    'declared fact → readable through GetFacts at 1,000 declarations/s against raw kafkajs produce → consume, same run',
  settings: PropagationEnv,
  quiet: { sources: { label: 'fact registry', roots: FACT_REGISTRY_SOURCES } },
  measure: measureBoth,
  targets: ({ settings, run }) => {
    const reg = run.drive;
    const sustained =
      reg.achievedPerSecond >= 0.99 * settings.BENCH_PROPAGATION_RATE &&
      reg.skipped === 0 &&
      reg.errors === 0;
    const Q = QualityTargets;
    return {
      p99Ms: andAlso(
        atMost('p99 declared → readable', reg.propagation.p99Ms, Q.propagationP99Ms, 'ms'),
        reg.seen > 0 && reg.timedOut === 0,
        reg.timedOut > 0
          ? `${formatCount(reg.timedOut)} never readable within the poll timeout`
          : 'every followed one readable',
      ),
      sustainedRate: andAlso(
        atLeast('rate sustained', reg.achievedPerSecond, Q.propagationPerSecond, 'per-second'),
        sustained,
        'within 1% of the rate asked, nothing skipped, no errors',
      ),
      seconds: atLeast('sustained for', settings.BENCH_SECONDS, Q.propagationSeconds, 'seconds'),
      registryIdleRssBytes: atMost(
        'registry idle RSS',
        run.memory.registryIdle.rssBytes,
        Q.idleRssBytes,
        'bytes',
      ),
    };
  },
  report: ({ settings, raw, run, unaccounted }) => {
    const reg = run.drive;
    const ratios = {
      p50: reg.propagation.p50Ms / raw.propagation.p50Ms,
      p99: reg.propagation.p99Ms / raw.propagation.p99Ms,
      addedP50Ms: reg.propagation.p50Ms - raw.propagation.p50Ms,
      addedP99Ms: reg.propagation.p99Ms - raw.propagation.p99Ms,
    };
    const result = {
      registry: {
        purpose: PURPOSE,
        factType: FACT_TYPE,
        ...reg,
        drainSeconds: run.drainSeconds,
        drained: run.drained,
        consumerOutcomes: run.outcomes,
        cpuDuringDrive: run.cpuDuringDrive,
        tableActivity: run.tableActivity,
        memory: run.memory,
      },
      rawKafka: raw,
      ratios,
      /** CPU (share of one core) during the registry drive that neither the registry, PostgreSQL, Kafka nor the driver used. */
      otherWorkDuringDrive: unaccounted,
      schema: run.schema,
      group: run.group,
      topics: run.topics,
    };
    const applied = run.outcomes['applied'] ?? 0;
    const deadLettered = run.outcomes['dead_lettered'] ?? 0;
    const failures = (result: DriveResult): string => {
      const parts = [
        result.errors > 0 ? `${formatCount(result.errors)} errors` : '',
        result.skipped > 0 ? `${formatCount(result.skipped)} skipped` : '',
      ].filter((part) => part !== '');
      return parts.length > 0 ? ` (${parts.join(', ')})` : '';
    };
    const mem = run.memory;
    const rows = [
      [
        `raw kafkajs send → consumed (1 msg/send, ${Topics.citizenFacts.partitions} partitions)`,
        formatRate(raw.achievedPerSecond, 'msg') + failures(raw),
        formatMs(raw.propagation.p50Ms),
        formatMs(raw.propagation.p99Ms),
        formatMs(raw.propagation.maxMs),
        `driver ${formatMB(raw.driverMemory.rssBytes)}`,
      ],
      [
        '  raw send → ack (acks=-1, idempotent)',
        '',
        formatMs(raw.callLatency.p50Ms),
        formatMs(raw.callLatency.p99Ms),
        formatMs(raw.callLatency.maxMs),
      ],
      [
        `DeclareFacts → readable via GetFacts (every ${settings.BENCH_PROPAGATION_SAMPLE_EVERY}th)`,
        formatRate(reg.achievedPerSecond, 'decl') + failures(reg),
        formatMs(reg.propagation.p50Ms),
        formatMs(reg.propagation.p99Ms),
        formatMs(reg.propagation.maxMs),
        `registry ${formatMB(mem.registryAfter.rssBytes)} (peak ${formatMB(mem.registryDuringDrive.peakRssBytes)}) / driver ${formatMB(reg.driverMemory.rssBytes)}`,
      ],
      [
        '  DeclareFacts call (request → response)',
        '',
        formatMs(reg.callLatency.p50Ms),
        formatMs(reg.callLatency.p99Ms),
        formatMs(reg.callLatency.maxMs),
      ],
      [
        '  DeclareFacts response → readable',
        '',
        formatMs(reg.propagationAfterResponse?.p50Ms ?? 0),
        formatMs(reg.propagationAfterResponse?.p99Ms ?? 0),
        formatMs(reg.propagationAfterResponse?.maxMs ?? 0),
      ],
      [
        `  GetFacts polls (every ${settings.BENCH_PROPAGATION_POLL_MS} ms, then backing off)`,
        formatRate(reg.pollsPerSecond ?? 0, 'req'),
        formatMs(reg.pollLatency?.p50Ms ?? 0),
        formatMs(reg.pollLatency?.p99Ms ?? 0),
        formatMs(reg.pollLatency?.maxMs ?? 0),
      ],
    ];
    const checks = [
      [
        'rate asked',
        `${formatRate(settings.BENCH_PROPAGATION_RATE, 'decl')} for ${formatSeconds(settings.BENCH_SECONDS)} ` +
          `(max ${formatCount(reg.maxInFlight)} in flight, driver at worst ${formatMs(reg.maxStartDelayMs)} late)`,
      ],
      [
        'registry vs raw Kafka',
        `p50 ${ratios.p50.toFixed(1)}× (+${formatMs(ratios.addedP50Ms)}), p99 ${ratios.p99.toFixed(1)}× (+${formatMs(ratios.addedP99Ms)})`,
      ],
      [
        'followed',
        `${formatCount(reg.seen)}/${formatCount(reg.followed)} declarations seen readable, ${formatCount(reg.timedOut)} timed out` +
          ((reg.notFollowed ?? 0) > 0
            ? `, ${formatCount(reg.notFollowed ?? 0)} sampled but not followed (cap)`
            : '') +
          '; ' +
          `raw: ${formatCount(raw.seen)}/${formatCount(raw.followed)} consumed, ${formatCount(raw.timedOut)} timed out`,
      ],
      [
        'registry consumer',
        `${formatCount(applied)} applied for ${formatCount(reg.completedIncludingWarmup)} declared (warm-up included), ` +
          `${formatCount(deadLettered)} dead-lettered; ${run.drained ? 'caught up' : 'NOT caught up'} ` +
          `${formatSeconds(run.drainSeconds)} after the drive`,
      ],
      ['registry RSS', `peak ${formatMB(mem.registryDuringDrive.peakRssBytes)} during the drive`],
      [
        'per declaration (tables)',
        reg.completedIncludingWarmup > 0
          ? `${formatPerCall(run.tableActivity, reg.completedIncludingWarmup)} (polls and their audit included)`
          : '-',
      ],
      [
        'CPU during the drive',
        `${formatCpuUsage(run.cpuDuringDrive)}; driver ${Math.round((100 * reg.driverCpuSeconds) / run.cpuDuringDrive.wallSeconds)}%, ` +
          `other work ≈ ${Math.round(unaccounted * 100)}%`,
      ],
    ];
    return {
      columns: ['achieved', 'p50', 'p99', 'max', 'RSS'],
      rows,
      notes: checks,
      lines: [
        ...(reg.errorSamples.length > 0 ? [`registry errors: ${reg.errorSamples.join(' | ')}`] : []),
        ...(raw.errorSamples.length > 0 ? [`raw kafka errors: ${raw.errorSamples.join(' | ')}`] : []),
        `topics ${run.topics.own ? 'of its own' : 'shared'}: ${run.topics.facts}`,
        ...(unaccounted > OTHER_WORK_WARNING
          ? [
              `WARNING: about ${Math.round(unaccounted * 100)}% of a core went to other work during the drive: ` +
                'the numbers above are skewed; run again on a quiet machine',
            ]
          : []),
      ],
      result,
    };
  },
});
