import type { auditV1, dossierV1, Fact__Output, factsV1 } from '@motlan/proto';
import { deadLetterTopicOf } from './definitions.ts';

/**
 * The one declaration of every topic: name, partitions, broker configs and the protobuf message
 * its values carry. The admin step (`pnpm topics`) creates exactly these, each with a dead-letter
 * twin; broker auto-creation is off.
 */
export interface TopicDefinition<T = unknown> {
  readonly name: string;
  readonly partitions: number;
  /** Broker-side topic configs (retention, compaction, ...). */
  readonly config: Readonly<Record<string, string>>;
  /** Full protobuf message name of the value. */
  readonly payload: string;
  /** What the record key is, for readers of this file. */
  readonly key: string;
  /** Phantom field carrying the payload's TypeScript type. */
  readonly __payloadType?: T;
}

const WEEK_MS = String(7 * 24 * 3600 * 1000);

/** Declares a topic whose values are the protobuf message `T` (as decoded, defaults filled). */
function topic<T>(definition: Omit<TopicDefinition<T>, '__payloadType'>): TopicDefinition<T> {
  return definition;
}

export const Topics = {
  /** Every fact about every citizen, in order per citizen; the registry is rebuilt from it. */
  citizenFacts: topic<Fact__Output>({
    name: 'citizen.facts.v1',
    partitions: 12,
    // Kept forever: the registry can be rebuilt from offset zero.
    config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    payload: 'motlan.common.v1.Fact',
    key: 'subject personal ID',
  }),
  /** Every disclosure decision (granted or denied) of every service that discloses facts. */
  accessAudit: topic<auditV1.AccessAudited__Output>({
    name: 'access.audit.v1',
    partitions: 6,
    // Audit is evidence: kept forever, like the hash-chained tables it mirrors.
    config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    payload: 'motlan.audit.v1.AccessAudited',
    key: 'subject personal ID',
  }),
  /**
   * The head of every audit hash chain (@motlan/access AuditRelay), so that a chain cut, dropped
   * or recomputed in its writer's database no longer matches what was anchored outside it.
   */
  accessAuditAnchors: topic<auditV1.AuditAnchor__Output>({
    name: 'access.audit-anchors.v1',
    partitions: 3,
    // Compacted, never deleted: the latest anchor of a chain pins all its earlier links.
    config: { 'retention.ms': '-1', 'cleanup.policy': 'compact' },
    payload: 'motlan.audit.v1.AuditAnchor',
    key: 'audit chain id',
  }),
  /** Every change of every one-stop dossier, in order per dossier (relayed from its outbox). */
  dossierEvents: topic<dossierV1.DossierEvent__Output>({
    name: 'dossier.events.v1',
    partitions: 6,
    // Kept forever: the record of how each dossier was handled, and the source of reports.
    config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    payload: 'motlan.dossier.v1.DossierEvent',
    key: 'dossier id',
  }),
  /**
   * Two authoritative sources disagree on a citizen's fact (opened, updated, resolved), for the
   * data owners of both (fact registry, discrepancies).
   */
  citizenDiscrepancies: topic<factsV1.DiscrepancyEvent__Output>({
    name: 'citizen.discrepancies.v1',
    partitions: 6,
    // Kept forever: the record of what the sources disagreed on and when it was settled.
    config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    payload: 'motlan.facts.v1.DiscrepancyEvent',
    key: 'subject personal ID',
  }),
} as const;

/**
 * The clients that take change notifications over Kafka (subscriptions with DELIVERY_KAFKA), each
 * on a topic of its own that only it may read (topic-access.ts). Others subscribe through the gRPC
 * stream. A new Kafka subscriber is added here and in KafkaGrants.
 */
export const NOTIFICATION_SUBSCRIBERS = ['military-personnel-db', 'one-stop', 'bench-client'] as const;
export type NotificationSubscriber = (typeof NOTIFICATION_SUBSCRIBERS)[number];

export function isNotificationSubscriber(client: string): client is NotificationSubscriber {
  return (NOTIFICATION_SUBSCRIBERS as readonly string[]).includes(client);
}

/** The notifications topic of one subscriber: `citizen.notifications.v1.<client>`. */
export function notificationsTopic(
  client: NotificationSubscriber,
): TopicDefinition<factsV1.Notification__Output> {
  return topic<factsV1.Notification__Output>({
    name: `citizen.notifications.v1.${client}`,
    partitions: 6,
    // A subscriber offline for longer than a week resubscribes (and reads the current facts).
    config: { 'retention.ms': WEEK_MS, 'cleanup.policy': 'delete' },
    payload: 'motlan.facts.v1.Notification',
    key: 'subject personal ID',
  });
}

/** A topic and its dead-letter twin, as the admin step creates them. */
export function withDeadLetter(topic: TopicDefinition): TopicDefinition[] {
  return [
    topic,
    {
      name: deadLetterTopicOf(topic.name),
      partitions: 1,
      config: { 'retention.ms': WEEK_MS, 'cleanup.policy': 'delete' },
      payload: topic.payload,
      key: topic.key,
    },
  ];
}

export function allTopics(prefix = ''): TopicDefinition[] {
  return [
    ...(Object.values(Topics) as TopicDefinition[]),
    ...NOTIFICATION_SUBSCRIBERS.map(notificationsTopic),
  ].flatMap((topic) => withDeadLetter(prefixed(topic, prefix)));
}

/** A declared topic under KAFKA_TOPIC_PREFIX (unchanged when the prefix is empty). */
export function prefixed<T>(topic: TopicDefinition<T>, prefix: string): TopicDefinition<T> {
  return prefix ? renamed(topic, prefix + topic.name) : topic;
}

/** The same topic under another name: tests use a fresh topic per test. */
export function renamed<T>(topic: TopicDefinition<T>, name: string): TopicDefinition<T> {
  return { ...topic, name };
}
