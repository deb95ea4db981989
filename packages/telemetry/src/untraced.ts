import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/**
 * Runs `work` with tracing suppressed (OpenTelemetry's own `suppressTracing`): the spans it would
 * start are not recorded and no trace context is injected. For polling inside a long-lived span —
 * a notification stream asking every 250 ms whether anything is new — whose every look would
 * otherwise be a span of the stream's trace; the work it then does for something found stays traced.
 */
export function untraced<T>(work: () => T): T {
  return context.with(suppressTracing(context.active()), work);
}
