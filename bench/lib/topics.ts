/** Topics of a bench's own: every declared topic under a fresh prefix, with the declared ACLs, removed at cleanup. */
import type { Kafka } from 'kafkajs';
import { readKafkaConfig } from '@motlan/config';
import { declaredAcls, provisionKafka, removeAcls } from '@motlan/kafka';
import type { Cleanup } from './cleanup.ts';

/**
 * Creates every declared topic (and its dead-letter twin) under `topicPrefix` and the declared
 * ACLs on them, so each service runs as itself; deletes what it created (those already deleted,
 * e.g. by `stopRegistry`, are skipped) and the ACLs at cleanup.
 */
export async function provisionTopicsOfOwn(
  kafka: Kafka,
  topicPrefix: string,
  cleanup: Cleanup,
): Promise<void> {
  const security = readKafkaConfig().KAFKA_SECURITY;
  const { created } = await provisionKafka(kafka, {
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_SECURITY: security,
  });
  cleanup.defer('delete topics', async () => {
    if (security === 'ssl') await removeAcls(kafka, declaredAcls(topicPrefix));
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const left = created.filter((name) => existing.has(name));
      if (left.length > 0) await admin.deleteTopics({ topics: left });
    } finally {
      await admin.disconnect();
    }
  });
}

/**
 * Runs `body` with a fresh topic of `partitions` (`<prefix>.<time>`, no declared ACLs: the harness
 * acts as `kafka-admin`), deleting it — and the groups `body` names in `groups` — afterwards.
 */
export async function withScratchTopic<T>(
  kafka: Kafka,
  options: { prefix: string; partitions: number; groups?: (topic: string) => string[] },
  body: (topic: string) => Promise<T>,
): Promise<T> {
  const topic = `${options.prefix}.${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: options.partitions, replicationFactor: 1 }],
    });
    return await body(topic);
  } finally {
    // A group does not exist when its phase never started; the topic goes either way.
    const groups = options.groups?.(topic) ?? [];
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    await admin
      .deleteTopics({ topics: [topic] })
      .catch((error: Error) => console.warn(`bench: could not delete topic ${topic}: ${error.message}`));
    await admin.disconnect();
  }
}
