/**
 * Child process of `pnpm bench propagation` (never in the process of what it measures). Waits for
 * its options over IPC, then drives one of two paths at a fixed rate (open loop: each item is sent
 * on schedule, whether or not earlier ones have finished) and sends back what it measured:
 *
 * - `registry`: DeclareFacts (as bench-client) for a fresh citizen per declaration; for every
 *   `sampleEvery`-th, GetFacts for that citizen and type until the current fact is the declared
 *   one. Latency runs from sending DeclareFacts to the first GetFacts answer that shows it.
 * - `kafka`: the baseline — raw kafkajs, one message per send (as DeclareFacts publishes), into a
 *   fresh topic, and a consumer in this process; latency runs from the send to the consumer
 *   seeing the message.
 */
import { randomUUID } from 'node:crypto';
import { Partitioners, type Consumer, type Producer } from 'kafkajs';
import { canonicalJson } from '@motlan/domain';
import { envelopeHeaders, EventTypes, newEnvelope, Topics } from '@motlan/kafka';
import { messageCodec, type Fact__Output } from '@motlan/proto';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { failChild, sendToParent, type ChildMessage } from '../lib/child-process.ts';
import { factRegistryClient, type FactRegistryClient } from '../lib/fact-registry-client.ts';
import { LatencyRecorder, type LatencySummary } from '../lib/histogram.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { connectKafka } from '../lib/stack.ts';
import { citizenId, factValue, syntheticFact, type CitizenBlock } from '../lib/synthetic-facts.ts';
import type { TlsFiles } from '../lib/tls.ts';
import { withTimeout } from '../lib/timeout.ts';

interface Schedule {
  /** Items started per second. */
  rate: number;
  /** Not counted: the same load first, so JIT, connections and caches are warm. */
  warmupSeconds: number;
  seconds: number;
  /** Items allowed unfinished at once; a due item beyond that is counted as skipped, not sent. */
  maxInFlight: number;
}

export interface RegistryDriveOptions extends Schedule {
  mode: 'registry';
  target: string;
  tls: TlsFiles;
  purpose: string;
  factType: string;
  block: CitizenBlock;
  /** Every how many declarations one is followed until readable. */
  sampleEvery: number;
  /**
   * Pause between two GetFacts for the same sampled declaration, for its first `steadyPollMs`;
   * after that the pause grows by half each time up to `maxPollIntervalMs`, so a registry that
   * falls behind is not buried under the bench's own reads (each one audited).
   */
  pollIntervalMs: number;
  steadyPollMs: number;
  maxPollIntervalMs: number;
  /** Declarations followed at once at most; a sampled one beyond that is not followed (counted). */
  maxFollowing: number;
  /** A sampled declaration not readable after this counts as timed out. */
  pollTimeoutMs: number;
}

export interface KafkaDriveOptions extends Schedule {
  mode: 'kafka';
  brokers: string[];
  topic: string;
  partitions: number;
  groupId: string;
  /** As the registry's consumer: partitions handled at once, fetch wait. */
  partitionsConsumedConcurrently: number;
  maxWaitTimeInMs: number;
  block: CitizenBlock;
  factType: string;
}

export type DriveOptions = RegistryDriveOptions | KafkaDriveOptions;

export interface DriveResult {
  mode: DriveOptions['mode'];
  rate: number;
  seconds: number;
  warmupSeconds: number;
  /** Items due inside the measured window, those sent, those skipped at the in-flight cap. */
  scheduled: number;
  sent: number;
  skipped: number;
  /** Sent items whose call (DeclareFacts / producer.send) succeeded, and those that failed. */
  completed: number;
  errors: number;
  errorSamples: string[];
  /** Successful calls including the warm-up's (what the consumer side must end up with). */
  completedIncludingWarmup: number;
  /** Completed items per second of the window. */
  achievedPerSecond: number;
  /** DeclareFacts request → response, or producer.send → acknowledgement (acks=-1). */
  callLatency: LatencySummary;
  /** Followed items: declared (or sent) → seen readable (or consumed). */
  followed: number;
  seen: number;
  timedOut: number;
  propagation: LatencySummary;
  /** registry only: DeclareFacts response → readable. */
  propagationAfterResponse?: LatencySummary;
  /** registry only: GetFacts calls made while following, and per second of the window. */
  polls?: number;
  pollsPerSecond?: number;
  /** registry only: sampled declarations not followed because `maxFollowing` were already. */
  notFollowed?: number;
  /** registry only: latency of those GetFacts calls. */
  pollLatency?: LatencySummary;
  maxInFlight: number;
  /** How late the driver started an item at worst (its own event loop falling behind). */
  maxStartDelayMs: number;
  driverMemory: ProcessMemory;
  /** CPU seconds this driver used over the drive (warm-up included), to tell its share of the machine. */
  driverCpuSeconds: number;
}

export interface DriveStartMessage extends ChildMessage {
  type: 'start';
  options: DriveOptions;
}

export interface DriveResultMessage extends ChildMessage {
  type: 'result';
  result: DriveResult;
}

const ERROR_SAMPLES = 5;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What every mode reports about its schedule and calls. */
class Tally {
  scheduled = 0;
  sent = 0;
  skipped = 0;
  completed = 0;
  /** Successful calls including the warm-up's. */
  completedAll = 0;
  errors = 0;
  readonly errorSamples = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;
  maxStartDelayMs = 0;
  followed = 0;
  seen = 0;
  timedOut = 0;
  readonly callLatency = new LatencyRecorder();
  readonly propagation = new LatencyRecorder();

  error(error: unknown, measured: boolean): void {
    if (!measured) return;
    this.errors += 1;
    if (this.errorSamples.size < ERROR_SAMPLES) this.errorSamples.add((error as Error).message);
  }
}

/**
 * Starts item i at `start + i / rate`, on a 2 ms tick, until the window closes; `launch` gets the
 * item's index and whether it falls in the measured window, and must settle on its own.
 */
async function runSchedule(
  schedule: Schedule,
  tally: Tally,
  launch: (index: number, measured: boolean) => Promise<void>,
): Promise<{ measureFrom: number; stopAt: number }> {
  const startAt = performance.now();
  const measureFrom = startAt + schedule.warmupSeconds * 1000;
  const stopAt = measureFrom + schedule.seconds * 1000;
  const pending = new Set<Promise<void>>();
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.floor(((Math.min(now, stopAt) - startAt) / 1000) * schedule.rate);
      for (; next < due; next += 1) {
        const dueAt = startAt + (next / schedule.rate) * 1000;
        const measured = dueAt >= measureFrom;
        if (measured) {
          tally.scheduled += 1;
          tally.maxStartDelayMs = Math.max(tally.maxStartDelayMs, now - dueAt);
        }
        if (tally.inFlight >= schedule.maxInFlight) {
          if (measured) tally.skipped += 1;
          continue;
        }
        if (measured) tally.sent += 1;
        tally.inFlight += 1;
        tally.maxInFlight = Math.max(tally.maxInFlight, tally.inFlight);
        const item = launch(next, measured).finally(() => {
          tally.inFlight -= 1;
          pending.delete(item);
        });
        pending.add(item);
      }
      if (now >= stopAt) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  await Promise.allSettled([...pending]);
  return { measureFrom, stopAt };
}

function baseResult(
  options: DriveOptions,
  tally: Tally,
  cpuFrom: NodeJS.CpuUsage,
): Omit<DriveResult, 'propagationAfterResponse'> {
  const cpu = process.cpuUsage(cpuFrom);
  return {
    mode: options.mode,
    rate: options.rate,
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    scheduled: tally.scheduled,
    sent: tally.sent,
    skipped: tally.skipped,
    completed: tally.completed,
    completedIncludingWarmup: tally.completedAll,
    errors: tally.errors,
    errorSamples: [...tally.errorSamples],
    achievedPerSecond: tally.completed / options.seconds,
    callLatency: tally.callLatency.summary(),
    followed: tally.followed,
    seen: tally.seen,
    timedOut: tally.timedOut,
    propagation: tally.propagation.summary(),
    maxInFlight: tally.maxInFlight,
    maxStartDelayMs: tally.maxStartDelayMs,
    driverMemory: readProcessMemory(process.pid),
    driverCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

async function driveRegistry(options: RegistryDriveOptions): Promise<DriveResult> {
  const tally = new Tally();
  const afterResponse = new LatencyRecorder();
  const pollLatency = new LatencyRecorder();
  let polls = 0;
  let notFollowed = 0;
  const followers = new Set<Promise<void>>();
  // Two channels: declarations and reads ("another procedure") do not queue behind each other.
  const declarer: FactRegistryClient = factRegistryClient(options.target, options.tls);
  const reader: FactRegistryClient = factRegistryClient(options.target, options.tls);
  const runTag = randomUUID().slice(0, 8);
  let cpuFrom = process.cpuUsage();

  const follow = async (personalId: string, factId: string, sentAt: number, answeredAt: number) => {
    const giveUpAt = answeredAt + options.pollTimeoutMs;
    let pause = options.pollIntervalMs;
    for (;;) {
      const pollStarted = performance.now();
      const response = await reader.getFacts(
        { personalId, factTypes: [options.factType], purpose: options.purpose },
        5_000,
      );
      const now = performance.now();
      polls += 1;
      pollLatency.record(now - pollStarted);
      if (response.facts.some((entry) => entry.fact?.id === factId)) {
        tally.seen += 1;
        tally.propagation.record(now - sentAt);
        afterResponse.record(now - answeredAt);
        return;
      }
      if (now >= giveUpAt) {
        tally.timedOut += 1;
        return;
      }
      if (now - answeredAt >= options.steadyPollMs) {
        pause = Math.min(options.maxPollIntervalMs, Math.max(1, pause) * 1.5);
      }
      await sleep(pause);
    }
  };

  try {
    await Promise.all([declarer.waitForReady(10_000), reader.waitForReady(10_000)]);
    cpuFrom = process.cpuUsage();
    await runSchedule(options, tally, async (index, measured) => {
      const personalId = citizenId(options.block, index);
      const sentAt = performance.now();
      try {
        const response = await declarer.declareFacts(
          {
            personalId,
            facts: [{ type: options.factType, valueJson: canonicalJson(factValue(options.factType, index)) }],
            dossierId: `bench-${runTag}-${index}`,
            purpose: options.purpose,
          },
          10_000,
        );
        const answeredAt = performance.now();
        tally.completedAll += 1;
        if (!measured) return;
        tally.completed += 1;
        tally.callLatency.record(answeredAt - sentAt);
        const factId = response.factIds[0];
        if (index % options.sampleEvery !== 0 || factId === undefined) return;
        if (followers.size >= options.maxFollowing) {
          notFollowed += 1;
          return;
        }
        tally.followed += 1;
        // Followed outside the declaration's slot: the in-flight cap is about declarations.
        const follower = follow(personalId, factId, sentAt, answeredAt)
          .catch((error: unknown) => {
            tally.timedOut += 1;
            tally.error(error, true);
          })
          .finally(() => followers.delete(follower));
        followers.add(follower);
      } catch (error) {
        tally.error(error, measured);
      }
    });
    await Promise.allSettled([...followers]);
  } finally {
    declarer.close();
    reader.close();
  }
  return {
    ...baseResult(options, tally, cpuFrom),
    propagationAfterResponse: afterResponse.summary(),
    polls,
    pollsPerSecond: polls / options.seconds,
    notFollowed,
    pollLatency: pollLatency.summary(),
  };
}

async function driveKafka(options: KafkaDriveOptions): Promise<DriveResult> {
  const tally = new Tally();
  const kafka = await connectKafka({ brokers: options.brokers, clientId: 'motlan-bench-propagation' });
  const admin = kafka.admin();
  await admin.connect();
  // As the registry publishes a declaration: a Fact, keyed by personal ID, with the full envelope.
  const codec = messageCodec<Fact__Output>(Topics.citizenFacts.payload);
  const sentAt = new Map<string, { at: number; measured: boolean }>();
  let cpuFrom = process.cpuUsage();
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: options.topic, numPartitions: options.partitions, replicationFactor: 1 }],
    });
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: options.maxWaitTimeInMs });
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => {
      const off = consumer!.on(consumer!.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    await consumer.run({
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      eachMessage: async ({ message }) => {
        const key = message.headers?.['bench-seq']?.toString() ?? '';
        const sent = sentAt.get(key);
        if (!sent) return;
        sentAt.delete(key);
        if (!sent.measured) return;
        tally.seen += 1;
        tally.propagation.record(performance.now() - sent.at);
      },
    });
    await withTimeout(joined, 60_000, 'joining the baseline consumer group');
    const activeProducer = producer;
    cpuFrom = process.cpuUsage();

    await runSchedule(options, tally, async (index, measured) => {
      const personalId = citizenId(options.block, index);
      const fact = syntheticFact(personalId, options.factType, factValue(options.factType, index), {
        assurance: 'ASSURANCE_SELF_DECLARED',
        sourceSystem: 'bench-client',
      });
      const envelope = newEnvelope(
        { eventId: fact.id, eventType: EventTypes.factDeclared },
        Topics.citizenFacts.payload,
        'bench',
      );
      const seq = String(index);
      const at = performance.now();
      sentAt.set(seq, { at, measured });
      if (measured) tally.followed += 1;
      try {
        await activeProducer.send({
          topic: options.topic,
          acks: -1,
          messages: [
            {
              key: personalId,
              value: codec.encode(fact),
              headers: { ...envelopeHeaders(envelope), 'bench-seq': seq },
            },
          ],
        });
        tally.completedAll += 1;
        if (!measured) return;
        tally.completed += 1;
        tally.callLatency.record(performance.now() - at);
      } catch (error) {
        sentAt.delete(seq);
        if (measured) tally.followed -= 1;
        tally.error(error, measured);
      }
    });
    // Whatever was sent and not yet consumed gets a bounded grace period, then counts as timed out.
    const graceUntil = performance.now() + 10_000;
    while ([...sentAt.values()].some((sent) => sent.measured) && performance.now() < graceUntil) {
      await sleep(20);
    }
    tally.timedOut = [...sentAt.values()].filter((sent) => sent.measured).length;
  } finally {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin.deleteGroups([options.groupId]).catch(() => undefined);
    await admin
      .deleteTopics({ topics: [options.topic] })
      .catch((error: Error) =>
        console.warn(`bench: could not delete topic ${options.topic}: ${error.message}`),
      );
    await admin.disconnect();
  }
  return baseResult(options, tally, cpuFrom);
}

function drive(options: DriveOptions): Promise<DriveResult> {
  if (options.mode === 'registry') return driveRegistry(options);
  if (options.mode === 'kafka') return driveKafka(options);
  throw new MotlanError(CommonErrors.validation, `unknown drive mode ${(options as DriveOptions).mode}`);
}

process.once('message', (message: ChildMessage) => {
  if (message.type !== 'start') {
    failChild(new MotlanError(CommonErrors.validation, `expected a "start" message, got "${message.type}"`));
    return;
  }
  drive((message as DriveStartMessage).options)
    .then(async (result) => {
      const reply: DriveResultMessage = { type: 'result', result };
      await sendToParent(reply);
      process.disconnect();
    })
    .catch(failChild);
});
