import type { TestProject } from 'vitest/node';
import { createLogger } from '@motlan/logger';
import { provisionStack, type Stack } from '@motlan/local-stack';
import { grantTestClient, startLocalCluster, type LocalCluster } from '@motlan/testkit';
import { build } from '../../infra/build/build.ts';

let cluster: LocalCluster | undefined;
let stack: Stack | undefined;

/**
 * `pnpm test:cluster`: the build, then a three-broker cluster of this run's own
 * (infra/kafka/cluster.sh on free ports, destroyed at the end) — whatever KAFKA_BROKERS says, the
 * tests stop and kill its nodes — and PostgreSQL as for `pnpm test` (DATABASE_URL, else started by
 * infra/postgres). Workers find the cluster in KAFKA_BROKERS and KAFKA_CLUSTER_* (localClusterFromEnv).
 */
export async function setup(_project: TestProject): Promise<void> {
  const logger = createLogger({ name: 'test-cluster', level: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
  logger.info(build(), 'workspace built');
  const started = Date.now();
  cluster = await startLocalCluster(logger);
  logger.info({ brokers: cluster.brokers, ms: Date.now() - started }, 'cluster up');
  try {
    stack = await provisionStack(logger, { ...process.env, KAFKA_BROKERS: cluster.brokers });
    await grantTestClient(stack.kafka, logger);
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  Object.assign(process.env, cluster.env, {
    KAFKA_BROKERS: cluster.brokers,
    DATABASE_URL: stack.databaseUrl,
  });
}

export async function teardown(): Promise<void> {
  await cluster?.destroy();
  if (process.env['MOTLAN_KEEP_STACK'] !== '1') await stack?.stop();
}
