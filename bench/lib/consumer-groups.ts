/**
 * Consumer groups of services under test, seen from outside: where a group starts, how far behind
 * it is, and deleting the groups a bench made.
 */
import type { Kafka } from 'kafkajs';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { withTimeout } from './timeout.ts';

/** Partition → offset. */
export type PartitionOffsets = Map<number, number>;

/** Each partition's low and high watermarks (first offset kept, offset the next message gets). */
export async function topicWatermarks(
  kafka: Kafka,
  topic: string,
): Promise<{ low: PartitionOffsets; high: PartitionOffsets }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return {
      low: new Map(offsets.map((entry) => [entry.partition, Number(entry.low)])),
      high: new Map(offsets.map((entry) => [entry.partition, Number(entry.high)])),
    };
  } finally {
    await admin.disconnect();
  }
}

/** Messages a topic holds now (high − low over its partitions). */
export async function topicMessageCount(kafka: Kafka, topic: string): Promise<number> {
  const { low, high } = await topicWatermarks(kafka, topic);
  let total = 0;
  for (const [partition, end] of high) total += end - (low.get(partition) ?? 0);
  return total;
}

/** Messages appended between two readings of a topic's high watermarks. */
export function appendedBetween(before: PartitionOffsets, after: PartitionOffsets): number {
  let total = 0;
  for (const [partition, end] of after) total += end - (before.get(partition) ?? 0);
  return total;
}

/**
 * Commits `offsets` for a group that has no members yet (a fresh group), so the service that
 * joins it next starts there instead of at offset zero. Used to start a service under test at a
 * topic's current end: its fresh schema then holds only what the bench publishes, instead of a
 * replay of everything the shared topic has ever carried.
 */
export async function startGroupAt(
  kafka: Kafka,
  groupId: string,
  topic: string,
  offsets: PartitionOffsets,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await withTimeout(
      admin.setOffsets({
        groupId,
        topic,
        partitions: [...offsets].map(([partition, offset]) => ({ partition, offset: String(offset) })),
      }),
      60_000,
      `setting the offsets of group ${groupId}`,
    );
  } finally {
    await admin.disconnect();
  }
}

export interface GroupLag {
  /** Messages between the group's committed offsets and the high watermarks, over all partitions. */
  lag: number;
  committed: PartitionOffsets;
  high: PartitionOffsets;
}

/** How far a group is behind on a topic, from its committed offsets (none committed: from the low watermark). */
export async function groupLag(kafka: Kafka, groupId: string, topic: string): Promise<GroupLag> {
  const { low, high } = await topicWatermarks(kafka, topic);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed: PartitionOffsets = new Map(
      (entry?.partitions ?? []).map((partition) => [partition.partition, Number(partition.offset)]),
    );
    let lag = 0;
    for (const [partition, end] of high) {
      const at = committed.get(partition) ?? -1;
      lag += end - (at >= 0 ? at : (low.get(partition) ?? 0));
    }
    return { lag, committed, high };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Polls until the group's lag is zero; fails after `timeoutMs` naming the lag left. `onPoll`
 * sees every reading (a progress display).
 */
export async function waitForGroupCaughtUp(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs: number,
  onPoll?: (lag: number) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lag = Number.NaN;
  while (Date.now() < deadline) {
    lag = (await groupLag(kafka, groupId, topic)).lag;
    onPoll?.(lag);
    if (lag === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new MotlanError(
    CommonErrors.deadlineExceeded,
    `group ${groupId} still ${lag} messages behind on ${topic} after ${timeoutMs} ms`,
  );
}

/** Groups whose id starts with `prefix` (e.g. the rebuild CLI's `<schema>-rebuild-<time>`). */
export async function groupsWithPrefix(kafka: Kafka, prefix: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    return groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith(prefix));
  } finally {
    await admin.disconnect();
  }
}

/** Deletes groups a bench made (their members must have left); reports, never throws. */
export async function deleteGroups(kafka: Kafka, groupIds: string[]): Promise<void> {
  if (groupIds.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups(groupIds);
  } catch (error) {
    console.warn(`bench: could not delete groups ${groupIds.join(', ')}: ${(error as Error).message}`);
  } finally {
    await admin.disconnect();
  }
}
