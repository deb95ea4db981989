import { afterAll, describe, expect, it } from 'vitest';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, startTelemetry, untraced } from '../src/index.ts';

const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry({ serviceName: 'test', exporter });
afterAll(() => telemetry.shutdown());

describe('untraced', () => {
  it('records no span and injects no trace context for the work it runs; the work around it stays traced', async () => {
    const tracer = trace.getTracer('test');
    const outer = tracer.startSpan('stream');
    const carrier: Record<string, string> = {};
    await context.with(trace.setSpan(context.active(), outer), async () => {
      await untraced(async () => {
        tracer.startSpan('look').end();
        propagation.inject(context.active(), carrier);
      });
      tracer.startSpan('release').end();
    });
    outer.end();
    expect(carrier).toEqual({});
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['release', 'stream']);
    expect(spans[0]!.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
  });
});
