import type { OperatorContext } from '../operator-kafka.ts';
import { table, type CommandOutput } from '../output.ts';

/** One row of `motlan lag --json`: a partition a group has committed an offset on. */
export interface PartitionLag {
  group: string;
  /** Topic as declared (without KAFKA_TOPIC_PREFIX). */
  topic: string;
  partition: number;
  /** Next offset the group will read; null when it has committed none on this partition. */
  committed: string | null;
  /** Next offset the broker will write. */
  end: string;
  /** Records written and not yet consumed: end − committed (end − start without a commit). */
  lag: number;
}

/**
 * `motlan lag [--group G]`: per consumer group (those of the mesh under KAFKA_TOPIC_PREFIX the
 * operator may describe, topic-access.ts `watchesGroups`) and partition: committed, end and lag.
 * The CLI's and the console's own throwaway groups (`operator-...`, the context's `readerGroup`) are left out.
 */
export async function lagCommand(
  context: OperatorContext,
  options: { group?: string },
): Promise<CommandOutput> {
  const admin = context.kafka.admin();
  await admin.connect();
  const rows: PartitionLag[] = [];
  try {
    const { groups } = await admin.listGroups();
    const names = groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(context.prefix))
      .filter((g) => !g.startsWith(`${context.prefix}operator-`))
      .filter((g) => !context.readerGroup || !g.startsWith(context.prefix + context.readerGroup))
      .filter(
        (g) => options.group === undefined || g === options.group || g === context.prefix + options.group,
      )
      .sort();
    for (const group of names) {
      const committed = await admin.fetchOffsets({ groupId: group });
      for (const { topic, partitions } of committed) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, { start: o.low, end: o.high }]),
        );
        for (const { partition, offset } of partitions.sort((a, b) => a.partition - b.partition)) {
          const end = ends.get(partition) ?? { start: '0', end: '0' };
          const has = BigInt(offset) >= 0n;
          rows.push({
            group: group.slice(context.prefix.length),
            topic: topic.slice(context.prefix.length),
            partition,
            committed: has ? offset : null,
            end: end.end,
            lag: Number(BigInt(end.end) - BigInt(has ? offset : end.start)),
          });
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
  return {
    json: { prefix: context.prefix, partitions: rows },
    text:
      rows.length === 0
        ? 'No consumer group with committed offsets' + (options.group ? ` named ${options.group}` : '')
        : table(
            ['GROUP', 'TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG'],
            rows.map((r) => [
              r.group,
              r.topic,
              String(r.partition),
              r.committed ?? '-',
              r.end,
              String(r.lag),
            ]),
          ),
  };
}
