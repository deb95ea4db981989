/**
 * One lifecycle for every Motlan process (services, adapters, simulators): a definition says how
 * to read its config, open its dependencies and build its app; the runtime inits, starts (workers,
 * then servers), reports health, and drains and shuts down in a bounded time.
 */
export * from './errors.ts';
export * from './service-definition.ts';
export * from './service-runtime.ts';
export * from './run-service.ts';
export * from './service-deps.ts';
export * from './workers.ts';
export { DrainSteps, type StepFailure } from './drain-steps.ts';
