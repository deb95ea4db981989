import { CommonErrors, MotlanError } from '@motlan/errors';
import { KafkaGrants } from '@motlan/kafka';
import { findTopic } from '../declared-topic.ts';
import { OpsCliErrors } from '../errors.ts';
import type { OperatorContext } from '../operator-kafka.ts';
import { table, type CommandOutput } from '../output.ts';

/** Where `replay --from` puts the group: one offset on every partition, or the first record at/after an instant. */
export type ReplayFrom = { offset: bigint } | { time: Date };

/** One row of `motlan replay --json`: a partition whose committed offset moves. */
export interface ReplayMove {
  /** Topic as declared (without KAFKA_TOPIC_PREFIX). */
  topic: string;
  partition: number;
  /** The group's committed offset before, null when it had none. */
  from: string | null;
  /** The committed offset after: the next record the group reads. */
  to: string;
  /** Records the group will read (again) from there: end − to. */
  toRead: number;
}

/** Group states with no consumer joined (kafkajs describeGroups; `Dead`: the group does not exist yet). */
const IDLE_STATES = new Set(['Empty', 'Dead']);

/**
 * `motlan replay <group> --from <offset|ISO instant> [--topic T] [--dry-run]`: moves the committed
 * offsets of a consumer group (named as declared, under KAFKA_TOPIC_PREFIX) on T, or on every topic
 * it has committed offsets on, so its consumers re-read from there when they start. `--from N` sets
 * offset N on every partition (a partition's start or end where N lies before or after it); `--from <instant>`
 * the first record written at or after it (the end where none is). Writes nothing under --dry-run.
 * Throws MOTLAN_PERMISSION_DENIED for a group outside the operator's `replaysGroups`,
 * MOTLAN_OPS_REPLAY_GROUP_ACTIVE while the group has members (kafkajs would otherwise fail
 * mid-way), MOTLAN_OPS_REPLAY_NO_TOPIC for a group with no offsets and no --topic, and
 * MOTLAN_OPS_TOPIC_UNKNOWN for an undeclared topic.
 */
export async function replayCommand(
  context: OperatorContext,
  group: string,
  options: { from: ReplayFrom; topic?: string; dryRun: boolean },
): Promise<CommandOutput> {
  const declaredGroup = group.startsWith(context.prefix) ? group.slice(context.prefix.length) : group;
  const groupId = context.prefix + declaredGroup;
  // The broker would only answer "no coordinator" for a group the operator may not touch: say why.
  const replayable = KafkaGrants.operator.replaysGroups;
  if (!replayable.some((granted) => declaredGroup.startsWith(granted))) {
    throw new MotlanError(
      CommonErrors.permissionDenied,
      `The operator may move the offsets of groups named ${replayable.join('*, ')}* only (replaysGroups of KafkaGrants.operator, packages/kafka/src/topic-access.ts); not ${declaredGroup}`,
      { field: 'group' },
    );
  }
  const admin = context.kafka.admin();
  await admin.connect();
  const moves: ReplayMove[] = [];
  try {
    await refuseActive(admin, groupId, declaredGroup);
    const committed = await admin.fetchOffsets({ groupId });
    const topics = options.topic
      ? [findTopic(context.prefix, options.topic).name]
      : committed.map((entry) => entry.topic).sort();
    if (topics.length === 0) {
      throw new MotlanError(
        OpsCliErrors.replayNoTopic,
        `Group ${declaredGroup} has committed no offsets: name the topic with --topic`,
        { field: 'topic' },
      );
    }
    const byTopic = new Map<string, { partition: number; offset: string }[]>();
    for (const topic of topics) {
      const ranges = await admin.fetchTopicOffsets(topic);
      const from = options.from;
      const targets =
        'time' in from
          ? await admin.fetchTopicOffsetsByTimestamp(topic, from.time.getTime())
          : ranges.map((range) => ({ partition: range.partition, offset: String(from.offset) }));
      const before = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      const partitions: { partition: number; offset: string }[] = [];
      for (const target of targets.sort((a, b) => a.partition - b.partition)) {
        const { partition } = target;
        const range = ranges.find((r) => r.partition === partition)!;
        // One offset for every partition: where a partition starts later or ends earlier, its start or end.
        const offset = String(bigMax(BigInt(range.low), bigMin(BigInt(target.offset), BigInt(range.high))));
        const previous = before.find((p) => p.partition === partition)?.offset;
        moves.push({
          topic: topic.slice(context.prefix.length),
          partition,
          from: previous !== undefined && BigInt(previous) >= 0n ? previous : null,
          to: offset,
          toRead: Number(BigInt(range.high) - BigInt(offset)),
        });
        partitions.push({ partition, offset });
      }
      byTopic.set(topic, partitions);
    }
    if (!options.dryRun) {
      for (const [topic, partitions] of byTopic) {
        // kafkajs joins the group to commit: it refuses too if a consumer joined since our check.
        await admin.setOffsets({ groupId, topic, partitions });
      }
    }
  } finally {
    await admin.disconnect();
  }
  const verb = options.dryRun ? 'Would move' : 'Moved';
  return {
    json: { group: declaredGroup, dryRun: options.dryRun, partitions: moves },
    text:
      `${verb} the committed offsets of ${declaredGroup}:\n` +
      table(
        ['TOPIC', 'PARTITION', 'FROM', 'TO', 'TO READ'],
        moves.map((m) => [m.topic, String(m.partition), m.from ?? '-', m.to, String(m.toRead)]),
      ),
  };
}

async function refuseActive(
  admin: ReturnType<OperatorContext['kafka']['admin']>,
  groupId: string,
  declaredGroup: string,
): Promise<void> {
  const { groups } = await admin.describeGroups([groupId]);
  const description = groups[0];
  if (description && (description.members.length > 0 || !IDLE_STATES.has(description.state))) {
    throw new MotlanError(
      OpsCliErrors.replayGroupActive,
      `Group ${declaredGroup} has ${description.members.length} member(s) (state ${description.state}): stop its consumers, then replay`,
      { field: 'group' },
    );
  }
}

const bigMax = (a: bigint, b: bigint) => (a > b ? a : b);
const bigMin = (a: bigint, b: bigint) => (a < b ? a : b);
