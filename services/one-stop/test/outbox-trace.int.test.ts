/**
 * The outbox keeps the trace: events committed by a request are published later by the relay,
 * outside that request, yet their records carry the request's trace and the relay's publish span
 * is a child of the request's span (the row keeps the writer's traceparent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { Headers, headerText } from '@motlan/kafka';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '@motlan/telemetry';
import { readTopic } from '@motlan/testkit';
import { citizen, startHarness, topicSize, type Harness } from './harness.ts';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let h: Harness;

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'one-stop-test', exporter });
  h = await startHarness();
});

afterAll(async () => {
  await h.resources.cleanup();
  await telemetry.shutdown();
});

describe('the outbox and the trace of the request that wrote it', () => {
  it("relays a submission's events in child spans of the request's, their records in its trace", async () => {
    expect(telemetry.registered).toBe(true);
    const person = h.mesh.addCitizen(citizen(700));
    const caller = propagation.extract(ROOT_CONTEXT, {
      traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`,
    });
    // Committed inside the caller's context; the relay runs afterwards, outside it.
    await context.with(caller, () =>
      h.app.oneStop.submit(
        {
          procedureCode: '1.004227',
          applicant: {
            personalId: person.personalId,
            fullName: person.fullName,
            dateOfBirth: person.dateOfBirth,
          },
          facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } }],
        },
        'trace-1',
      ),
    );
    const { rows } = await h.pool.query<{ traceparent: string | null }>('SELECT traceparent FROM outbox');
    expect(rows.map((row) => row.traceparent)).toEqual([
      `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`,
      `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`,
    ]);
    expect(await h.app.relay.drain()).toBe(2);

    for (const topic of [h.topics.dossierEvents.name, h.topics.citizenFacts.name]) {
      const publish = exporter.getFinishedSpans().find((span) => span.name === `${topic} publish`);
      expect(publish?.spanContext().traceId, topic).toBe(CALLER_TRACE_ID);
      expect(publish?.parentSpanContext?.spanId, topic).toBe(CALLER_SPAN_ID);
      const [record] = await readTopic(h.kafka, topic, await topicSize(h.kafka, topic));
      expect(headerText(record!.headers, Headers.traceparent), topic).toBe(
        `00-${CALLER_TRACE_ID}-${publish!.spanContext().spanId}-01`,
      );
    }
  });
});
