/**
 * What the conformance suite needs to know about one adapter, declared by the adapter in one file
 * (`services/<adapter>/conformance.ts`, default export `defineConformance({...})`). Everything
 * else — how the adapter serves, syncs, audits and protects — is the adapter kit's contract, the
 * same for every adapter, and is what the suite checks.
 */

/** A process the suite started (a simulator), as the descriptor's env functions see it. */
export interface StartedSimulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Its own fresh PostgreSQL schema (dropped at the end of the run). */
  schema: string;
}

export interface SimulatorDescriptor {
  /** A short name, used in reports and as the key in `StartedSimulators`, e.g. `npdb`. */
  name: string;
  /** Entry point (a .ts file) relative to the repository root. */
  entry: string;
  /**
   * The simulator's environment, given its own port and schema and the simulators started
   * before it (in declaration order: a simulator may seed from another's schema).
   */
  env(self: StartedSimulator, before: Readonly<Record<string, StartedSimulator>>): Record<string, string>;
  /** Path answering 200 once it is ready; `/health` by default. */
  readyPath?: string;
}

/**
 * The simulator-kit's admin API of one simulator (unsigned, never the upstream's own API):
 * `/admin/faults`, `/admin/reset-faults` and the simulator's own controls.
 */
export interface SimulatorAdmin {
  readonly url: string;
  /** A JSON request; rejects on a non-2xx answer with the status and body in the message. */
  request<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

export interface ConformanceDescriptor {
  /** The adapter's id: its folder under `services/`, its certificate and Kafka identity. */
  adapter: string;
  /** The adapter's entry point, relative to the repository root. */
  entry: string;
  /** The fact types the adapter's contract declares (import them from the adapter: one source). */
  factTypes: readonly string[];
  /** The upstream simulators to start, in order. */
  simulators: readonly SimulatorDescriptor[];
  /** Which of `simulators` the adapter reads (faults, changes and bad records are made there). */
  upstream: string;
  /**
   * The adapter's own environment over the kit's settings the suite sets (ports, Kafka, database,
   * certificates, policy, breaker and deadlines): where its upstream is, its schema variable.
   */
  env(context: {
    schema: string;
    simulators: Readonly<Record<string, StartedSimulator>>;
  }): Record<string, string>;
  /** Upstream credentials: `invalid` is merged over `env(...)` to start the adapter with wrong ones. */
  credentials: { invalid: Record<string, string> };
  /** The bulk-sync command (a .ts entry relative to the repository root, and its arguments). */
  bulkSync: { entry: string; args?: readonly string[] };
  /** Makes the upstream record `count` changes now (they appear on its change feed). */
  makeChanges(upstream: SimulatorAdmin, count: number): Promise<void>;
  /** Makes the upstream record one change the adapter cannot map (a malformed field, say). */
  makeBadRecord(upstream: SimulatorAdmin): Promise<void>;
  /** The golden facts file, relative to the adapter's folder; `conformance/golden-facts.json` by default. */
  goldenFile?: string;
  /** The released contract snapshot, relative to the adapter's folder; `conformance/released-contract.json` by default. */
  contractFile?: string;
}

/** Declares an adapter's conformance descriptor (identity function: the type is the point). */
export function defineConformance(descriptor: ConformanceDescriptor): ConformanceDescriptor {
  return descriptor;
}

export const DEFAULT_GOLDEN_FILE = 'conformance/golden-facts.json';
export const DEFAULT_CONTRACT_FILE = 'conformance/released-contract.json';
