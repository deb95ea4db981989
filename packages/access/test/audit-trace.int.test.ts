/**
 * A disclosure's audit link keeps the trace of the request that disclosed: the relay publishes it
 * to access.audit.v1 later, outside the request, in a child span of the request's span, and the
 * record carries that trace (the link row keeps the writer's traceparent, outside its hash).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { createEventProducer, Headers, headerText, Topics, type EventProducer } from '@motlan/kafka';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '@motlan/telemetry';
import { readTopic, TestResources } from '@motlan/testkit';
import { ACCESS_MIGRATIONS, AuditRelay, AuditTrail, linkHash } from '../src/index.ts';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

const resources = new TestResources();
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let producer: EventProducer;

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'access-test', exporter });
  producer = await createEventProducer(resources.kafka, 'access-test');
  resources.defer(() => producer.disconnect());
});
afterAll(async () => {
  await resources.cleanup();
  await telemetry.shutdown();
});

describe('audit links and the trace of the disclosing request', () => {
  it("relays a link in a child span of the request's, its record in the request's trace", async () => {
    expect(telemetry.registered).toBe(true);
    const { pool } = await resources.schema([ACCESS_MIGRATIONS]);
    const links = await resources.topic(Topics.accessAudit);
    const anchors = await resources.topic(Topics.accessAuditAnchors);
    const trail = new AuditTrail(pool, 'test-discloser');
    const caller = propagation.extract(ROOT_CONTEXT, {
      traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`,
    });
    const link = await context.with(caller, () =>
      trail.record({
        subject: '079012345678',
        client: 'one-stop',
        purpose: '1.001234',
        factTypes: ['identity.full_name'],
        outcome: 'granted',
        requestId: 'request-1',
      }),
    );
    // Outside any trace (a background job's read): nothing kept, and the relay starts its own.
    await trail.record({
      subject: '079012345679',
      client: 'one-stop',
      purpose: '1.001234',
      factTypes: ['identity.full_name'],
      outcome: 'granted',
      requestId: 'request-2',
    });
    const { rows } = await pool.query<{ traceparent: string | null }>(
      'SELECT traceparent FROM audit_log ORDER BY sequence',
    );
    expect(rows.map((row) => row.traceparent)).toEqual([`00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`, null]);
    // The trace context is no audit content: the chain's hashes are as before.
    const { hash, ...unhashed } = link;
    expect(linkHash(unhashed)).toBe(hash);

    const relay = new AuditRelay(pool, producer, 'test-discloser', resources.logger, { links, anchors });
    expect(await relay.relayOnce()).toBe(2);
    const publishes = exporter.getFinishedSpans().filter((span) => span.name === `${links.name} publish`);
    const ours = publishes.find((span) => span.spanContext().traceId === CALLER_TRACE_ID);
    expect(ours?.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    const records = await readTopic(resources.kafka, links.name, 2);
    const traceparents = records.map((record) => headerText(record.headers, Headers.traceparent));
    expect(traceparents).toContain(`00-${CALLER_TRACE_ID}-${ours!.spanContext().spanId}-01`);
    expect(traceparents.filter((traceparent) => traceparent?.includes(CALLER_TRACE_ID))).toHaveLength(1);
  });
});
