import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createGrpcClient, startGrpcServer, type GrpcClient, type RunningGrpcServer } from '@motlan/grpc';
import { buildHttpApp, type HttpApp } from '@motlan/http';
import {
  createEventProducer,
  Headers,
  headerText,
  startEventConsumer,
  Topics,
  type EventConsumer,
  type EventProducer,
  type IncomingEvent,
} from '@motlan/kafka';
import type { Pool } from '@motlan/db';
import { createLogger } from '@motlan/logger';
import type { Fact__Output } from '@motlan/proto';
import { InMemorySpanExporter, startTelemetry, type Telemetry } from '@motlan/telemetry';
import { eventually, TestResources } from '@motlan/testkit';
import { SpanKind, trace } from '@opentelemetry/api';

const CALLER_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN_ID = 'b7ad6b7169203331';

const resources = new TestResources();
const exporter = new InMemorySpanExporter();
const logger = createLogger({ name: 'trace-test', level: 'silent' });
let telemetry: Telemetry;
let producer: EventProducer;
let grpcServer: RunningGrpcServer;
let grpcClient: GrpcClient;
let http: HttpApp;
let consumer: EventConsumer;
const handled: { event: IncomingEvent<Fact__Output>; traceId?: string; spanId?: string }[] = [];
let topicName = '';
let pool: Pool;

/**
 * The mesh's hops in one process, each through the library every service uses: a REST route
 * (@motlan/http) calls a gRPC method (@motlan/grpc), whose handler publishes an event
 * (@motlan/kafka), which a consumer handles with a PostgreSQL query (@motlan/db's pool).
 */
beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'trace-test', exporter });
  producer = await createEventProducer(resources.kafka, 'kafka-test');
  ({ pool } = await resources.schema());
  const topic = await resources.topic(Topics.citizenFacts);
  topicName = topic.name;
  grpcServer = await startGrpcServer({
    logger,
    services: [
      {
        name: 'motlan.dossier.v1.DossierService',
        handlers: {
          GetDossier: async () => {
            await producer.publish(topic, [
              {
                key: '001099012345',
                value: { type: 'identity.full_name', valueJson: '{}' } as Fact__Output,
                eventType: 'fact.recorded',
              },
            ]);
            return {};
          },
        },
      },
    ],
  });
  grpcClient = createGrpcClient('motlan.dossier.v1.DossierService', {
    address: `127.0.0.1:${grpcServer.port}`,
  });
  http = await buildHttpApp({
    logger,
    registry: new Registry(),
    openapi: { title: 'Trace test', version: '1.0.0', description: 'for tests' },
  });
  http.post('/dossiers', async (_request, reply) => {
    await grpcClient.call('GetDossier', { dossierId: 'MT-20250127-000042' });
    return reply.status(202).send({ accepted: true });
  });
  consumer = await startEventConsumer<Fact__Output>({
    kafka: resources.kafka,
    groupId: resources.groupId(),
    topic,
    logger,
    handler: async (event) => {
      const spanContext = trace.getActiveSpan()?.spanContext();
      await pool.query('SELECT $1::text AS event_id', [event.envelope.eventId]);
      handled.push({ event, traceId: spanContext?.traceId, spanId: spanContext?.spanId });
    },
  });
});
afterAll(async () => {
  await consumer?.stop();
  await http?.close();
  grpcClient?.close();
  await grpcServer?.stop(1_000);
  await producer?.disconnect();
  await resources.cleanup();
  await telemetry.shutdown();
});

describe('one trace per request across HTTP → gRPC → Kafka → consumer → PostgreSQL', () => {
  it("continues the caller's traceparent through every hop", async () => {
    const response = await http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
    });
    expect(response.statusCode).toBe(202);
    const received = await eventually(async () => handled[0]);

    const spans = exporter.getFinishedSpans();
    const named = (name: string) => spans.find((span) => span.name === name);
    const server = named('POST /dossiers');
    const grpcOut = spans.find(
      (span) => span.name === 'motlan.dossier.v1.DossierService/GetDossier' && span.kind === SpanKind.CLIENT,
    );
    const grpcIn = spans.find(
      (span) => span.name === 'motlan.dossier.v1.DossierService/GetDossier' && span.kind === SpanKind.SERVER,
    );
    const publish = named(`${topicName} publish`);
    const processing = await eventually(async () =>
      exporter.getFinishedSpans().find((span) => span.name === `${topicName} process`),
    );
    for (const span of [server, grpcOut, grpcIn, publish, processing]) {
      expect(span?.spanContext().traceId).toBe(CALLER_TRACE_ID);
    }
    // Each hop is the child of the one before it.
    expect(server?.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(grpcOut?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(grpcIn?.parentSpanContext?.spanId).toBe(grpcOut?.spanContext().spanId);
    expect(publish?.parentSpanContext?.spanId).toBe(grpcIn?.spanContext().spanId);
    expect(processing?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
    // The record carries the producer span; the handler ran inside the consumer span.
    expect(headerText(received.event.headers, Headers.traceparent)).toBe(
      `00-${CALLER_TRACE_ID}-${publish?.spanContext().spanId}-01`,
    );
    expect(received.traceId).toBe(CALLER_TRACE_ID);
    expect(received.spanId).toBe(processing?.spanContext().spanId);
    // The handler's query is a span of the same trace, inside the consumer span, without its values.
    const query = exporter
      .getFinishedSpans()
      .find((span) => span.name.startsWith('pg.query') && span.spanContext().traceId === CALLER_TRACE_ID);
    expect(query?.parentSpanContext?.spanId).toBe(processing?.spanContext().spanId);
    expect(JSON.stringify(query?.attributes)).not.toContain(received.event.envelope.eventId);
  });
});
