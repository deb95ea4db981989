import { existsSync } from 'node:fs';
import pg from 'pg';
import { LocalStack, readKafkaConfig, type KafkaConfig } from '@motlan/config';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { createKafka, KAFKA_ADMIN_IDENTITY, waitForBroker } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import { runInfraScript } from './infra-scripts.ts';

export interface Stack {
  kafkaBrokers: string;
  /** How clients reach that Kafka: KafkaEnv with KAFKA_BROKERS set to `kafkaBrokers`. */
  kafka: KafkaConfig;
  databaseUrl: string;
  /** Where each came from, for the operator's benefit. */
  origin: { kafka: StackOrigin; postgres: StackOrigin };
  /** Stops only what this call started. */
  stop(): Promise<void>;
}

export type StackOrigin = 'environment' | 'testcontainers' | 'local scripts' | 'already running';

/**
 * Brings up real Kafka and PostgreSQL, in this order of preference:
 * KAFKA_BROKERS / DATABASE_URL given by the user (Kafka's security then from KAFKA_SECURITY and
 * KAFKA_SSL_*); for PostgreSQL, testcontainers when a Docker engine is present (and
 * MOTLAN_USE_TESTCONTAINERS is not 0); otherwise the project's own scripts in infra/. Kafka never
 * comes from testcontainers: the project's broker is the one secured by infra/kafka (mutual TLS
 * with the development CA, ACLs), and tests and `pnpm start` run against it so.
 * Resolves once both answer: Kafka through its admin API (as kafka-admin), PostgreSQL through a
 * query. Throws MOTLAN_CONFIG for KAFKA_SECURITY=plaintext without a broker of one's own.
 */
export async function provisionStack(logger: Logger, env = process.env): Promise<Stack> {
  const stoppers: (() => Promise<void>)[] = [];
  const useContainers = env['MOTLAN_USE_TESTCONTAINERS'] !== '0' && dockerEngineLikely(env);

  let kafkaBrokers = env['KAFKA_BROKERS'];
  let kafkaOrigin: StackOrigin = 'environment';
  const kafkaEnv = readKafkaConfig(env);
  // The development CA and every identity's certificate (idempotent), for the broker and clients.
  await runInfraScript('certs/generate.sh');
  if (!kafkaBrokers) {
    if (kafkaEnv.KAFKA_SECURITY !== 'ssl') {
      throw new MotlanError(
        CommonErrors.config,
        "KAFKA_SECURITY=plaintext is for a broker of your own (KAFKA_BROKERS); the project's broker takes mutual TLS",
        { field: 'KAFKA_SECURITY' },
      );
    }
    const out = await runInfraScript('kafka/start.sh');
    kafkaOrigin = out.includes('already running') ? 'already running' : 'local scripts';
    if (kafkaOrigin === 'local scripts')
      stoppers.push(async () => void (await runInfraScript('kafka/stop.sh')));
    kafkaBrokers = LocalStack.kafkaBrokers;
  }
  const kafkaConfig: KafkaConfig = { ...kafkaEnv, KAFKA_BROKERS: kafkaBrokers };

  let databaseUrl = env['DATABASE_URL'];
  let postgresOrigin: StackOrigin = 'environment';
  if (!databaseUrl) {
    if (useContainers) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:16-alpine').start();
      databaseUrl = container.getConnectionUri();
      stoppers.push(async () => void (await container.stop()));
      postgresOrigin = 'testcontainers';
    } else {
      const out = await runInfraScript('postgres/start.sh');
      postgresOrigin = out.includes('already running') ? 'already running' : 'local scripts';
      if (postgresOrigin === 'local scripts') {
        stoppers.push(async () => void (await runInfraScript('postgres/stop.sh')));
      }
      databaseUrl = LocalStack.databaseUrl;
    }
  }

  const kafka = createKafka({
    config: kafkaConfig,
    identity: KAFKA_ADMIN_IDENTITY,
    clientId: 'motlan-stack-check',
    logger,
  });
  await waitForBroker(kafka, 90_000);
  await waitForPostgres(databaseUrl, 60_000);
  logger.info({ kafkaBrokers, kafka: kafkaOrigin, postgres: postgresOrigin }, 'stack ready');

  return {
    kafkaBrokers,
    kafka: kafkaConfig,
    databaseUrl,
    origin: { kafka: kafkaOrigin, postgres: postgresOrigin },
    async stop() {
      for (const stop of stoppers.reverse()) await stop();
    },
  };
}

function dockerEngineLikely(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');
}

export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new MotlanError(CommonErrors.unavailable, `PostgreSQL not ready after ${timeoutMs} ms`, {
    cause: lastError,
  });
}
