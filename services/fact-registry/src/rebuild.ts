import { createPool, migrate } from '@motlan/db';
import { ACCESS_MIGRATIONS } from '@motlan/access';
import type { Kafka, TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { Fact__Output } from '@motlan/proto';
import { startFactsConsumer } from './events/facts-consumer.ts';
import { RebuildProgress } from './rebuild-progress.ts';
import { currentViewDigest } from './store/fact-queries.ts';

export interface RebuildSettings {
  kafka: Kafka;
  databaseUrl: string;
  /** An empty (or new) schema to rebuild into. */
  schema: string;
  migrationsDir: string;
  topic: TopicDefinition<Fact__Output>;
  /** A consumer group used once and deleted after; it must be one the client's ACLs allow. */
  groupId: string;
  logger: Logger;
  concurrency?: number;
  /** Track discrepancies between sources while replaying (REGISTRY_DISCREPANCIES; default true). */
  discrepancies?: boolean;
  /**
   * Every 1,000 records and at the end: records of the topic as it was at the start settled so far,
   * of `total` (RebuildProgress: done never exceeds total).
   */
  onProgress?: (done: number, total: number) => void;
}

export interface RebuildResult {
  messages: number;
  seconds: number;
  currentView: { rows: number; digest: string };
}

/**
 * Replays the facts topic from offset zero into an empty schema with a fresh consumer group,
 * up to the end offsets seen at the start, and returns a digest of the resulting current view.
 */
export async function rebuildRegistry(settings: RebuildSettings): Promise<RebuildResult> {
  await migrate({
    url: settings.databaseUrl,
    schema: settings.schema,
    dir: [ACCESS_MIGRATIONS, settings.migrationsDir],
  });
  const pool = createPool({
    url: settings.databaseUrl,
    schema: settings.schema,
    applicationName: 'fact-registry-rebuild',
  });
  try {
    const existing = await pool.query('SELECT 1 FROM fact_history LIMIT 1');
    if (existing.rowCount)
      throw new TypeError(`Schema ${settings.schema} is not empty; rebuild needs an empty one`);

    const admin = settings.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(settings.topic.name);
    await admin.disconnect();
    const progress = new RebuildProgress(offsets);
    let messages = 0;
    const started = Date.now();

    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    const check = () => {
      if (progress.caughtUp) caughtUp();
    };
    check();
    const { groupId } = settings;
    const consumer = await startFactsConsumer({
      kafka: settings.kafka,
      pool,
      groupId,
      logger: settings.logger,
      concurrency: settings.concurrency ?? 4,
      topic: settings.topic,
      discrepancies: settings.discrepancies ?? true,
      onSettled: (partition, offset) => {
        messages += 1;
        progress.settled(partition, offset);
        if (messages % 1_000 === 0) settings.onProgress?.(progress.done, progress.total);
        check();
      },
    });
    await done;
    await consumer.stop();
    // A one-off group: remove it rather than leave its offsets behind on the cluster.
    const cleanup = settings.kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
    settings.onProgress?.(progress.done, progress.total);
    return { messages, seconds: (Date.now() - started) / 1000, currentView: await currentViewDigest(pool) };
  } finally {
    await pool.end();
  }
}
