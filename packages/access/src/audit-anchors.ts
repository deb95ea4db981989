import { randomUUID } from 'node:crypto';
import { MotlanError } from '@motlan/errors';
import { Topics, type Kafka } from '@motlan/kafka';
import { messageCodec } from '@motlan/proto';
import type { AuditAnchorsTopic } from './audit-relay.ts';
import { AccessErrors } from './errors.ts';

/** One anchored chain head, as read back from access.audit-anchors.v1. */
export interface AuditAnchor {
  chain: string;
  discloser: string;
  /** The database schema that holds the chain. */
  store: string;
  sequence: number;
  hash: string;
  occurredAt: string;
  anchoredAt: string;
}

/**
 * Reads every anchor on the topic, from its start to the end offsets seen when called (a
 * throwaway consumer group, deleted afterwards). Chains only grow, so a compacted topic that
 * kept only the latest anchor of each chain loses nothing; all anchors still present are returned
 * and each is checked.
 *
 * @throws MotlanError MOTLAN_AUDIT_ANCHORS_UNREADABLE when the topic cannot be read to its end
 *   within `timeoutMs`, or holds a record that is not an AuditAnchor.
 */
export async function readAuditAnchors(
  kafka: Kafka,
  topic: AuditAnchorsTopic = Topics.accessAuditAnchors,
  timeoutMs = 30_000,
  /** Put before the throwaway group's name: the reader's granted group prefix (KAFKA_TOPIC_PREFIX). */
  groupPrefix = '',
): Promise<AuditAnchor[]> {
  const codec = messageCodec<{
    chain: string;
    discloser: string;
    store: string;
    sequence: string;
    hash: string;
    occurredAt: string;
    anchoredAt: string;
  }>(topic.payload);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${groupPrefix}audit-verify-${randomUUID()}`;
  try {
    const offsets = await admin.fetchTopicOffsets(topic.name);
    const remaining = new Map(
      offsets
        .filter((entry) => BigInt(entry.high) > BigInt(entry.low))
        .map((entry) => [entry.partition, BigInt(entry.high) - 1n]),
    );
    const anchors: AuditAnchor[] = [];
    if (remaining.size === 0) return anchors;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: topic.name, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new MotlanError(
                AccessErrors.auditAnchorsUnreadable,
                `${topic.name} not read to its end within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              const last = remaining.get(partition);
              if (last === undefined) return;
              if (message.value) {
                let value;
                try {
                  value = codec.decode(message.value);
                } catch (error) {
                  clearTimeout(timer);
                  reject(
                    new MotlanError(
                      AccessErrors.auditAnchorsUnreadable,
                      `${topic.name} partition ${partition} offset ${message.offset} is not an AuditAnchor`,
                      { cause: error },
                    ),
                  );
                  return;
                }
                anchors.push({ ...value, sequence: Number(value.sequence) });
              }
              if (BigInt(message.offset) >= last) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch((error: unknown) => {
            clearTimeout(timer);
            reject(error);
          });
      });
    } finally {
      await consumer.disconnect();
    }
    return anchors;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
