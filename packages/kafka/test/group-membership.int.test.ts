import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fact__Output } from '@motlan/proto';
import { eventually, TestResources } from '@motlan/testkit';
import {
  BROKER_CHECK_TIMEOUT_MS,
  brokerCheck,
  createEventProducer,
  createKafka,
  KafkaTestClient,
  startEventConsumer,
  Topics,
  type EventConsumer,
  type EventProducer,
} from '../src/index.ts';
import { sampleFact } from './fact-fixtures.ts';

const resources = new TestResources();
let producer: EventProducer;
const consumers: EventConsumer[] = [];

beforeAll(async () => {
  producer = await createEventProducer(resources.kafka, 'kafka-test');
});
afterAll(async () => {
  for (const consumer of consumers.splice(0)) await consumer.stop();
  await producer.disconnect();
  await resources.cleanup();
});

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('consumer group membership (real broker)', () => {
  it('resolves while its group is still waiting for a busy member, and joins once that member rejoins', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const groupId = resources.groupId();
    let release = () => {};
    let busy = () => {};
    const inHandler = new Promise<void>((resolve) => (busy = resolve));
    const first = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId,
      topic,
      logger: resources.logger,
      handler: async () => {
        busy();
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    consumers.push(first);
    await first.whenJoined;
    const fact = sampleFact();
    await producer.publish(topic, [
      { key: fact.subject!.personalId, value: fact, eventType: 'fact.recorded' },
    ]);
    await inHandler;

    // The first member holds its partition in its handler: the group cannot finish a rebalance
    // until it rejoins. The second one's start must not wait for that.
    const started = Date.now();
    const second = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId,
      topic,
      logger: resources.logger,
      handler: async () => undefined,
    });
    consumers.push(second);
    const startMs = Date.now() - started;
    expect(startMs).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(second.joined()).toBe(false);

    release();
    await second.whenJoined;
    expect(second.joined()).toBe(true);
    await eventually(async () => (first.joined() ? true : undefined));
  });

  it('leaves its group on stop: the next member joins in seconds, not after the session timeout', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const groupId = resources.groupId();
    // A long session: joining fast can only come from the leave, not from an expired session.
    const kafka = resources.kafkaAs(KafkaTestClient.identity, { KAFKA_SESSION_TIMEOUT_MS: 60_000 });
    const settings = { kafka, groupId, topic, logger: resources.logger, handler: async () => undefined };
    const first = await startEventConsumer<Fact__Output>(settings);
    await first.whenJoined;
    await first.stop();
    expect(first.joined()).toBe(false);

    const started = Date.now();
    const next = await startEventConsumer<Fact__Output>(settings);
    consumers.push(next);
    await next.whenJoined;
    const joinMs = Date.now() - started;
    expect(joinMs).toBeLessThan(10_000);
  });

  it('says it is not running once kafkajs gave up on it (a group its identity is not granted)', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    // test-client may use groups under `test-` only: joining this one is refused, for good.
    const consumer = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId: `not-granted-${Date.now()}`,
      topic,
      logger: resources.logger,
      handler: async () => undefined,
    });
    consumers.push(consumer);
    expect(consumer.running()).toBe(true);
    await eventually(async () => (consumer.running() ? undefined : true));
    expect(consumer.joined()).toBe(false);
  });
});

describe('brokerCheck', () => {
  it('is true while the broker answers and false, within seconds, for a broker that is not there', async () => {
    const live = brokerCheck(resources.kafka);
    expect(await live.reachable()).toBe(true);
    await live.close();

    const dead = brokerCheck(
      createKafka({
        config: { ...resources.kafkaConfig, KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` },
        identity: KafkaTestClient.identity,
        logger: resources.logger,
      }),
    );
    const started = Date.now();
    expect(await dead.reachable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(BROKER_CHECK_TIMEOUT_MS + 500);
    await dead.close();
  });
});
