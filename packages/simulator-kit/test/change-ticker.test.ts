import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeTicker } from '../src/index.ts';

describe('change ticker', () => {
  it('ticks after each interval, keeps going after a failed tick, and stop waits for the tick in progress', async () => {
    const warnings: unknown[] = [];
    let ticks = 0;
    let finished = 0;
    const ticker = new ChangeTicker(
      async () => {
        ticks += 1;
        if (ticks === 1) throw new Error('first tick fails');
        await sleep(30);
        finished += 1;
      },
      { warn: (...args: unknown[]) => void warnings.push(args) } as never,
    );
    ticker.start(0);
    await sleep(20);
    expect(ticks).toBe(0);

    ticker.start(5);
    while (ticks < 2) await sleep(1);
    await ticker.stop();
    expect(finished).toBe(ticks - 1);
    expect(warnings).toHaveLength(1);
    const stoppedAt = ticks;
    await sleep(50);
    expect(ticks).toBe(stoppedAt);
  });
});
