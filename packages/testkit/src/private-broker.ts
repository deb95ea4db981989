import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { createKafka, KAFKA_ADMIN_IDENTITY, waitForBroker, type Kafka } from '@motlan/kafka';
import { runInfraScript } from '@motlan/local-stack';
import type { Logger } from '@motlan/logger';
import { freePort } from '@motlan/mesh';
import { testKafkaConfig, uniqueName } from './test-env.ts';

/**
 * A Kafka broker of one test's own, started with the project's infra/kafka/start.sh on free ports
 * and a data directory of its own: a test may stop and restart it (a broker outage) without
 * touching the broker everybody else uses.
 */
export interface PrivateBroker {
  /** `127.0.0.1:<port>`, for KAFKA_BROKERS. */
  readonly brokers: string;
  /**
   * A client of this broker with the project's settings, acting as the admin super user: the
   * broker is secured like the shared one (infra/kafka/start.sh) but holds no ACLs.
   */
  readonly kafka: Kafka;
  readonly dataDir: string;
  /** Stops the broker cleanly (infra/kafka/stop.sh); its data stays for `restart`. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and data; resolves when it answers. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

/**
 * Starts a private broker (KAFKA_PORT, KAFKA_CONTROLLER_PORT and KAFKA_DATA_DIR of its own, a
 * small heap) and resolves once it answers its admin API, within `readyTimeoutMs`.
 * Topics are not created: call `ensureTopics(broker.kafka, ...)`. Always `destroy()` it (afterAll).
 */
export async function startPrivateBroker(
  logger: Logger,
  options: { heap?: string; readyTimeoutMs?: number } = {},
): Promise<PrivateBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(join(tmpdir(), 'motlan-private-kafka-'));
  const env = {
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: dataDir,
    KAFKA_HEAP: options.heap ?? '384m',
  };
  const brokers = `127.0.0.1:${port}`;
  const kafka = createKafka({
    config: { ...testKafkaConfig(), KAFKA_BROKERS: brokers },
    identity: KAFKA_ADMIN_IDENTITY,
    clientId: uniqueName('private-broker'),
    logger,
  });
  const start = async () => {
    await runInfraScript('kafka/start.sh', env);
    // The port first, polled briskly: a kafkajs client retrying a refused connection backs off
    // for seconds at a time and would notice the broker long after it is up.
    await waitForPort(port, options.readyTimeoutMs ?? 60_000);
    await waitForBroker(kafka, options.readyTimeoutMs ?? 60_000);
  };
  const stop = async () => void (await runInfraScript('kafka/stop.sh', env));
  const broker: PrivateBroker = {
    brokers,
    kafka,
    dataDir,
    stop,
    restart: start,
    destroy: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await start();
  } catch (error) {
    await broker.destroy().catch(() => undefined);
    throw error;
  }
  return broker;
}

/** Resolves once 127.0.0.1:`port` accepts a connection; rejects after `timeoutMs`. */
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) {
      throw new MotlanError(
        CommonErrors.unavailable,
        `private broker not listening on ${port} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
