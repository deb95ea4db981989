/**
 * What every upstream simulator does the same way, so each keeps only what makes its upstream
 * itself (API shape, auth, domain, error codes): the fault injector and its admin routes, the
 * change-feed ticker, schema opening and the seed CLI's plumbing (the process lifecycle is
 * @motlan/service-runtime's). Libraries only.
 */
export {
  FaultInjector,
  NO_FAULTS,
  type FaultDecision,
  type FaultInjectorOptions,
  type FaultSettings,
  type FaultUpdate,
} from './faults.ts';
export { faultRoutes, MAX_LATENCY_MS, type FaultRoutesOptions } from './fault-routes.ts';
export { ChangeTicker, wrappedSample, type ChangeTickerOptions } from './change-ticker.ts';
export { openSchema, type OpenSchemaOptions } from './lifecycle.ts';
export { integerArg, parseSeedArgs, runSeedCli } from './seed-cli.ts';
export {
  buildSimulatorHttpApp,
  type SimulatorAppDeps,
  type SimulatorHttpAppOptions,
} from './simulator-app.ts';
export { faultGate, type FaultGate, type FaultGateOptions } from './fault-gate.ts';
