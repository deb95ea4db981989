import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine } from '../src/progress.ts';

describe('progress line', () => {
  it('shows count, share, rate, elapsed time and ETA', () => {
    expect(progressLine('seeding', 250_000, 1_000_000, 5_000)).toBe(
      'seeding 250,000/1,000,000 (25.0%) · 50,000/s · elapsed 00:05 · ETA 00:15',
    );
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
  });
});
