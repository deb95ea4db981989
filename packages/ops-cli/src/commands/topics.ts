import type { OperatorContext } from '../operator-kafka.ts';
import { declaredTopics } from '../declared-topic.ts';
import { retentionText, table, type CommandOutput } from '../output.ts';

/** One row of `motlan topics --json`. */
export interface TopicSummary {
  /** Name as declared (without KAFKA_TOPIC_PREFIX). */
  topic: string;
  /** Whether the broker has it (the admin step, `pnpm topics`, creates it). */
  exists: boolean;
  partitions: number;
  /** Declared retention.ms (topics.ts); -1 keeps records forever. */
  retentionMs: string | null;
  cleanupPolicy: string | null;
  /** Records kept now: the sum over partitions of end offset − start offset. */
  messages: number;
  /** Full protobuf message name of the values. */
  payload: string;
}

/** `motlan topics`: every declared topic and dead-letter twin with partitions, retention and counts. */
export async function topicsCommand(context: OperatorContext): Promise<CommandOutput> {
  const admin = context.kafka.admin();
  await admin.connect();
  const summaries: TopicSummary[] = [];
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of declaredTopics(context.prefix)) {
      const exists = existing.has(topic.name);
      const offsets = exists ? await admin.fetchTopicOffsets(topic.name) : [];
      summaries.push({
        topic: topic.declaredName,
        exists,
        partitions: offsets.length,
        retentionMs: topic.definition.config['retention.ms'] ?? null,
        cleanupPolicy: topic.definition.config['cleanup.policy'] ?? null,
        messages: offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0),
        payload: topic.definition.payload,
      });
    }
  } finally {
    await admin.disconnect();
  }
  return {
    json: { prefix: context.prefix, topics: summaries },
    text: table(
      ['TOPIC', 'PARTITIONS', 'RETENTION', 'MESSAGES', 'PAYLOAD'],
      summaries.map((s) => [
        s.topic + (s.exists ? '' : ' (missing)'),
        String(s.partitions),
        retentionText(s.retentionMs ?? undefined) + (s.cleanupPolicy === 'compact' ? ', compacted' : ''),
        String(s.messages),
        s.payload,
      ]),
    ),
  };
}
