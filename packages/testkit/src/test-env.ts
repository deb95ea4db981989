import { LocalStack, readKafkaConfig, type KafkaConfig } from '@motlan/config';

/**
 * What the tests' global setup provisioned (see tests/global-setup.ts), read from the
 * environment it exported to the test workers: the brokers and how to reach them (KAFKA_SECURITY,
 * KAFKA_SSL_*). Shared topic prefixes do not apply to tests: each makes fresh topics.
 */
export function testKafkaConfig(): KafkaConfig {
  return { ...readKafkaConfig(process.env), KAFKA_TOPIC_PREFIX: '' };
}

export function testDatabaseUrl(): string {
  return process.env['DATABASE_URL'] ?? LocalStack.databaseUrl;
}

let counter = 0;

/** A name no other test uses: prefix, process id, time and a counter. */
export function uniqueName(prefix: string, separator = '-'): string {
  counter += 1;
  return [prefix, process.pid, Date.now().toString(36), counter].join(separator);
}
