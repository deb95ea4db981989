import { connect as tcpConnect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKafkaConfig } from '@motlan/config';
import { TestResources, uniqueName } from '@motlan/testkit';
import { notificationsTopic, prefixed, Topics, type Kafka, type TopicDefinition } from '../src/index.ts';

/**
 * The broker the suite runs against, as the project's scripts start it: mutual TLS with the
 * development CA, and ACLs from topic-access.ts. Services act as their own principals on a fresh
 * copy of the declared topics (a prefix), with exactly the declared rights.
 */
const resources = new TestResources();
const config = readKafkaConfig();
const [host, port] = config.KAFKA_BROKERS.split(',')[0]!.split(':') as [string, string];
const certs = config.KAFKA_SSL_CERT_DIR;
const pem = (file: string) => readFileSync(join(certs, file));
let prefix: string;

beforeAll(async () => {
  prefix = `${uniqueName('test.security', '.')}.`;
  await resources.declaredTopics(prefix);
});
afterAll(() => resources.cleanup());

/** An ApiVersions v0 request, the first thing every Kafka client sends. */
function apiVersionsRequest(): Buffer {
  const clientId = Buffer.from('probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(7, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/**
 * Speaks to the broker below any client library: sends ApiVersions and says whether a Kafka
 * answer came back (`answered`) or the broker closed or failed the connection (`refused`).
 */
function probe(tls?: { cert?: Buffer; key?: Buffer }): Promise<'answered' | 'refused'> {
  return new Promise((resolve) => {
    const socket = tls
      ? tlsConnect({ host, port: Number(port), ca: pem('ca.pem'), ...tls })
      : tcpConnect({ host, port: Number(port) });
    const timer = setTimeout(() => finish('refused'), 10_000);
    const finish = (outcome: 'answered' | 'refused') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write(apiVersionsRequest()));
    socket.on('data', (data: Buffer) => {
      // A response carries our correlation id (7) right after its size.
      if (data.length >= 8 && data.readInt32BE(4) === 7) finish('answered');
    });
    socket.once('error', () => finish('refused'));
    socket.once('close', () => finish('refused'));
  });
}

/** The Kafka error code behind a kafkajs error (it wraps protocol errors it will not retry). */
function refusal(error: unknown): string {
  for (
    let cause = error as { type?: string; cause?: unknown } | undefined;
    cause;
    cause = cause.cause as never
  ) {
    if (cause.type) return cause.type;
  }
  return String(error);
}

/** Consumes `topic` with `group` as the client's principal; resolves with the refusal's type, or 'read'. */
async function tryToConsume(kafka: Kafka, topic: string, group: string): Promise<string> {
  const consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('nothing read'), 20_000);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        resolve(refusal(payload.error));
      });
      consumer
        .run({
          eachMessage: async () => {
            clearTimeout(timer);
            resolve('read');
          },
        })
        .catch((error: unknown) => resolve(refusal(error)));
    });
  } catch (error) {
    return refusal(error);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

/** Produces one record to `topic` as the client's principal; resolves with the refusal's type, or 'written'. */
async function tryToProduce(kafka: Kafka, topic: string): Promise<string> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
    return 'written';
  } catch (error) {
    return refusal(error);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** A declared topic's name in this file's copy of the mesh. */
const topic = (definition: TopicDefinition) => prefixed(definition, prefix).name;

describe('the broker authenticates every client (mutual TLS with the development CA)', () => {
  it('answers a client presenting a certificate of the development CA', async () => {
    expect(await probe({ cert: pem('population-adapter.pem'), key: pem('population-adapter-key.pem') })).toBe(
      'answered',
    );
  });

  it('refuses a client without TLS', async () => {
    expect(await probe()).toBe('refused');
  });

  it('refuses a TLS client without a certificate', async () => {
    expect(await probe({})).toBe('refused');
  });

  it('refuses a certificate of another CA, even with a known name', async () => {
    expect(await probe({ cert: pem('rogue.pem'), key: pem('rogue-key.pem') })).toBe('refused');
  });
});

describe('the broker authorises each principal by the declared ACLs (topic-access.ts)', () => {
  it('lets the population adapter publish facts and the registry consume them with its group', async () => {
    const facts = topic(Topics.citizenFacts);
    expect(await tryToProduce(resources.kafkaAs('population-adapter'), facts)).toBe('written');
    expect(await tryToConsume(resources.kafkaAs('fact-registry'), facts, `${prefix}fact-registry`)).toBe(
      'read',
    );
  });

  it('refuses the population adapter reading access.audit.v1, which it writes and the registry reads', async () => {
    const audit = topic(Topics.accessAudit);
    expect(await tryToProduce(resources.kafkaAs('population-adapter'), audit)).toBe('written');
    expect(
      await tryToConsume(resources.kafkaAs('fact-registry'), audit, `${prefix}fact-registry-disclosures`),
    ).toBe('read');
    // It may use no consumer group at all: the broker refuses its coordinator lookup
    // (GROUP_AUTHORIZATION_FAILED, which kafkajs reports as no coordinator found) before any fetch.
    expect(
      await tryToConsume(resources.kafkaAs('population-adapter'), audit, `${prefix}population-adapter`),
    ).toBe('KafkaJSGroupCoordinatorNotFound: Failed to find group coordinator');
  });

  it('refuses the registry reading dossier.events.v1, even with its own group', async () => {
    const refusal = await tryToConsume(
      resources.kafkaAs('fact-registry'),
      topic(Topics.dossierEvents),
      `${prefix}fact-registry-dossiers`,
    );
    expect(refusal).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('refuses the population adapter writing dossier.events.v1', async () => {
    expect(await tryToProduce(resources.kafkaAs('population-adapter'), topic(Topics.dossierEvents))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  it('lets each subscriber read its own notifications and no one else’s, and only the registry write them', async () => {
    const military = topic(notificationsTopic('military-personnel-db'));
    const oneStop = topic(notificationsTopic('one-stop'));
    expect(await tryToProduce(resources.kafkaAs('fact-registry'), military)).toBe('written');
    expect(await tryToProduce(resources.kafkaAs('fact-registry'), oneStop)).toBe('written');
    expect(await tryToProduce(resources.kafkaAs('one-stop'), military)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(
      await tryToConsume(
        resources.kafkaAs('military-personnel-db'),
        military,
        `${prefix}military-personnel-db`,
      ),
    ).toBe('read');
    expect(await tryToConsume(resources.kafkaAs('one-stop'), oneStop, `${prefix}one-stop-moves`)).toBe(
      'read',
    );
    expect(await tryToConsume(resources.kafkaAs('one-stop'), military, `${prefix}one-stop-moves`)).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(
      await tryToConsume(
        resources.kafkaAs('military-personnel-db'),
        oneStop,
        `${prefix}military-personnel-db`,
      ),
    ).toBe('TOPIC_AUTHORIZATION_FAILED');
    // Both data owners read the discrepancies between their sources.
    const discrepancies = topic(Topics.citizenDiscrepancies);
    expect(await tryToProduce(resources.kafkaAs('fact-registry'), discrepancies)).toBe('written');
    expect(
      await tryToConsume(
        resources.kafkaAs('national-population-db'),
        discrepancies,
        `${prefix}national-population-db`,
      ),
    ).toBe('read');
    expect(
      await tryToConsume(
        resources.kafkaAs('military-personnel-db'),
        discrepancies,
        `${prefix}military-personnel-db-d`,
      ),
    ).toBe('read');
  });

  it('refuses a principal the declaration does not name (a certificate of the CA all the same)', async () => {
    expect(await tryToProduce(resources.kafkaAs('dev-client'), topic(Topics.citizenFacts))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  it('keeps the test client to topics under test.', async () => {
    const outside = `${uniqueName('security', '.')}.${Topics.citizenFacts.name}`;
    await resources.declaredTopics(outside.slice(0, -Topics.citizenFacts.name.length));
    expect(await tryToProduce(resources.kafka, outside)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await tryToProduce(resources.kafka, topic(Topics.citizenFacts))).toBe('written');
  });
});
