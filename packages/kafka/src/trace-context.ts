import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { Headers } from './definitions.ts';
import { headerText } from './envelope.ts';

/**
 * Trace context through Kafka record headers. kafkajs has no official OpenTelemetry
 * instrumentation, so the producer injects and the consumer extracts the W3C `traceparent`
 * (Headers.traceparent) through @opentelemetry/api's global propagator, which
 * @motlan/telemetry registers. With no provider registered every call here is a no-op.
 */
const tracer = () => trace.getTracer('@motlan/kafka');

/**
 * A PRODUCER span for one publish of `count` records to `topic`: child of `parent` (a W3C
 * traceparent kept beside an outbox row) when given, else of the caller's active context.
 */
export function startPublishSpan(topic: string, count: number, parent?: string): Span {
  return tracer().startSpan(
    `${topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.batch.message_count': count,
      },
    },
    parent === undefined ? context.active() : contextOf(parent),
  );
}

/**
 * The W3C traceparent of the active context (the request being served), to keep with work done
 * later on its behalf — an outbox row relayed after the commit; undefined outside any trace.
 */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[Headers.traceparent];
}

/** The trace context a stored traceparent names (ROOT_CONTEXT when it is malformed). */
function contextOf(traceparent: string): Context {
  return propagation.extract(ROOT_CONTEXT, { [Headers.traceparent]: traceparent });
}

/** The W3C traceparent of `span`, as the propagator writes it; undefined when nothing is traced. */
export function traceparentOf(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier[Headers.traceparent];
}

/** The trace context a record carries in its headers (ROOT_CONTEXT when none). */
export function extractRecordContext(headers: IHeaders | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers ?? {}, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => headerText(carrier, key),
  });
}

/**
 * Runs `work` in a CONSUMER span, child of the record's context (the producer's span): ends the
 * span with an error status when `work` throws, and rethrows.
 */
export async function inConsumerSpan<R>(
  topic: string,
  groupId: string,
  headers: IHeaders | undefined,
  work: () => Promise<R>,
): Promise<R> {
  return inBatchSpan(topic, groupId, [headers], work);
}

/**
 * Runs `work` over a batch of records in one CONSUMER span: its parent is the first record's
 * context and it links every record's (the OpenTelemetry messaging conventions' shape for batch
 * processing), so each producer's trace leads to the transaction that applied its record.
 */
export async function inBatchSpan<R>(
  topic: string,
  groupId: string,
  headersOfRecords: (IHeaders | undefined)[],
  work: () => Promise<R>,
): Promise<R> {
  const contexts = headersOfRecords.map((headers) => extractRecordContext(headers));
  const links = contexts
    .map((recordContext) => trace.getSpanContext(recordContext))
    .filter((spanContext) => spanContext !== undefined)
    .map((spanContext) => ({ context: spanContext }));
  const span = tracer().startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      links: headersOfRecords.length > 1 ? links : [],
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': groupId,
        'messaging.batch.message_count': headersOfRecords.length,
      },
    },
    contexts[0] ?? ROOT_CONTEXT,
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
