import type { TracerProvider } from '@opentelemetry/api';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

/**
 * PostgreSQL query spans through @opentelemetry/instrumentation-pg. The instrumentation hooks
 * `require`, which a static ESM import of `pg` (how every Motlan process loads it, long before the
 * provider starts) bypasses; so @motlan/db hands it the `pg` module it loaded (instrumentPostgres)
 * and the patch goes through the instrumentation's own module definitions, without any `require`
 * hook (`enabled: false`). Only queries inside a trace make spans (`requireParentSpan`), so
 * background polling costs nothing and leaves no orphan traces; query values are not recorded
 * (the instrumentation's default), so no personal value leaves the process.
 */
const instrumentation = new PgInstrumentation({ enabled: false, requireParentSpan: true });
let patched = false;

/**
 * Instruments `pgModule` (the `pg` default export), once per process: its Client (query spans)
 * and the pg-pool class its Pool extends (whose connect keeps the caller's context for the query).
 */
export function instrumentPostgres(pgModule: { Pool: object }): void {
  if (patched) return;
  patched = true;
  for (const definition of instrumentation.getModuleDefinitions()) {
    if (definition.name === 'pg') definition.patch?.(pgModule);
    // pg's Pool is `class BoundPool extends (pg-pool's Pool)`: its parent is pg-pool's export.
    if (definition.name === 'pg-pool') definition.patch?.(Object.getPrototypeOf(pgModule.Pool));
  }
}

/** Points the instrumentation at the provider startTelemetry registered (it keeps its tracer). */
export function tracePostgresWith(provider: TracerProvider): void {
  instrumentation.setTracerProvider(provider);
}
