import type { TestProject } from 'vitest/node';
import { createLogger } from '@motlan/logger';
import { provisionStack, type Stack } from '@motlan/local-stack';

let stack: Stack | undefined;

/**
 * Real Kafka and PostgreSQL for the whole run: from KAFKA_BROKERS / DATABASE_URL, from
 * testcontainers when Docker is there, else started by infra/ scripts (and stopped again at the
 * end if this run started them). Workers read the addresses from the environment.
 */
export async function setup(_project: TestProject): Promise<void> {
  const logger = createLogger({ name: 'test-stack', level: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
  stack = await provisionStack(logger);
  process.env['KAFKA_BROKERS'] = stack.kafkaBrokers;
  process.env['DATABASE_URL'] = stack.databaseUrl;
}

export async function teardown(): Promise<void> {
  if (process.env['MOTLAN_KEEP_STACK'] === '1') return;
  await stack?.stop();
}
