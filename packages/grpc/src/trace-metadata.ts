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
import type * as grpc from '@grpc/grpc-js';

/**
 * W3C trace context in gRPC metadata (`traceparent`), through @opentelemetry/api's global
 * propagator, which @motlan/telemetry registers; with none registered these are no-ops.
 */
const tracer = () => trace.getTracer('@motlan/grpc');

const attributes = (method: string) => ({ 'rpc.system': 'grpc', 'rpc.method': method });

/** A CLIENT span for a call to `method` (`package.Service/Method`), child of the active context. */
export function startClientSpan(method: string): Span {
  return tracer().startSpan(method, { kind: SpanKind.CLIENT, attributes: attributes(method) });
}

/** Writes the trace context of `span` (or, without one, the active context) into `metadata`. */
export function injectTraceContext(metadata: grpc.Metadata, span?: Span): void {
  const carrier = span ? trace.setSpan(context.active(), span) : context.active();
  propagation.inject(carrier, metadata, { set: (target, key, value) => target.set(key, value) });
}

/** The caller's trace context from a call's metadata (ROOT_CONTEXT when none). */
export function extractTraceContext(metadata: grpc.Metadata): Context {
  return propagation.extract(ROOT_CONTEXT, metadata, {
    keys: (carrier) => Object.keys(carrier.getMap()),
    get: (carrier, key) => carrier.get(key)[0]?.toString(),
  });
}

/** Ends a span with the call's outcome: any status but OK marks it an error. */
export function endWithStatus(span: Span, code: number): void {
  span.setAttribute('rpc.grpc.status_code', code);
  if (code !== 0) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Starts a SERVER span for `method`, child of the caller's context in `metadata`, and runs
 * `work` in it; `work` ends the span (endWithStatus) once the call is answered.
 */
export function inServerSpan<R>(method: string, metadata: grpc.Metadata, work: (span: Span) => R): R {
  const parent = extractTraceContext(metadata);
  const span = tracer().startSpan(method, { kind: SpanKind.SERVER, attributes: attributes(method) }, parent);
  return context.with(trace.setSpan(parent, span), () => work(span));
}
