import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { Fact__Output } from '@motlan/proto';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '@motlan/telemetry';
import { eventually, TestResources } from '@motlan/testkit';
import {
  createEventProducer,
  Headers,
  headerText,
  startEventConsumer,
  Topics,
  type EventProducer,
  type IncomingEvent,
} from '../src/index.ts';
import { sampleFact } from './fact-fixtures.ts';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_TRACEPARENT = `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-01`;

const resources = new TestResources();
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let producer: EventProducer;

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'kafka-trace-test', exporter });
  producer = await createEventProducer(resources.kafka, 'kafka-test');
});
afterAll(async () => {
  await producer.disconnect();
  await resources.cleanup();
  await telemetry.shutdown();
});

/** The context a server continuing the caller's `traceparent` would hand its handler. */
const callerContext = () => propagation.extract(ROOT_CONTEXT, { traceparent: CALLER_TRACEPARENT });

describe('trace context through Kafka records', () => {
  it.each([
    ['one message at a time', false],
    ['in batches', true],
  ])(
    'continues the caller trace: producer span in the headers, consumer span its child (%s)',
    async (_, batched) => {
      expect(telemetry.registered).toBe(true);
      const topic = await resources.topic(Topics.citizenFacts);
      const fact = sampleFact();
      const [envelope] = await context.with(callerContext(), () =>
        producer.publish(topic, [{ key: fact.subject!.personalId, value: fact, eventType: 'fact.recorded' }]),
      );

      const seen: { event: IncomingEvent<Fact__Output>; spanId?: string; traceId?: string }[] = [];
      const record = async (event: IncomingEvent<Fact__Output>) => {
        const spanContext = trace.getActiveSpan()?.spanContext();
        seen.push({ event, spanId: spanContext?.spanId, traceId: spanContext?.traceId });
      };
      const consumer = await startEventConsumer<Fact__Output>({
        kafka: resources.kafka,
        groupId: resources.groupId(),
        topic,
        logger: resources.logger,
        handler: record,
        ...(batched ? { batchHandler: async (events) => void (await Promise.all(events.map(record))) } : {}),
      });
      const received = await eventually(async () => seen[0]);
      await consumer.stop();

      const spans = exporter.getFinishedSpans();
      const publish = spans.find((span) => span.name === `${topic.name} publish`);
      const processing = spans.find(
        (span) => span.name === `${topic.name} process` && span.spanContext().spanId === received.spanId,
      );
      expect(publish?.kind).toBe(SpanKind.PRODUCER);
      expect(publish?.spanContext().traceId).toBe(CALLER_TRACE_ID);
      expect(publish?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
      // The record carries the producer span's context, not a fresh trace.
      const headerTraceparent = headerText(received.event.headers, Headers.traceparent);
      expect(headerTraceparent).toBe(`00-${CALLER_TRACE_ID}-${publish!.spanContext().spanId}-01`);
      expect(envelope!.traceparent).toBe(headerTraceparent);
      // The handler ran inside a consumer span of the same trace, child of the producer span.
      expect(received.traceId).toBe(CALLER_TRACE_ID);
      expect(processing?.kind).toBe(SpanKind.CONSUMER);
      expect(processing?.parentSpanContext?.spanId).toBe(publish!.spanContext().spanId);
      exporter.reset();
    },
  );

  it("publishes an event that brings a traceparent (an outbox row's) in a child span of it, whatever is active", async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const other = '11111111111111111111111111111111';
    const facts = [sampleFact(), sampleFact(), sampleFact()];
    // The relay publishes outside any request: only the stored traceparents say whose the events are.
    const envelopes = await producer.publish(topic, [
      { key: '001099012345', value: facts[0]!, eventType: 'fact.recorded', traceparent: CALLER_TRACEPARENT },
      {
        key: '001099012345',
        value: facts[1]!,
        eventType: 'fact.recorded',
        traceparent: `00-${other}-00f067aa0ba902b8-01`,
      },
      { key: '001099012345', value: facts[2]!, eventType: 'fact.recorded', traceparent: CALLER_TRACEPARENT },
    ]);
    const publishes = exporter.getFinishedSpans().filter((span) => span.name === `${topic.name} publish`);
    expect(publishes).toHaveLength(2);
    const caller = publishes.find((span) => span.spanContext().traceId === CALLER_TRACE_ID)!;
    const second = publishes.find((span) => span.spanContext().traceId === other)!;
    expect(caller.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(caller.attributes['messaging.batch.message_count']).toBe(2);
    expect(second.parentSpanContext?.spanId).toBe('00f067aa0ba902b8');
    expect(envelopes.map((envelope) => envelope.traceparent)).toEqual([
      `00-${CALLER_TRACE_ID}-${caller.spanContext().spanId}-01`,
      `00-${other}-${second.spanContext().spanId}-01`,
      `00-${CALLER_TRACE_ID}-${caller.spanContext().spanId}-01`,
    ]);
    exporter.reset();
  });

  it('starts a trace of its own for a publish outside any traced context', async () => {
    const topic = await resources.topic(Topics.citizenFacts);
    const fact = sampleFact();
    const [envelope] = await producer.publish(topic, [
      { key: fact.subject!.personalId, value: fact, eventType: 'fact.recorded' },
    ]);
    expect(envelope!.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(envelope!.traceparent).not.toContain(CALLER_TRACE_ID);
  });
});
