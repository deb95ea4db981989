import { MotlanError } from '@motlan/errors';
import { SimulatorErrors } from './errors.ts';

/**
 * Fault knobs for the personnel API and its token endpoint: added latency, a share of calls
 * failing with 503, and a full outage (every call answers 503 at once). Held in memory; the
 * admin API changes them.
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

export class FaultInjector {
  private settings: FaultSettings = structuredClone(NO_FAULTS);

  constructor(private readonly random: () => number = Math.random) {}

  get current(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Applies a partial update; refuses (changing nothing) when min would exceed max. */
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
        SimulatorErrors.invalidFaults,
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

  /** What happens to the next call. */
  decide(): FaultDecision {
    const { latencyMs, errorRate, outage } = this.settings;
    if (outage) return { kind: 'outage' };
    const delayMs = latencyMs.min + Math.round(this.random() * (latencyMs.max - latencyMs.min));
    return { kind: 'call', delayMs, fail: errorRate > 0 && this.random() < errorRate };
  }
}
