import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '../src/index.ts';

/** A stand-in OTLP/HTTP receiver: keeps each request's path and JSON body. */
const received: { path: string; body: string }[] = [];
let receiver: Server;
let endpoint = '';

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  received.length = 0;
});

const makeSpan = () => trace.getTracer('test').startSpan('unit of work').end();

describe('startTelemetry', () => {
  it('exports spans over OTLP/HTTP JSON to OTEL_EXPORTER_OTLP_ENDPOINT, named after the service', async () => {
    telemetry = startTelemetry({
      serviceName: 'fact-registry',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    });
    makeSpan();
    await telemetry.flush();
    expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
    const body = JSON.parse(received[0]!.body) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] } }[];
    };
    const attributes = body.resourceSpans[0]!.resource.attributes;
    expect(attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'fact-registry' } });
    expect(received[0]!.body).toContain('unit of work');
  });

  it('exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT, yet spans carry trace context', async () => {
    telemetry = startTelemetry({ serviceName: 'fact-registry', env: {} });
    const span = trace.getTracer('test').startSpan('unit of work');
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanContext().traceId).not.toBe('0'.repeat(32));
    span.end();
    await telemetry.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
  });

  it('registers nothing with OTEL_SDK_DISABLED=true: spans are no-ops, no context is passed on', async () => {
    telemetry = startTelemetry({
      serviceName: 'fact-registry',
      env: { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    });
    expect(telemetry.registered).toBe(false);
    const span = trace.getTracer('test').startSpan('unit of work');
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toBe('0'.repeat(32));
    span.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
  });

  it('registers once per process: a later call reuses the first provider and its exporter', async () => {
    const exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'test', exporter });
    const later = startTelemetry({
      serviceName: 'fact-registry',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    });
    expect(telemetry.registered).toBe(true);
    expect(later.registered).toBe(false);
    makeSpan();
    await later.shutdown();
    await later.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['unit of work']);
    expect(received).toEqual([]);
  });
});
