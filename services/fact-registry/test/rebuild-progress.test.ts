import { describe, expect, it } from 'vitest';
import { RebuildProgress } from '../src/rebuild-progress.ts';

describe('RebuildProgress (the rebuild command progress counter)', () => {
  it('counts the records of the ranges seen at the start and never runs past their total', () => {
    const progress = new RebuildProgress([
      { partition: 0, low: '0', high: '3' },
      { partition: 1, low: '10', high: '12' },
    ]);
    expect(progress.total).toBe(5);
    for (const offset of ['0', '1', '2']) progress.settled(0, offset);
    expect(progress.done).toBe(3);
    expect(progress.caughtUp).toBe(false);
    // Records written after the start, read while partition 1 is still catching up: not counted.
    for (const offset of ['3', '4', '5', '6']) progress.settled(0, offset);
    expect(progress.done).toBe(3);
    progress.settled(1, '10');
    progress.settled(1, '11');
    expect(progress.done).toBe(5);
    expect(progress.caughtUp).toBe(true);
  });

  it('does not count a record delivered again (after a rebalance) twice', () => {
    const progress = new RebuildProgress([{ partition: 0, low: '0', high: '4' }]);
    for (const offset of ['0', '1', '2', '1', '2', '3']) progress.settled(0, offset);
    expect(progress.done).toBe(4);
    expect(progress.done).toBeLessThanOrEqual(progress.total);
  });

  it('is caught up at once on an empty topic, or one whose records are all past retention', () => {
    expect(new RebuildProgress([{ partition: 0, low: '0', high: '0' }]).caughtUp).toBe(true);
    const expired = new RebuildProgress([{ partition: 0, low: '7', high: '7' }]);
    expect(expired.caughtUp).toBe(true);
    expect(expired.total).toBe(0);
  });
});
