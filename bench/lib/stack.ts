import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readKafkaConfig } from '@motlan/config';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { createKafka, KAFKA_ADMIN_IDENTITY, waitForBroker, type Kafka } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts the local Kafka broker and PostgreSQL server (both scripts are idempotent) unless
 * KAFKA_BROKERS / DATABASE_URL point the bench at servers someone else runs.
 */
export function ensureLocalStack(needs: { kafka: boolean; postgres: boolean }, env = process.env): void {
  if (needs.kafka && env['KAFKA_BROKERS'] === undefined) runScript('infra/kafka/start.sh');
  if (needs.postgres && env['DATABASE_URL'] === undefined) runScript('infra/postgres/start.sh');
}

function runScript(script: string): void {
  const run = spawnSync('bash', [script], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new MotlanError(
      CommonErrors.unavailable,
      `${script} failed (${run.status ?? run.signal}): ${run.stderr || run.stdout}`,
    );
  }
}

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  timeoutMs?: number;
  /**
   * The certificate (Kafka principal) to act as; `kafka-admin` by default. A bench playing a
   * service or a subscriber acts as that one, under its declared ACLs (topic-access.ts).
   */
  identity?: string;
}

/**
 * A kafkajs client once the broker answers admin requests, built as our services build theirs
 * (@motlan/kafka's createKafka: KAFKA_SECURITY and KAFKA_SSL_* from the environment). The bench
 * harness creates and deletes topics and groups and grants services their ACLs, so it acts as the
 * admin step's super user (kafka-admin) unless `identity` says otherwise; the services it starts
 * act as themselves.
 */
export async function connectKafka(connection: KafkaConnection): Promise<Kafka> {
  const config = readKafkaConfig({ ...process.env, KAFKA_BROKERS: connection.brokers.join(',') });
  const logger = createLogger({ name: connection.clientId, level: 'warn' });
  const kafka = createKafka({
    config,
    identity: connection.identity ?? KAFKA_ADMIN_IDENTITY,
    clientId: connection.clientId,
    logger,
  });
  await waitForBroker(kafka, connection.timeoutMs ?? 60_000);
  return kafka;
}
