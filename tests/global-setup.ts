import type { TestProject } from 'vitest/node';
import { createLogger } from '@motlan/logger';
import { provisionStack, type Stack } from '@motlan/local-stack';
import { grantTestClient } from '@motlan/testkit';
import { build } from '../infra/build/build.ts';

let stack: Stack | undefined;

/**
 * First `pnpm build` (incremental: only what changed since the last build), so tests that run a
 * service the way it runs for real — plain node on its `dist/` — run today's code.
 * Then real Kafka and PostgreSQL for the whole run: from KAFKA_BROKERS / DATABASE_URL, else started by
 * infra/ scripts (Kafka secured: mutual TLS and ACLs; PostgreSQL from testcontainers when Docker
 * is there), and stopped again at the end if this run started them. Test code acts on Kafka as
 * `test-client`, granted here. Workers read the addresses from the environment.
 */
export async function setup(_project: TestProject): Promise<void> {
  const logger = createLogger({ name: 'test-stack', level: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
  const built = build();
  logger.info(built, 'workspace built');
  stack = await provisionStack(logger);
  await grantTestClient(stack.kafka, logger);
  process.env['KAFKA_BROKERS'] = stack.kafkaBrokers;
  process.env['DATABASE_URL'] = stack.databaseUrl;
}

export async function teardown(): Promise<void> {
  if (process.env['MOTLAN_KEEP_STACK'] === '1') return;
  await stack?.stop();
}
