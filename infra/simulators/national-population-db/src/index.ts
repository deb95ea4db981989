/**
 * What others may use of the simulator: building it (tests, benchmarks), seeding a schema, the
 * request signature (a reference implementation; the adapter implements its own), and the seeded
 * generators other simulators build on (the military personnel simulator: its PRNG and names).
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
export type { CitizenRecord, Address, ChangeEntry, HoVaTen } from './domain/record.ts';
export { fullName } from './domain/record.ts';
export { GioiTinh } from './domain/codes.ts';
export { createRng, WeightedPicker, type Rng } from '@motlan/simulator-kit/random';
export { correctName } from './domain/names.ts';
export { MIGRATIONS_DIR } from './migrations-dir.ts';
