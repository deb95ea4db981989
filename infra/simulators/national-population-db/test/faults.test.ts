import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { FaultInjector, NO_FAULTS } from '../src/faults.ts';
import { formatDuration, progressLine } from '../src/progress.ts';

describe('fault injector', () => {
  it('starts with no faults and takes partial updates', () => {
    const faults = new FaultInjector(() => 0.5);
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

  it('refuses min above max and changes nothing', () => {
    const faults = new FaultInjector();
    faults.update({ latencyMs: { min: 10, max: 20 } });
    let error: unknown;
    try {
      faults.update({ latencyMs: { min: 30 }, outage: true });
    } catch (caught) {
      error = caught;
    }
    expect(isMotlanError(error) && error.httpStatus).toBe(400);
    expect(faults.current).toEqual({ ...NO_FAULTS, latencyMs: { min: 10, max: 20 } });
  });
});

describe('progress line', () => {
  it('shows count, share, rate, elapsed time and ETA', () => {
    expect(progressLine('seeding', 250_000, 1_000_000, 5_000)).toBe(
      'seeding 250,000/1,000,000 (25.0%) · 50,000/s · elapsed 00:05 · ETA 00:15',
    );
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
  });
});
