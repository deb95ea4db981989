import kafkajs, { type AclEntry, type Kafka } from 'kafkajs';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { aclKey } from './topic-access.ts';
import type { TopicDefinition } from './topics.ts';

// kafkajs is CommonJS and Node's named-export detection stops before these enums.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ConfigResourceTypes, ResourcePatternTypes } =
  kafkajs;

/** Waits until the broker answers metadata requests through the admin API. */
export async function waitForBroker(kafka: Kafka, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null) return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new MotlanError(CommonErrors.unavailable, `Kafka broker not ready after ${timeoutMs} ms`, {
    cause: lastError,
  });
}

/**
 * Creates the topics that do not exist yet, each with the brokers' `default.replication.factor`
 * (1 on the single development broker, 3 on the local cluster of infra/kafka/cluster.sh); existing
 * ones are left as they are.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicDefinition[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      const replicationFactor = await defaultReplicationFactor(admin);
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic: topic.name,
            numPartitions: topic.partitions,
            replicationFactor,
            configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
          })),
        });
      } catch (error) {
        // A young broker may answer the leader check with "unknown topic-partition" for a topic
        // it has just created (or another process created it first): wait for leaders instead.
        const type = (error as { type?: string }).type ?? '';
        if (!['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'TOPIC_ALREADY_EXISTS'].includes(type))
          throw error;
      }
      await waitForLeaders(
        admin,
        missing.map((topic) => topic.name),
      );
    }
    return missing.map((topic) => topic.name);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The cluster's `default.replication.factor`, read from the controller's broker config. Kafka
 * applies it itself to a CreateTopics request with -1 (v4 on), but kafkajs speaks v3, which
 * must name a number.
 */
async function defaultReplicationFactor(admin: ReturnType<Kafka['admin']>): Promise<number> {
  const { brokers, controller } = await admin.describeCluster();
  const broker = String(controller ?? brokers[0]!.nodeId);
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [
      { type: ConfigResourceTypes.BROKER, name: broker, configNames: ['default.replication.factor'] },
    ],
  });
  const value = resources[0]?.configEntries.find(
    (entry) => entry.configName === 'default.replication.factor',
  );
  return Number(value?.configValue ?? 1);
}

export async function deleteTopics(kafka: Kafka, names: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = names.filter((name) => existing.has(name));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(
  admin: ReturnType<Kafka['admin']>,
  names: string[],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      if (
        topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))
      )
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) {
      throw new MotlanError(
        CommonErrors.unavailable,
        `Topics without leaders after ${timeoutMs} ms: ${names.join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What became of a set of ACLs: applied, or not, because the broker authorises nothing. */
export type AclOutcome = 'applied' | 'no authorizer';

/**
 * Creates the given ACLs (creating one that exists changes nothing) and resolves once the broker
 * enforces them all. A broker without an authorizer answers SECURITY_DISABLED: then there is
 * nothing to apply and 'no authorizer' says so; the caller warns, as every authenticated client
 * may then do anything. Needs a super user (KAFKA_ADMIN_IDENTITY) or Alter on the cluster.
 */
export async function ensureAcls(kafka: Kafka, acls: AclEntry[], timeoutMs = 15_000): Promise<AclOutcome> {
  if (acls.length === 0) return 'applied';
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: acls });
    // The controller commits ACLs; the broker's authorizer applies them a moment later. Until
    // then a client given its rights would still be refused.
    const deadline = Date.now() + timeoutMs;
    const wanted = new Set(acls.map(aclKey));
    for (;;) {
      const { resources } = await admin.describeAcls(ANY_ACL);
      const present = new Set(
        resources.flatMap((resource) => resource.acls.map((acl) => aclKey({ ...resource, ...acl }))),
      );
      if ([...wanted].every((key) => present.has(key))) return 'applied';
      if (Date.now() > deadline)
        throw new MotlanError(CommonErrors.unavailable, `Kafka ACLs not in force after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    if ((error as { type?: string }).type === 'SECURITY_DISABLED') return 'no authorizer';
    throw error;
  } finally {
    await admin.disconnect();
  }
}

const ANY_ACL = {
  resourceType: AclResourceTypes.ANY,
  resourcePatternType: ResourcePatternTypes.ANY,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
};

/** Removes exactly the given ACLs (each filter matches one binding); absent ones are ignored. */
export async function removeAcls(kafka: Kafka, acls: AclEntry[]): Promise<void> {
  if (acls.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteAcls({ filters: acls }).catch((error: unknown) => {
      if ((error as { type?: string }).type !== 'SECURITY_DISABLED') throw error;
    });
  } finally {
    await admin.disconnect();
  }
}
