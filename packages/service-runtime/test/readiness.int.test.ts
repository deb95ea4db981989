import { createServer } from 'node:net';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpEnv, loadConfig, LogEnv, Type, type Static } from '@motlan/config';
import { buildHttpApp, type HttpApp } from '@motlan/http';
import { brokerCheck, createKafka, KafkaTestClient } from '@motlan/kafka';
import { createLogger } from '@motlan/logger';
import { TestResources } from '@motlan/testkit';
import { consumerWorker, ServiceRuntime, type ServiceDefinition } from '../src/index.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());
const logger = createLogger({ name: 'runtime-test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

const Schema = Type.Object({ ...LogEnv, ...HttpEnv, BROKERS: Type.String() });

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A service whose deps register the broker check on BROKERS (as openServiceDeps does on
 * KAFKA_BROKERS) and whose one consumer worker is in its group when `member.joined` says so, and running
 * unless `member.running` is false.
 */
function service(member: {
  joined: boolean;
  running?: boolean;
}): ServiceDefinition<Static<typeof Schema>, object, { http: HttpApp }> {
  return {
    name: 'readiness-fixture',
    readConfig: (env = process.env) => loadConfig(Schema, env),
    async deps(config, context) {
      const kafka = createKafka({
        config: { ...resources.kafkaConfig, KAFKA_BROKERS: config.BROKERS },
        identity: KafkaTestClient.identity,
        logger,
      });
      const broker = brokerCheck(kafka);
      context.readiness('kafka', () => broker.reachable());
      context.onClose('kafka readiness', () => broker.close());
      return {};
    },
    async buildApp() {
      const http = await buildHttpApp({
        logger,
        registry: new Registry(),
        openapi: { title: 'fixture', version: '0', description: 'readiness' },
        readiness: { database: () => true },
      });
      return { http };
    },
    workers: () => [
      consumerWorker('facts consumer', async () => ({
        stop: async () => undefined,
        joined: () => member.joined,
        running: () => member.running ?? true,
      })),
    ],
  };
}

async function ready(runtime: ServiceRuntime<Static<typeof Schema>, object, { http: HttpApp }>) {
  const response = await fetch(`${runtime.health().http}/ready`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('/ready of a running service (real broker, and one that is not there)', () => {
  it('answers 503 problem+json naming kafka while no broker answers, and /health stays 200', async () => {
    const runtime = new ServiceRuntime(service({ joined: true }), {
      env: { LOG_LEVEL: 'silent', BROKERS: `127.0.0.1:${await closedPort()}` },
      logger,
    });
    await runtime.start();
    try {
      expect(await ready(runtime)).toMatchObject({
        status: 503,
        type: 'application/problem+json; charset=utf-8',
        body: {
          code: 'MOTLAN_NOT_READY',
          detail: 'Not ready: kafka',
          down: ['kafka'],
          checks: { database: true, kafka: false, 'facts consumer': true },
          details: { 'facts consumer': true },
        },
      });
      expect((await fetch(`${runtime.health().http}/health`)).status).toBe(200);
    } finally {
      await runtime.stop();
    }
  });

  it('is ready with the broker up, and says whether its consumer has joined its group', async () => {
    const member: { joined: boolean; running?: boolean } = { joined: false };
    const runtime = new ServiceRuntime(service(member), {
      env: { LOG_LEVEL: 'silent', BROKERS: resources.kafkaConfig.KAFKA_BROKERS },
      logger,
    });
    await runtime.start();
    try {
      expect(await ready(runtime)).toEqual({
        status: 200,
        type: 'application/json; charset=utf-8',
        body: {
          status: 'ready',
          checks: { database: true, kafka: true, 'facts consumer': true },
          details: { 'facts consumer': false },
        },
      });
      member.joined = true;
      expect((await ready(runtime)).body.details).toEqual({ 'facts consumer': true });
      // A consumer kafkajs gave up on (no restart after its crash) makes the instance unready.
      member.running = false;
      expect(await ready(runtime)).toMatchObject({
        status: 503,
        body: { code: 'MOTLAN_NOT_READY', down: ['facts consumer'] },
      });
    } finally {
      await runtime.stop();
    }
  });
});
