import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { tracePostgresWith } from './instrument-postgres.ts';

/** The standard OpenTelemetry variable (OTLP exporter specification): the collector's base URL. */
export const OTLP_ENDPOINT_VARIABLE = 'OTEL_EXPORTER_OTLP_ENDPOINT';

/**
 * The standard OpenTelemetry variable (SDK environment variables specification) that disables the
 * SDK: `true` registers no provider, so every span is @opentelemetry/api's no-op and no trace
 * context is continued or passed on (what `pnpm bench traces` measures tracing against).
 */
export const SDK_DISABLED_VARIABLE = 'OTEL_SDK_DISABLED';

export interface TelemetrySettings {
  /** Becomes the `service.name` resource attribute of every span. */
  serviceName: string;
  /** Where `OTEL_EXPORTER_OTLP_ENDPOINT` is read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * An exporter to use instead of OTLP (tests: sdk-trace-base's InMemorySpanExporter); spans are
   * handed to it one by one as they end, so a test sees them at once.
   */
  exporter?: SpanExporter;
}

export interface Telemetry {
  /** Whether this call registered the process's provider (false: an earlier call had). */
  readonly registered: boolean;
  /** Exports what is buffered; resolves once the exporter answered (or at once with none). */
  flush(): Promise<void>;
  /** Flushes, then stops the provider and unregisters the global tracer, propagator and context. */
  shutdown(): Promise<void>;
}

let active: NodeTracerProvider | undefined;

/**
 * Starts the process's tracer provider, once: the first call registers it globally (AsyncLocalStorage
 * context, W3C trace-context propagator), later calls (several services in one test process) reuse
 * it and their `shutdown` does nothing, so the first caller — a test with its in-memory exporter —
 * keeps the spans of every service it runs.
 *
 * Spans are always created, so trace context flows through every hop; they are exported over
 * OTLP/HTTP (batched) only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, and dropped otherwise. With
 * `OTEL_SDK_DISABLED=true` nothing is registered (the call answers `registered: false`).
 */
export function startTelemetry(settings: TelemetrySettings): Telemetry {
  const env = settings.env ?? process.env;
  if (active || env[SDK_DISABLED_VARIABLE]?.trim().toLowerCase() === 'true') {
    return { registered: false, flush: async () => {}, shutdown: async () => {} };
  }
  const spanProcessors: SpanProcessor[] = [];
  if (settings.exporter) spanProcessors.push(new SimpleSpanProcessor(settings.exporter));
  else if (env[OTLP_ENDPOINT_VARIABLE]) {
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(env) })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  tracePostgresWith(provider);
  active = provider;
  return {
    registered: true,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      active = undefined;
    },
  };
}

/**
 * Where traces go, read from `env` as the OTLP exporter specification says: the signal's own
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as it is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`.
 */
function tracesUrl(env: NodeJS.ProcessEnv): string {
  const own = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (own) return own;
  return `${env[OTLP_ENDPOINT_VARIABLE]!.replace(/\/+$/, '')}/v1/traces`;
}
