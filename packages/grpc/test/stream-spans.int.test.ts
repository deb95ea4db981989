/**
 * Server-streaming calls are traced like unary ones: a CLIENT span around the stream at the
 * caller, its context in the metadata, a SERVER span around the handler at the server, each ended
 * with the status the stream ends with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { createLogger } from '@motlan/logger';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '@motlan/telemetry';
import { eventually } from '@motlan/testkit';
import {
  createGrpcClient,
  startGrpcServer,
  type GrpcClient,
  type RunningGrpcServer,
  type ServerStreamHandler,
} from '../src/index.ts';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const METHOD = 'motlan.facts.v1.FactSubscriptions/StreamNotifications';

const logger = createLogger({ name: 'test', level: 'silent' });
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let server: RunningGrpcServer;
let client: GrpcClient;
/** The span the handler ran in, per stream (by its `after`). */
const handlerSpans = new Map<string, string | undefined>();

type Note = { id: string; cursor: string };

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'grpc-test', exporter });
  const handler: ServerStreamHandler<{ after: string }, Note> = async (request, call, signal) => {
    handlerSpans.set(request.after, trace.getActiveSpan()?.spanContext().spanId);
    call.write({ id: 'n1', cursor: '1' });
    call.write({ id: 'n2', cursor: '2' });
    // 'forever' lasts until the client goes away.
    if (request.after === 'forever')
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
  };
  server = await startGrpcServer({
    logger,
    services: [
      {
        name: 'motlan.facts.v1.FactSubscriptions',
        handlers: {},
        streams: { StreamNotifications: handler as ServerStreamHandler<never, unknown> },
      },
    ],
  });
  client = createGrpcClient('motlan.facts.v1.FactSubscriptions', { address: `127.0.0.1:${server.port}` });
});

afterAll(async () => {
  client.close();
  await server.stop(1_000);
  await telemetry.shutdown();
});

const caller = () =>
  propagation.extract(ROOT_CONTEXT, { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` });
const spansOf = (kind: SpanKind) =>
  exporter.getFinishedSpans().filter((span) => span.name === METHOD && span.kind === kind);

describe('server-streaming gRPC calls in traces', () => {
  it('a stream is a CLIENT span at the caller and a SERVER span, its child, around the handler', async () => {
    const received: Note[] = [];
    await context.with(caller(), async () => {
      for await (const note of client.stream<Note>('StreamNotifications', { after: 'once' }))
        received.push(note);
    });
    expect(received).toHaveLength(2);
    const [clientSpan] = await eventually(async () =>
      spansOf(SpanKind.CLIENT).length ? spansOf(SpanKind.CLIENT) : undefined,
    );
    const [serverSpan] = spansOf(SpanKind.SERVER);
    expect(clientSpan!.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(clientSpan!.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(serverSpan!.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(serverSpan!.parentSpanContext?.spanId).toBe(clientSpan!.spanContext().spanId);
    expect(handlerSpans.get('once')).toBe(serverSpan!.spanContext().spanId);
    expect(clientSpan!.attributes['rpc.grpc.status_code']).toBe(0);
    expect(serverSpan!.attributes['rpc.grpc.status_code']).toBe(0);
    exporter.reset();
  });

  it('a stream the client cancels ends both spans CANCELLED', async () => {
    await context.with(caller(), async () => {
      const stream = client.stream<Note>('StreamNotifications', { after: 'forever' });
      const iterator = stream[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ id: 'n1' });
      // Open for as long as the stream is: nothing ended yet.
      expect(spansOf(SpanKind.SERVER)).toEqual([]);
      expect(spansOf(SpanKind.CLIENT)).toEqual([]);
      stream.cancel();
      await iterator.next().catch(() => undefined);
    });
    const serverSpan = await eventually(async () => spansOf(SpanKind.SERVER)[0]);
    const clientSpan = await eventually(async () => spansOf(SpanKind.CLIENT)[0]);
    expect(serverSpan.parentSpanContext?.spanId).toBe(clientSpan.spanContext().spanId);
    expect(serverSpan.attributes['rpc.grpc.status_code']).toBe(1);
    expect(clientSpan.attributes['rpc.grpc.status_code']).toBe(1);
  });
});
