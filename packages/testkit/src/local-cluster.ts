import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { createKafka, KAFKA_ADMIN_IDENTITY, waitForBroker } from '@motlan/kafka';
import { runInfraScript } from '@motlan/local-stack';
import type { Logger } from '@motlan/logger';
import { freePort } from '@motlan/mesh';
import { testKafkaConfig, uniqueName } from './test-env.ts';

/** A node of the three-broker cluster, as infra/kafka/cluster.sh numbers them. */
export type ClusterNode = 1 | 2 | 3;

/**
 * A three-broker KRaft cluster started with the project's infra/kafka/cluster.sh (replication
 * factor 3, min.insync.replicas 2, secured like the single broker), on free ports and in a data
 * directory of its own, so a test may stop, kill and restart its nodes.
 */
export interface LocalCluster {
  /** `127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>`, for KAFKA_BROKERS. */
  readonly brokers: string;
  /** The variables cluster.sh is run with (ports, data directory), to hand to other processes. */
  readonly env: Readonly<Record<string, string>>;
  /** Starts a stopped node again on its ports and data; resolves when its client port accepts connections. */
  start(node: ClusterNode): Promise<void>;
  /** A controlled shutdown of one node (SIGTERM: it hands its partitions' leadership over first). */
  stop(node: ClusterNode): Promise<void>;
  /** SIGKILL of one node: a crash, nothing handed over. */
  kill(node: ClusterNode): Promise<void>;
  /** Stops every node and removes the data directory. */
  destroy(): Promise<void>;
}

/** The variables naming a cluster; `startLocalCluster` exports them to the test workers. */
const CLUSTER_VARIABLES = [
  'KAFKA_CLUSTER_PORTS',
  'KAFKA_CLUSTER_CONTROLLER_PORTS',
  'KAFKA_CLUSTER_DIR',
] as const;

function clusterHandle(env: Record<string, string>): LocalCluster {
  const brokers = env['KAFKA_CLUSTER_PORTS']!.split(',')
    .map((port) => `127.0.0.1:${port}`)
    .join(',');
  const script = (...args: string[]) => runInfraScript('kafka/cluster.sh', env, args).then(() => undefined);
  return {
    brokers,
    env,
    start: (node) => script('start', String(node)),
    stop: (node) => script('stop', String(node)),
    kill: (node) => script('kill', String(node)),
    destroy: () => script('destroy'),
  };
}

/**
 * Starts the cluster (free client and controller ports, a temporary data directory, `heap` per
 * node) and resolves once it answers the admin API as kafka-admin with all three brokers, within
 * `readyTimeoutMs`. Always `destroy()` it.
 */
export async function startLocalCluster(
  logger: Logger,
  options: { heap?: string; readyTimeoutMs?: number } = {},
): Promise<LocalCluster> {
  const ports = async () => (await Promise.all([freePort(), freePort(), freePort()])).join(',');
  const env = {
    KAFKA_CLUSTER_PORTS: await ports(),
    KAFKA_CLUSTER_CONTROLLER_PORTS: await ports(),
    KAFKA_CLUSTER_DIR: await mkdtemp(join(tmpdir(), 'motlan-kafka-cluster-')),
    KAFKA_HEAP: options.heap ?? '384m',
  };
  const cluster = clusterHandle(env);
  try {
    await runInfraScript('kafka/cluster.sh', env, ['start']);
    const kafka = createKafka({
      config: { ...testKafkaConfig(), KAFKA_BROKERS: cluster.brokers },
      identity: KAFKA_ADMIN_IDENTITY,
      clientId: uniqueName('local-cluster'),
      logger,
    });
    await waitForBroker(kafka, options.readyTimeoutMs ?? 90_000);
    await waitForAllBrokers(kafka, options.readyTimeoutMs ?? 90_000);
  } catch (error) {
    await cluster.destroy().catch(() => undefined);
    await rm(env.KAFKA_CLUSTER_DIR, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}

/** The cluster whose variables `startLocalCluster`'s caller exported (a test worker's view of it). */
export function localClusterFromEnv(env: NodeJS.ProcessEnv = process.env): LocalCluster {
  const missing = CLUSTER_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new MotlanError(
      CommonErrors.config,
      `No local cluster in this run (${missing.join(', ')} unset): run it with pnpm test:cluster`,
      { field: missing[0]! },
    );
  }
  return clusterHandle(Object.fromEntries(CLUSTER_VARIABLES.map((name) => [name, env[name]!])));
}

async function waitForAllBrokers(kafka: ReturnType<typeof createKafka>, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while ((await admin.describeCluster()).brokers.length < 3) {
      if (Date.now() > deadline)
        throw new MotlanError(
          CommonErrors.unavailable,
          `cluster without three brokers after ${timeoutMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
