export { startTelemetry, OTLP_ENDPOINT_VARIABLE, SDK_DISABLED_VARIABLE } from './start-telemetry.ts';
export { instrumentPostgres } from './instrument-postgres.ts';
export { untraced } from './untraced.ts';
export type { Telemetry, TelemetrySettings } from './start-telemetry.ts';
/** Re-exported for tests that assert on the spans a process made. */
export { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
export type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
