import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * One SERVER span per request, continuing the caller's W3C `traceparent` header (extracted
 * through @opentelemetry/api's global propagator, which @motlan/telemetry registers), and the rest
 * of the request's lifecycle — hooks, handler, whatever it publishes or calls — runs in its
 * context. Registered first, so every later hook is inside it. 5xx answers mark the span an error
 * (OpenTelemetry HTTP conventions: 4xx is the client's, not the server's, error).
 * With no provider registered the span is a no-op and costs next to nothing.
 */
export function registerTraceSpans(app: FastifyInstance): void {
  const tracer = trace.getTracer('@motlan/http');
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = request.routeOptions.url;
    const span = tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, ...(route ? { 'http.route': route } : {}) },
      },
      parent,
    );
    spans.set(request, span);
    // done() runs the next hooks and the handler synchronously from here, so they (and the
    // promises they create) inherit the span's context through AsyncLocalStorage.
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      spans.delete(request);
    }
    done();
  });
}
