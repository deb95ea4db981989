/**
 * One drive of `pnpm bench notify`, run in its driver process (driver.ts), never in the process of
 * what it measures: population changes published at a fixed rate (open loop) while consuming
 * where they should come out:
 *
 * - `notify`: moves (a new version of a citizen's record, its permanent address changed) published
 *   as the population adapter publishes them, to the registry's citizen.facts.v1; read back as
 *   `bench-client` from its notifications topic. Latency: change handed to the producer →
 *   notification consumed.
 * - `raw`: the baseline — the same changes, the same producer and the same consumer settings,
 *   straight through one plain topic. Latency: change handed to the producer → consumed.
 *
 * Both sides run in this one process, so a change's send time and its arrival are read from the
 * same monotonic clock; each change also carries its send time as `provenance.observed_at`.
 */
import { type Consumer } from 'kafkajs';
import { publishFacts } from '@motlan/adapter-kit';
import {
  createEventProducer,
  notificationsTopic,
  readEnvelope,
  renamed,
  Topics,
  type EventProducer,
} from '@motlan/kafka';
import { messageCodec, type Fact__Output, type factsV1 } from '@motlan/proto';
import type { ChildMessage } from '../lib/child-process.ts';
import { DeliveryTally, type DeliveryCounts } from '../lib/delivery-tally.ts';
import { LatencyRecorder, type LatencySummary } from '../lib/histogram.ts';
import { runOpenLoop, type OpenLoopCounts, type OpenLoopSchedule } from '../lib/open-loop.ts';
import { moveOf, stampRecord } from '../lib/population-changes.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { connectKafka } from '../lib/stack.ts';
import type { CitizenBlock } from '../lib/synthetic-facts.ts';
import { sleep, withTimeout } from '../lib/timeout.ts';

export interface ChangeDriveOptions extends OpenLoopSchedule {
  mode: 'notify' | 'raw';
  brokers: string[];
  /** Where the changes are published (a citizen.facts.v1 topic), and as whom (certificate name). */
  produceTopic: string;
  producerIdentity: string;
  /** Where they are read back, as whom and in which group; its messages are Facts or Notifications. */
  consumeTopic: string;
  consumerIdentity: string;
  groupId: string;
  payload: 'fact' | 'notification';
  /** The consumer's fetch wait and partitions handled at once (the same for both modes). */
  maxWaitTimeInMs: number;
  partitionsConsumedConcurrently: number;
  /** The citizens moved, round robin: `citizens` of `block`, each at version 1 before the drive. */
  block: CitizenBlock;
  citizens: number;
  /** After the drive, how long to wait for changes not yet delivered before counting them missing. */
  graceSeconds: number;
}

export interface ChangeDriveResult {
  mode: ChangeDriveOptions['mode'];
  rate: number;
  seconds: number;
  warmupSeconds: number;
  loop: OpenLoopCounts;
  /** Changes of the window the broker acknowledged, and those whose publish failed. */
  completed: number;
  errors: number;
  errorSamples: string[];
  /** Acknowledged changes per second of the window. */
  achievedPerSecond: number;
  /** Changes of the window delivered (first time) per second of the window. */
  deliveredPerSecond: number;
  /** publish → acknowledged (acks=-1). */
  sendLatency: LatencySummary;
  /**
   * What came out against what went in; `latency` is change sent → first delivery, split (notify)
   * at the registry's `changed_at` into `toStep` (sent → recorded) and `fromStep` (→ consumed).
   */
  deliveries: DeliveryCounts;
  /** After the drive: how long until nothing was pending (or the grace ran out). */
  drainSeconds: number;
  /** Joining the consumer group before the drive. */
  joinSeconds: number;
  driverMemory: ProcessMemory;
  /** CPU seconds this driver used over the drive (warm-up and drain included). */
  driverCpuSeconds: number;
}

export interface ChangeDriveStartMessage extends ChildMessage {
  type: 'start';
  options: ChangeDriveOptions;
}

export interface ChangeDriveResultMessage extends ChildMessage {
  type: 'result';
  result: ChangeDriveResult;
}

const ERROR_SAMPLES = 5;

/** What a consumed message says of its change. */
interface Delivered {
  eventId: string;
  /** The fact id of the change. */
  changeId: string;
  /** When the registry recorded the change (`changed_at`), on this process's `performance.now()` clock. */
  recordedAt?: number;
}

/** Reads a consumed message's change: a Fact (raw), or a Notification carrying the fact. */
export function readerOf(
  payload: ChangeDriveOptions['payload'],
): (value: Buffer, headerEventId: string | undefined) => Delivered {
  if (payload === 'fact') {
    const codec = messageCodec<Fact__Output>(Topics.citizenFacts.payload);
    return (value, headerEventId) => {
      const fact = codec.decode(value);
      return { eventId: headerEventId ?? fact.id, changeId: fact.id };
    };
  }
  const codec = messageCodec<factsV1.Notification__Output>(notificationsTopic('bench-client').payload);
  return (value, headerEventId) => {
    const notification = codec.decode(value);
    const changedAt = Date.parse(notification.changedAt);
    return {
      // The notification id is the stable one (same change, same subscription → same id).
      eventId: notification.id || (headerEventId ?? ''),
      changeId: notification.fact?.id ?? '',
      // Wall clock (the registry's, the same machine's) onto the monotonic one the sends are timed on.
      ...(Number.isNaN(changedAt) ? {} : { recordedAt: changedAt - performance.timeOrigin }),
    };
  };
}

export async function driveChanges(options: ChangeDriveOptions): Promise<ChangeDriveResult> {
  const tally = new DeliveryTally();
  const sendLatency = new LatencyRecorder();
  const errorSamples = new Set<string>();
  let completed = 0;
  let errors = 0;
  const read = readerOf(options.payload);
  const [producerKafka, consumerKafka] = await Promise.all([
    connectKafka({
      brokers: options.brokers,
      clientId: `motlan-bench-notify-${options.mode}-producer`,
      identity: options.producerIdentity,
    }),
    connectKafka({
      brokers: options.brokers,
      clientId: `motlan-bench-notify-${options.mode}-consumer`,
      identity: options.consumerIdentity,
    }),
  ]);
  let producer: EventProducer | undefined;
  let consumer: Consumer | undefined;
  try {
    // The producer the adapters publish with (coalescing, idempotent, acks=-1).
    producer = await createEventProducer(producerKafka, options.producerIdentity);
    consumer = consumerKafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: options.maxWaitTimeInMs });
    await consumer.connect();
    await consumer.subscribe({ topic: options.consumeTopic, fromBeginning: true });
    const activeConsumer = consumer;
    const joined = new Promise<void>((resolve) => {
      const off = activeConsumer.on(activeConsumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    const joining = performance.now();
    await consumer.run({
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      eachMessage: async ({ message }) => {
        const at = performance.now();
        if (!message.value) return;
        const { eventId, changeId, recordedAt } = read(message.value, readEnvelope(message.headers)?.eventId);
        tally.delivered(eventId, changeId, at, recordedAt);
      },
    });
    await withTimeout(joined, 60_000, `joining consumer group ${options.groupId}`);
    const joinSeconds = (performance.now() - joining) / 1000;

    const activeProducer = producer;
    const topic = renamed(Topics.citizenFacts, options.produceTopic);
    const cpuFrom = process.cpuUsage();
    const loop = await runOpenLoop(options, async (index, measured) => {
      const move = moveOf(options.block, options.citizens, index);
      const observedAt = new Date().toISOString();
      const facts = stampRecord(move, observedAt);
      const changeId = facts[0]!.id;
      const at = performance.now();
      tally.sent(changeId, { at, measured, subject: move.personalId, version: move.version });
      try {
        await publishFacts(activeProducer, facts, topic);
        if (!measured) return;
        completed += 1;
        sendLatency.record(performance.now() - at);
      } catch (error) {
        tally.unsent(changeId);
        if (!measured) return;
        errors += 1;
        if (errorSamples.size < ERROR_SAMPLES) errorSamples.add((error as Error).message);
      }
    });
    const drainFrom = performance.now();
    const graceUntil = drainFrom + options.graceSeconds * 1000;
    while (tally.pending() > 0 && performance.now() < graceUntil) await sleep(20);
    const drainSeconds = (performance.now() - drainFrom) / 1000;
    const cpu = process.cpuUsage(cpuFrom);
    const deliveries = tally.counts();
    return {
      mode: options.mode,
      rate: options.rate,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      loop,
      completed,
      errors,
      errorSamples: [...errorSamples],
      achievedPerSecond: completed / options.seconds,
      deliveredPerSecond: deliveries.latency.count / options.seconds,
      sendLatency: sendLatency.summary(),
      deliveries,
      drainSeconds,
      joinSeconds,
      driverMemory: readProcessMemory(process.pid),
      driverCpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }
}
