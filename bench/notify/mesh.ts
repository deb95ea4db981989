/**
 * `notify`'s setup: the fact registry on topics of its own (every declared topic under a fresh
 * prefix, notifications topics included, with the declared ACLs), citizens the population database
 * holds (seeded as its authoritative facts, so they are in the subscription's scope), and a
 * subscription of `bench-client` over REST with Kafka delivery.
 */
import { join } from 'node:path';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { createEventProducer, notificationsTopic, prefixed, Topics } from '@motlan/kafka';
import type { Cleanup } from '../lib/cleanup.ts';
import { deleteGroups } from '../lib/consumer-groups.ts';
import {
  freshTopicPrefix,
  registryGroup,
  registryMesh,
  startRegistry,
  stopRegistry,
  waitForRegistryCaughtUp,
  type RunningRegistry,
} from '../lib/fact-registry.ts';
import type { BenchContext } from '../lib/harness.ts';
import { startTimer } from '../lib/histogram.ts';
import { firstRecord, stampRecord } from '../lib/population-changes.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { formatCount } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { createSubscription, type SubscriptionView } from '../lib/subscriptions.ts';
import { freshCitizenBlock, publishFacts, type CitizenBlock } from '../lib/synthetic-facts.ts';
import { sleep } from '../lib/timeout.ts';
import { provisionTopicsOfOwn } from '../lib/topics.ts';
import type { NotifySettings } from './settings.ts';

/** The subscriber: the policy lets `bench-client` subscribe for any purpose (`*`) to the citizens the population database holds. */
export const SUBSCRIBER = 'bench-client';
/** A procedure `bench-client` holds (access policy: `*`). */
export const PURPOSE = '1.001234';
export const FACT_TYPE = 'residence.permanent';
/** Who publishes the changes: the population adapter's own Kafka identity (its declared grants). */
export const PUBLISHER = 'population-adapter';

/** What was set up, as the JSON result keeps it. */
export interface NotifySetup {
  schema: string;
  topicPrefix: string;
  registryGroup: string;
  /** The prefixed citizen.facts.v1 the changes go to, and the subscriber's notifications topic. */
  factsTopic: string;
  notificationsTopic: string;
  /** The subscriber's consumer group (bench-client may use groups starting with `<prefix>bench`). */
  subscriberGroup: string;
  subscription: SubscriptionView;
  /** The citizens moved: `citizens` of `block`, each at version 1 of their record. */
  block: CitizenBlock;
  citizens: number;
  /** Publishing the citizens' first records until the registry had applied them all. */
  seedSeconds: number;
  registryIdle: ProcessMemory;
}

export interface NotifyMesh {
  registry: RunningRegistry;
  setup: NotifySetup;
}

export async function startNotifyMesh(
  { settings, kafka, logDir }: BenchContext<NotifySettings>,
  cleanup: Cleanup,
): Promise<NotifyMesh> {
  const schema = freshSchemaName('bench_notify_registry');
  cleanup.defer('drop schema', () => dropSchemas(settings.DATABASE_URL, [schema]));
  const topicPrefix = freshTopicPrefix('notify');
  // Every declared topic under the prefix (the notifications topics among them), with the declared
  // ACLs: the registry, the publisher and the subscriber each act as themselves.
  await provisionTopicsOfOwn(kafka, topicPrefix, cleanup);
  console.log(`notify: starting the registry (schema ${schema}, topics ${topicPrefix}*) ...`);
  const registry = await startRegistry(kafka, await registryMesh(settings, schema, topicPrefix), {
    group: registryGroup('notify', schema, topicPrefix),
    consumerConcurrency: settings.BENCH_REGISTRY_CONSUMER_CONCURRENCY,
    logFile: join(logDir, 'registry.log'),
    ...(settings.BENCH_NOTIFY_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
  });
  cleanup.defer('stop registry', () => stopRegistry(kafka, registry));
  await sleep(settings.BENCH_IDLE_SECONDS * 1000);
  const registryIdle = readProcessMemory(registry.process.pid);

  const factsTopic = prefixed(Topics.citizenFacts, topicPrefix);
  const block = freshCitizenBlock();
  const citizens = settings.BENCH_NOTIFY_CITIZENS;
  console.log(
    `notify: seeding ${formatCount(citizens)} citizens as the population database's (a name and a permanent address each) ...`,
  );
  const sinceSeed = startTimer();
  const producer = await createEventProducer(kafka, PUBLISHER);
  try {
    const seeds = function* () {
      const observedAt = new Date().toISOString();
      for (let n = 0; n < citizens; n += 1) yield* stampRecord(firstRecord(block, n), observedAt);
    };
    await publishFacts(producer, seeds(), { topic: factsTopic });
  } finally {
    await producer.disconnect();
  }
  await waitForRegistryCaughtUp(kafka, registry, settings.BENCH_DRAIN_TIMEOUT_SECONDS * 1000);
  const seedSeconds = sinceSeed() / 1000;

  // Subscribed after the seeds are applied: the seeds are the citizens' state, not changes to notify.
  const subscription = await createSubscription(registry.httpUrl, registry.tls, {
    purpose: PURPOSE,
    factTypes: [FACT_TYPE],
    delivery: 'kafka',
  });
  const notificationsTopicName = prefixed(notificationsTopic(SUBSCRIBER), topicPrefix).name;
  if (subscription.topic !== notificationsTopicName) {
    throw new MotlanError(
      CommonErrors.internal,
      `notify: the subscription delivers to "${subscription.topic}", not to ${notificationsTopicName} ` +
        '(the subscriber topic under KAFKA_TOPIC_PREFIX)',
    );
  }
  console.log(`notify: subscribed ${SUBSCRIBER} (${subscription.id}) to ${FACT_TYPE} for ${PURPOSE}`);
  const subscriberGroup = `${topicPrefix}bench.notify.${schema}`;
  cleanup.defer('delete subscriber group', () => deleteGroups(kafka, [subscriberGroup]));
  return {
    registry,
    setup: {
      schema,
      topicPrefix,
      registryGroup: registry.group,
      factsTopic: factsTopic.name,
      notificationsTopic: notificationsTopicName,
      subscriberGroup,
      subscription,
      block,
      citizens,
      seedSeconds,
      registryIdle,
    },
  };
}
