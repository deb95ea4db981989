import { MotlanError, type ErrorDefinition } from '@motlan/errors';

/**
 * Fault knobs for the calls a simulator stands in for: added latency (ms, drawn uniformly from
 * [min, max]), a share of calls failing (0–1), and a full outage (every call fails at once).
 * Held in memory; the admin routes change them. What a failing call answers is the simulator's
 * own (each upstream has its own error shape); this only decides.
 */
export interface FaultSettings {
  latencyMs: { min: number; max: number };
  errorRate: number;
  outage: boolean;
}

export interface FaultUpdate {
  latencyMs?: { min?: number; max?: number };
  errorRate?: number;
  outage?: boolean;
}

export type FaultDecision = { kind: 'outage' } | { kind: 'call'; delayMs: number; fail: boolean };

export const NO_FAULTS: FaultSettings = { latencyMs: { min: 0, max: 0 }, errorRate: 0, outage: false };

export interface FaultInjectorOptions {
  /** The simulator's own code for a refused update (400, field body.latencyMs). */
  invalid: ErrorDefinition;
  /** Uniform [0, 1) draws; Math.random by default. */
  random?: () => number;
}

export class FaultInjector {
  private settings: FaultSettings = structuredClone(NO_FAULTS);
  private readonly invalid: ErrorDefinition;
  private readonly random: () => number;

  constructor(options: FaultInjectorOptions) {
    this.invalid = options.invalid;
    this.random = options.random ?? Math.random;
  }

  get current(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Applies a partial update; refuses (`invalid`, changing nothing) when min would exceed max. */
  update(change: FaultUpdate): FaultSettings {
    const next: FaultSettings = {
      latencyMs: {
        min: change.latencyMs?.min ?? this.settings.latencyMs.min,
        max: change.latencyMs?.max ?? this.settings.latencyMs.max,
      },
      errorRate: change.errorRate ?? this.settings.errorRate,
      outage: change.outage ?? this.settings.outage,
    };
    if (next.latencyMs.min > next.latencyMs.max) {
      throw new MotlanError(
        this.invalid,
        `latencyMs.min (${next.latencyMs.min}) is greater than latencyMs.max (${next.latencyMs.max})`,
        { field: 'body.latencyMs' },
      );
    }
    this.settings = next;
    return this.current;
  }

  reset(): FaultSettings {
    this.settings = structuredClone(NO_FAULTS);
    return this.current;
  }

  /** What happens to the next faulted call. */
  decide(): FaultDecision {
    const { latencyMs, errorRate, outage } = this.settings;
    if (outage) return { kind: 'outage' };
    const delayMs = latencyMs.min + Math.round(this.random() * (latencyMs.max - latencyMs.min));
    return { kind: 'call', delayMs, fail: errorRate > 0 && this.random() < errorRate };
  }
}
