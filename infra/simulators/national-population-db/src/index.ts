/**
 * What others may use of the simulator: building it (tests, benchmarks), seeding a schema, and
 * the request signature (a reference implementation; the adapter implements its own).
 */
export { buildApp, type AppDeps } from './app.ts';
export { loadSimulatorConfig, ConfigSchema, type Config } from './config.ts';
export { ChangeGenerator } from './change-generator.ts';
export { FaultInjector, type FaultSettings, type FaultUpdate } from './faults.ts';
export { computeSignature, signRequest, type SignInput, type SignedHeaders } from './auth/signature.ts';
export {
  seedPopulation,
  resetPopulation,
  type SeedOptions,
  type SeedResult,
} from './store/seed-population.ts';
export { loadAdminUnits } from './reference/admin-unit-data.ts';
export type { CitizenRecord, Address, ChangeEntry } from './domain/record.ts';
export { MIGRATIONS_DIR } from './migrations-dir.ts';
