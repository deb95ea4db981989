/**
 * `notify`'s two drives, each from the driver process: population changes → the registry → the
 * subscriber's notifications (on the mesh), then, once the mesh is stopped, the same changes
 * straight through a plain topic (the baseline).
 */
import { brokerList } from '@motlan/config';
import { deleteTopics, ensureTopics, KAFKA_ADMIN_IDENTITY, renamed, Topics } from '@motlan/kafka';
import { forkModule, stopChild, waitForMessage } from '../lib/child-process.ts';
import { withCleanup } from '../lib/cleanup.ts';
import { deleteGroups } from '../lib/consumer-groups.ts';
import { cpuSnapshot, cpuUsage, unaccountedCoreShare, type CpuUsage } from '../lib/cpu-usage.ts';
import { factOutcomes, waitForRegistryCaughtUp } from '../lib/fact-registry.ts';
import type { BenchContext } from '../lib/harness.ts';
import { startTimer } from '../lib/histogram.ts';
import {
  MemorySampler,
  readProcessMemory,
  type ProcessMemory,
  type SampledMemory,
} from '../lib/process-stats.ts';
import { formatCount, formatMs } from '../lib/report.ts';
import { freshCitizenBlock } from '../lib/synthetic-facts.ts';
import type {
  ChangeDriveOptions,
  ChangeDriveResult,
  ChangeDriveResultMessage,
  ChangeDriveStartMessage,
} from './drive-changes.ts';
import { PUBLISHER, SUBSCRIBER, type NotifyMesh, type NotifySetup } from './mesh.ts';
import type { NotifySettings } from './settings.ts';

const DRIVER = new URL('./driver.ts', import.meta.url);

/** Runs one drive in a child process of its own and returns what it measured. */
async function drive(options: ChangeDriveOptions): Promise<ChangeDriveResult> {
  const child = forkModule(DRIVER);
  try {
    const start: ChangeDriveStartMessage = { type: 'start', options };
    child.send(start);
    const budgetMs = (options.warmupSeconds + options.seconds + options.graceSeconds) * 1000 + 180_000;
    return (await waitForMessage<ChangeDriveResultMessage>(child, 'result', budgetMs)).result;
  } finally {
    await stopChild(child);
  }
}

/** What both drives share: the schedule and the consumer's settings. */
function driveSettings(settings: NotifySettings) {
  return {
    rate: settings.BENCH_NOTIFY_RATE,
    warmupSeconds: settings.BENCH_NOTIFY_WARMUP_SECONDS,
    seconds: settings.BENCH_SECONDS,
    maxInFlight: settings.BENCH_NOTIFY_MAX_IN_FLIGHT,
    graceSeconds: settings.BENCH_NOTIFY_GRACE_SECONDS,
    brokers: brokerList(settings.KAFKA_BROKERS),
    maxWaitTimeInMs: settings.BENCH_NOTIFY_CONSUMER_MAX_WAIT_MS,
    partitionsConsumedConcurrently: settings.BENCH_NOTIFY_CONSUMER_CONCURRENCY,
    citizens: settings.BENCH_NOTIFY_CITIZENS,
  };
}

function describeDrive(settings: NotifySettings): string {
  return (
    `${formatCount(settings.BENCH_NOTIFY_RATE)}/s, ${settings.BENCH_NOTIFY_WARMUP_SECONDS} s warm-up + ` +
    `${settings.BENCH_SECONDS} s measured, over ${formatCount(settings.BENCH_NOTIFY_CITIZENS)} citizens`
  );
}

/** One line on a finished drive, printed at once: a later phase that fails does not take it along. */
function summarizeDrive(result: ChangeDriveResult): string {
  const { latency, delivered, sent } = result.deliveries;
  return (
    `p50 ${formatMs(latency.p50Ms)}, p99 ${formatMs(latency.p99Ms)}, max ${formatMs(latency.maxMs)}; ` +
    `${formatCount(delivered)}/${formatCount(sent)} delivered`
  );
}

export interface NotifyRun {
  settings: NotifySettings;
  mesh: NotifySetup;
  drive: ChangeDriveResult;
  /** After the drive: until the registry's citizen.facts.v1 group had committed everything (or gave up). */
  registryDrainSeconds: number;
  registryDrained: boolean;
  /** The registry's citizen.facts.v1 consumer over the drive, by outcome. */
  consumerOutcomes: Record<string, number>;
  cpuDuringDrive: CpuUsage;
  /** CPU (share of one core) during the drive that neither the registry, PostgreSQL, Kafka nor the driver used. */
  otherWork: number;
  memory: { registryIdle: ProcessMemory; registryAfter: ProcessMemory; registryDuringDrive: SampledMemory };
}

/** Population changes → registry → bench-client's notifications, on the mesh `startNotifyMesh` set up. */
export async function measureNotify(
  { settings, kafka, machine }: BenchContext<NotifySettings>,
  mesh: NotifyMesh,
): Promise<NotifyRun> {
  const { registry, setup } = mesh;
  const outcomesBefore = await factOutcomes(registry);
  console.log(`notify: moves → registry → ${SUBSCRIBER}'s notifications at ${describeDrive(settings)} ...`);
  const sampler = new MemorySampler(registry.process.pid, 500);
  const cpuBefore = cpuSnapshot({ registry: registry.process.pid });
  const result = await drive({
    mode: 'notify',
    ...driveSettings(settings),
    produceTopic: setup.factsTopic,
    producerIdentity: PUBLISHER,
    consumeTopic: setup.notificationsTopic,
    consumerIdentity: SUBSCRIBER,
    groupId: setup.subscriberGroup,
    payload: 'notification',
    block: setup.block,
  });
  const cpuDuringDrive = cpuUsage(cpuBefore, cpuSnapshot({ registry: registry.process.pid }));
  const registryDuringDrive = sampler.stop();
  console.log(`notify: notified ${summarizeDrive(result)}`);
  const sinceDrive = startTimer();
  const registryDrained = await waitForRegistryCaughtUp(
    kafka,
    registry,
    settings.BENCH_DRAIN_TIMEOUT_SECONDS * 1000,
  ).then(
    () => true,
    (error: Error) => {
      console.warn(`notify: ${error.message}`);
      return false;
    },
  );
  const registryDrainSeconds = sinceDrive() / 1000;
  const outcomesAfter = await factOutcomes(registry);
  const consumerOutcomes = Object.fromEntries(
    Object.entries(outcomesAfter).map(([outcome, count]) => [
      outcome,
      count - (outcomesBefore[outcome] ?? 0),
    ]),
  );
  return {
    settings,
    mesh: mesh.setup,
    drive: result,
    registryDrainSeconds,
    registryDrained,
    consumerOutcomes,
    cpuDuringDrive,
    otherWork: unaccountedCoreShare(cpuDuringDrive, machine.cores, result.driverCpuSeconds),
    memory: {
      registryIdle: setup.registryIdle,
      registryAfter: readProcessMemory(registry.process.pid),
      registryDuringDrive,
    },
  };
}

/**
 * The baseline, once the mesh is stopped: the same changes, producer and consumer settings,
 * straight through a fresh plain topic of citizen.facts.v1's partitions (as `kafka-admin`: the
 * topic has no declared ACLs), deleted afterwards with its group.
 */
export async function measureRaw({
  settings,
  kafka,
}: BenchContext<NotifySettings>): Promise<ChangeDriveResult> {
  console.log(
    `notify: baseline, the same changes straight through a plain topic at ${describeDrive(settings)} ...`,
  );
  return withCleanup(async (cleanup) => {
    const topic = renamed(Topics.citizenFacts, `bench.notify.raw.${Date.now()}`);
    const groupId = `${topic.name}.consumer`;
    // ensureTopics waits out a busy broker's "unknown topic-partition" right after creating it.
    await ensureTopics(kafka, [topic]);
    cleanup.defer('delete baseline topic', () => deleteTopics(kafka, [topic.name]));
    cleanup.defer('delete baseline group', () => deleteGroups(kafka, [groupId]));
    const result = await drive({
      mode: 'raw',
      ...driveSettings(settings),
      produceTopic: topic.name,
      producerIdentity: KAFKA_ADMIN_IDENTITY,
      consumeTopic: topic.name,
      consumerIdentity: KAFKA_ADMIN_IDENTITY,
      groupId,
      payload: 'fact',
      block: freshCitizenBlock(),
    });
    console.log(`notify: baseline ${summarizeDrive(result)}`);
    return result;
  });
}
