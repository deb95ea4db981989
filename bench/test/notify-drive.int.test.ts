import { afterAll, describe, expect, it } from 'vitest';
import { brokerList } from '@motlan/config';
import { KafkaTestClient, Topics } from '@motlan/kafka';
import { TestResources } from '@motlan/testkit';
import { driveChanges } from '../notify/drive-changes.ts';
import { freshCitizenBlock } from '../lib/synthetic-facts.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

describe('notify drive (raw mode, real Kafka)', () => {
  it('publishes population changes on schedule and counts every one delivered once, in order per citizen', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const result = await driveChanges({
      mode: 'raw',
      brokers: brokerList(resources.kafkaConfig.KAFKA_BROKERS),
      produceTopic: topic.name,
      producerIdentity: KafkaTestClient.identity,
      consumeTopic: topic.name,
      consumerIdentity: KafkaTestClient.identity,
      groupId: resources.groupId('bench-notify'),
      payload: 'fact',
      maxWaitTimeInMs: 100,
      partitionsConsumedConcurrently: 1,
      block: freshCitizenBlock(),
      // Few citizens: each is moved several times, so the order check has something to check.
      citizens: 7,
      rate: 100,
      warmupSeconds: 0.2,
      seconds: 0.5,
      maxInFlight: 1_000,
      graceSeconds: 30,
    });
    expect(result.errors).toBe(0);
    expect(result.loop.skipped).toBe(0);
    expect(result.loop.started).toBeGreaterThanOrEqual(45);
    expect(result.deliveries).toMatchObject({
      sent: result.loop.startedIncludingWarmup,
      sentMeasured: result.loop.started,
      delivered: result.loop.startedIncludingWarmup,
      missing: 0,
      missingMeasured: 0,
      redelivered: 0,
      notifiedTwice: 0,
      foreign: 0,
      outOfOrder: 0,
    });
    expect(result.deliveries.latency.count).toBe(result.loop.started);
    expect(result.completed).toBe(result.loop.started);
    expect(result.sendLatency.count).toBe(result.loop.started);
  }, 120_000);
});
