/**
 * What others may use of the simulator: building it (tests, benchmarks), seeding a schema from a
 * population schema, and the record shape it serves. Callers that stand in for integrators (the
 * military personnel adapter) speak its HTTP API and OAuth2, not these imports.
 */
export { buildApp, type AppDeps } from './app.ts';
export { loadSimulatorConfig, ConfigSchema, type Config } from './config.ts';
export { ChangeGenerator } from './change-generator.ts';
export { FaultInjector, type FaultSettings, type FaultUpdate } from './faults.ts';
export { seedPersonnel, resetPersonnel, type SeedOptions, type SeedResult } from './store/seed-personnel.ts';
export type { HoSoQuanNhan, BienDong } from './domain/record.ts';
export type { DonVi } from './domain/units.ts';
export { TrangThaiPhucVu, CAP_BAC, LOAI_BIEN_DONG } from './domain/codes.ts';
export { SUBSCRIBED_FACT_TYPES } from './domain/notification-effects.ts';
export { SHARES, type TruthKind } from './domain/personnel.ts';
export { OAuth } from './definitions.ts';
export { MIGRATIONS_DIR } from './migrations-dir.ts';
