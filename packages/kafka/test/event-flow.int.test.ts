import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { pgProcessedEvents } from '@motlan/db';
import { messageCodec, type Fact__Output } from '@motlan/proto';
import { eventually, readTopic, TestResources } from '@motlan/testkit';
import {
  createEventProducer,
  deadLetterTopicOf,
  DeadLetterHeaders,
  Headers,
  headerText,
  onceOnly,
  startEventConsumer,
  Topics,
  type EventProducer,
  type IncomingEvent,
} from '../src/index.ts';
import { sampleFact } from './fact-fixtures.ts';

const resources = new TestResources();
let producer: EventProducer;

beforeAll(async () => {
  producer = await createEventProducer(resources.kafka, 'kafka-test');
});
afterAll(async () => {
  await producer.disconnect();
  await resources.cleanup();
});

describe('event flow against a real broker', () => {
  it('produces a protobuf fact and consumes it back with its envelope headers', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const fact = sampleFact();
    const [envelope] = await producer.publish(topic, [
      { key: fact.subject!.personalId, value: fact, eventType: 'fact.recorded', correlationId: 'corr-1' },
    ]);

    const received: IncomingEvent<Fact__Output>[] = [];
    const consumer = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId: resources.groupId(),
      topic,
      logger: resources.logger,
      handler: async (event) => void received.push(event),
    });
    const event = await eventually(async () => received[0]);
    await consumer.stop();

    expect(event.key).toBe('001099012345');
    expect(event.value).toEqual(fact);
    expect(event.envelope).toEqual(envelope);
    expect(event.envelope.schema).toBe('motlan.common.v1.Fact');
    expect(event.envelope.correlationId).toBe('corr-1');
    expect(event.envelope.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(headerText(event.headers, Headers.producer)).toBe('kafka-test');
  });

  it('dead-letters a poison message with its full envelope and keeps consuming', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const registry = new Registry();
    const good = sampleFact('079203000123');
    const raw = resources.kafka.producer();
    await raw.connect();
    // Same partition (same key), poison first: the good one must still arrive after it.
    await raw.send({
      topic: topic.name,
      messages: [
        {
          key: '079203000123',
          value: Buffer.from('this is not protobuf \u0000\u00ff'),
          headers: {
            [Headers.eventId]: 'poison-1',
            [Headers.eventType]: 'fact.recorded',
            [Headers.schema]: topic.payload,
          },
        },
      ],
    });
    await raw.disconnect();
    await producer.publish(topic, [{ key: '079203000123', value: good, eventType: 'fact.recorded' }]);

    const applied: string[] = [];
    const consumer = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId: resources.groupId(),
      topic,
      logger: resources.logger,
      registry,
      handler: async (event) => void applied.push(event.value.id),
    });
    await eventually(async () => (applied.length > 0 ? true : undefined));
    await consumer.stop();
    expect(applied).toEqual([good.id]);

    const [letter] = await readTopic(resources.kafka, deadLetterTopicOf(topic.name), 1);
    expect(letter).toBeDefined();
    expect(letter!.key?.toString()).toBe('079203000123');
    expect(letter!.value?.toString()).toBe('this is not protobuf \u0000\u00ff');
    expect(headerText(letter!.headers, Headers.eventId)).toBe('poison-1');
    expect(headerText(letter!.headers, DeadLetterHeaders.originalTopic)).toBe(topic.name);
    expect(headerText(letter!.headers, DeadLetterHeaders.originalOffset)).toBe('0');
    expect(headerText(letter!.headers, DeadLetterHeaders.errorCode)).toBe('MOTLAN_MESSAGE_UNDECODABLE');
    expect(headerText(letter!.headers, DeadLetterHeaders.originalPartition)).toMatch(/^\d+$/);
    expect(await registry.getSingleMetricAsString('motlan_kafka_messages_total')).toContain(
      'outcome="dead_lettered"} 1',
    );
  });

  it('retries a retryable failure, then dead-letters one that cannot succeed', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const flaky = sampleFact('001099000001');
    const hopeless = sampleFact('001099000002');
    await producer.publish(topic, [
      { key: '001099000001', value: flaky, eventType: 'fact.recorded' },
      { key: '001099000002', value: hopeless, eventType: 'fact.recorded' },
    ]);
    const attempts = new Map<string, number>();
    const applied: string[] = [];
    const consumer = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId: resources.groupId(),
      topic,
      logger: resources.logger,
      retry: { attempts: 3, initialBackoffMs: 10 },
      handler: async ({ value }) => {
        attempts.set(value.id, (attempts.get(value.id) ?? 0) + 1);
        if (value.id === hopeless.id) throw new MotlanError(CommonErrors.validation, 'unknown fact type');
        if (attempts.get(value.id)! < 2) throw new MotlanError(CommonErrors.unavailable, 'database blip');
        applied.push(value.id);
      },
    });
    const [letter] = await readTopic(resources.kafka, deadLetterTopicOf(topic.name), 1);
    await eventually(async () => (applied.length === 1 ? true : undefined));
    await consumer.stop();
    expect(applied).toEqual([flaky.id]);
    expect(attempts.get(flaky.id)).toBe(2);
    expect(attempts.get(hopeless.id)).toBe(1); // not retryable: straight to the DLQ
    expect(headerText(letter!.headers, DeadLetterHeaders.errorCode)).toBe('MOTLAN_VALIDATION_FAILED');
    expect(headerText(letter!.headers, DeadLetterHeaders.attempts)).toBe('1');
  });

  it('applies an event delivered twice only once', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const { pool } = await resources.schema(undefined, 'kafka_once');
    await pool.query(
      'CREATE TABLE processed_events (event_id text PRIMARY KEY, applied_at timestamptz DEFAULT now())',
    );
    await pool.query('CREATE TABLE names (fact_id text, personal_id text)');
    const fact = sampleFact('001099000003');
    const codec = messageCodec<typeof fact>(topic.payload);

    // The same event (same event id) delivered twice, as a producer retry or a replay would.
    const raw = resources.kafka.producer();
    await raw.connect();
    const duplicate = {
      key: '001099000003',
      value: codec.encode(fact),
      headers: {
        [Headers.eventId]: 'event-42',
        [Headers.eventType]: 'fact.recorded',
        [Headers.schema]: topic.payload,
      },
    };
    await raw.send({ topic: topic.name, messages: [duplicate, duplicate] });
    await raw.disconnect();

    const registry = new Registry();
    const consumer = await startEventConsumer<Fact__Output>({
      kafka: resources.kafka,
      groupId: resources.groupId(),
      topic,
      logger: resources.logger,
      registry,
      handler: onceOnly(pgProcessedEvents(pool), async (event, tx) => {
        await tx.query('INSERT INTO names VALUES ($1, $2)', [event.value.id, event.key]);
      }),
    });
    await eventually(async () =>
      (await registry.getSingleMetricAsString('motlan_kafka_messages_total')).includes(
        'outcome="duplicate"} 1',
      )
        ? true
        : undefined,
    );
    await consumer.stop();
    const rows = await pool.query('SELECT * FROM names');
    expect(rows.rowCount).toBe(1);
    expect(rows.rows[0]).toEqual({ fact_id: fact.id, personal_id: '001099000003' });
  });
});
