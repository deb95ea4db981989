/**
 * A notification stream in a trace: one SERVER span for as long as it lasts, child of the
 * subscriber's call; its looks for something new (every 250 ms while idle) are no spans of it,
 * while what it releases — the disclosure's audit — is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import type { factsV1 } from '@motlan/proto';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '@motlan/telemetry';
import { clientTls, eventually, httpsJson } from '@motlan/testkit';
import { fact, startRegistry, type Harness } from './registry-harness.ts';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const METHOD = 'motlan.facts.v1.FactSubscriptions/StreamNotifications';
const SUBSCRIBER = 'military-personnel-db';

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let h: Harness;

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'fact-registry-test', exporter });
  h = await startRegistry();
}, 120_000);
afterAll(async () => {
  await h?.resources.cleanup();
  await telemetry.shutdown();
});

const ours = () =>
  exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === CALLER_TRACE_ID);

describe('a notification stream in a trace', () => {
  it('is one span while it lasts; idle looks add no spans, a released notification its audit', async () => {
    const created = await httpsJson(`${h.httpsUrl}/v1/subscriptions`, {
      method: 'POST',
      body: {
        purpose: 'supplementary-registration',
        factTypes: ['residence.permanent'],
        delivery: 'grpc-stream',
      },
      tls: clientTls(SUBSCRIBER),
    });
    expect(created.status).toBe(201);
    const subscriptionId = (created.body as { id: string }).id;
    const caller = propagation.extract(ROOT_CONTEXT, {
      traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`,
    });
    const stream = context.with(caller, () =>
      h
        .client(SUBSCRIBER, 'motlan.facts.v1.FactSubscriptions')
        .stream<factsV1.Notification__Output>('StreamNotifications', { subscriptionId, after: '' }),
    );
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();

    // Open: the stream has checked the subscription is the caller's (a query of its trace).
    await eventually(async () =>
      ours().some((span) => span.name.startsWith('pg.query')) ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Idle for a while: a dozen looks, none of them a span of the stream's trace.
    const settled = ours().length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(ours().length).toBe(settled);
    expect(ours().filter((span) => span.name === METHOD)).toEqual([]);

    // The personnel database holds the citizen; a move is released on the stream.
    const personalId = '001099088001';
    await h.publish(
      fact(
        personalId,
        'identity.full_name',
        { family: 'Lê', middle: 'Văn', given: 'Bình', full: 'Lê Văn Bình' },
        {
          sourceSystem: SUBSCRIBER,
          assurance: 'ASSURANCE_VERIFIED',
        },
      ),
    );
    const moved = fact(personalId, 'residence.permanent', {
      provinceCode: '01',
      districtCode: null,
      wardCode: '00301',
      detail: '00301 Phố Huế',
      unitsVersion: 'current-2025',
    });
    await h.publish(moved);
    expect((await next).value?.fact?.id).toBe(moved.id);
    // The release is audited within the stream's trace (the audit link keeps its traceparent).
    const { rows } = await h.pool.query<{ traceparent: string | null }>(
      'SELECT traceparent FROM audit_log WHERE subject = $1 AND client = $2',
      [personalId, SUBSCRIBER],
    );
    expect(rows.map((row) => row.traceparent?.split('-')[1])).toEqual([CALLER_TRACE_ID]);

    stream.cancel();
    await iterator.next().catch(() => undefined);
    const [server] = await eventually(async () => {
      const spans = ours().filter((span) => span.name === METHOD && span.kind === SpanKind.SERVER);
      return spans.length ? spans : undefined;
    });
    const client = ours().find((span) => span.name === METHOD && span.kind === SpanKind.CLIENT);
    expect(client?.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(server!.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
  });
});
