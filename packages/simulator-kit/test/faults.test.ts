import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { FaultInjector, NO_FAULTS } from '../src/index.ts';
import { INVALID_FAULTS } from './helpers.ts';

const invalid = INVALID_FAULTS;

describe('fault injector', () => {
  it('starts with no faults and takes partial updates', () => {
    const faults = new FaultInjector({ invalid, random: () => 0.5 });
    expect(faults.current).toEqual(NO_FAULTS);
    expect(faults.decide()).toEqual({ kind: 'call', delayMs: 0, fail: false });
    expect(faults.update({ latencyMs: { max: 100 } })).toEqual({
      ...NO_FAULTS,
      latencyMs: { min: 0, max: 100 },
    });
    expect(faults.update({ errorRate: 0.6 }).latencyMs).toEqual({ min: 0, max: 100 });
    expect(faults.decide()).toEqual({ kind: 'call', delayMs: 50, fail: true });
    expect(faults.update({ outage: true }).outage).toBe(true);
    expect(faults.decide()).toEqual({ kind: 'outage' });
    expect(faults.reset()).toEqual(NO_FAULTS);
  });

  it("refuses min above max with the simulator's own code and changes nothing", () => {
    const faults = new FaultInjector({ invalid });
    faults.update({ latencyMs: { min: 10, max: 20 } });
    let error: unknown;
    try {
      faults.update({ latencyMs: { min: 30 }, outage: true });
    } catch (caught) {
      error = caught;
    }
    expect(isMotlanError(error) && [error.code, error.httpStatus]).toEqual(['TEST_SIM_INVALID_FAULTS', 400]);
    expect(faults.current).toEqual({ ...NO_FAULTS, latencyMs: { min: 10, max: 20 } });
  });
});
