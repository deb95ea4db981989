import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { CommonErrors, MotlanError } from '@motlan/errors';

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
}

/**
 * A kafkajs client once the broker answers admin requests. It is built the way our services
 * build theirs (@motlan/kafka), so client settings match; should that package not load, a
 * plain kafkajs client keeps the baseline measurable.
 */
export async function connectKafka(connection: KafkaConnection): Promise<Kafka> {
  const timeoutMs = connection.timeoutMs ?? 60_000;
  const motlan = await Promise.all([import('@motlan/kafka'), import('@motlan/logger')]).catch(
    (error: unknown) => {
      console.warn(`bench: @motlan/kafka did not load (${(error as Error).message}); using plain kafkajs`);
      return undefined;
    },
  );
  if (!motlan) {
    const kafka = new Kafka({
      brokers: connection.brokers,
      clientId: connection.clientId,
      logLevel: logLevel.WARN,
    });
    await waitForCluster(kafka, timeoutMs);
    return kafka;
  }
  const [{ createKafka, waitForBroker }, { createLogger }] = motlan;
  const logger = createLogger({ name: connection.clientId, level: 'warn' });
  const kafka = createKafka({ brokers: connection.brokers, clientId: connection.clientId, logger });
  await waitForBroker(kafka, timeoutMs);
  return kafka;
}

async function waitForCluster(kafka: Kafka, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      if ((await admin.describeCluster()).brokers.length > 0) return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new MotlanError(CommonErrors.unavailable, `Kafka not ready after ${timeoutMs} ms`, {
    cause: lastError,
  });
}
