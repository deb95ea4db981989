/**
 * The one-shot setup of a deployment, before its services start: every service schema's
 * migrations (what each service would apply at its start, done once by a job), and — where no
 * operator makes them (compose; Strimzi's KafkaTopic/KafkaUser do it in Kubernetes) — the declared
 * topics and their ACLs.
 */
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { migrate } from '@motlan/db';
import { allTopics, declaredAcls, ensureAcls, type AclOutcome, type TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import { workloads } from './workloads.ts';

/** One schema and the migration folders (absolute) applied to it, in order. */
export interface SchemaMigrations {
  readonly workload: string;
  readonly schema: string;
  readonly dirs: readonly string[];
}

/**
 * Every workload's schema with its migrations; a schema variable set in `env` (as the service
 * itself reads it, e.g. FACT_REGISTRY_SCHEMA) names its schema, as at the service's start.
 */
export function migrationPlan(
  repoRoot: string,
  env: Record<string, string | undefined> = {},
): SchemaMigrations[] {
  return workloads
    .filter((workload) => workload.migrations.length > 0)
    .map((workload) => ({
      workload: workload.name,
      schema: env[workload.schema.variable] || workload.schema.name,
      dirs: workload.migrations.map((dir) => join(repoRoot, dir)),
    }));
}

/** Applies each plan entry's migrations (idempotent: only those not applied yet); returns what it applied. */
export async function runMigrations(
  databaseUrl: string,
  plan: readonly SchemaMigrations[],
  logger: Logger,
): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const entry of plan) {
    applied[entry.schema] = await migrate({ url: databaseUrl, schema: entry.schema, dir: [...entry.dirs] });
    logger.info({ schema: entry.schema, migrations: applied[entry.schema] }, 'schema migrated');
  }
  return applied;
}

/**
 * Creates the declared topics (and dead-letter twins) under `prefix` that do not exist, each with
 * the broker's default replication factor (`default.replication.factor`: 3 in the compose
 * cluster), then the declared ACLs. Returns the topics it created and how the ACLs went.
 */
export async function provisionDeclaredTopics(
  kafka: Kafka,
  prefix = '',
): Promise<{ created: string[]; acls: AclOutcome }> {
  const topics = allTopics(prefix);
  const created = await createMissing(kafka, topics);
  const acls = await ensureAcls(kafka, declaredAcls(prefix));
  return { created, acls };
}

async function createMissing(kafka: Kafka, topics: readonly TopicDefinition[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      // No replicationFactor: the broker's default applies (kafkajs sends -1).
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((topic) => topic.name);
  } finally {
    await admin.disconnect();
  }
}
