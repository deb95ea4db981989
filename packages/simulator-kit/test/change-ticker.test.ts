import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { ChangeTicker, wrappedSample } from '../src/index.ts';

function ticker(registry?: Registry) {
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => void warnings.push(args) } as never;
  return { warnings, ticker: new ChangeTicker({ logger, registry, metricPrefix: 'test' }) };
}

describe('change ticker', () => {
  it('ticks after each interval, keeps going after a failed tick, and stop waits for the tick in progress', async () => {
    const { ticker: changes, warnings } = ticker();
    let ticks = 0;
    let finished = 0;
    const tick = async () => {
      ticks += 1;
      if (ticks === 1) throw new Error('first tick fails');
      await sleep(30);
      finished += 1;
    };
    changes.start(0, tick);
    await sleep(20);
    expect(ticks).toBe(0);

    changes.start(5, tick);
    while (ticks < 2) await sleep(1);
    await changes.stop();
    expect(finished).toBe(ticks - 1);
    expect(warnings).toHaveLength(1);
    const stoppedAt = ticks;
    await sleep(50);
    expect(ticks).toBe(stoppedAt);
  });

  it('runs queued work one at a time, past a failure, and counts entries by type', async () => {
    const registry = new Registry();
    const { ticker: changes } = ticker(registry);
    const order: string[] = [];
    const slow = changes.serial(async () => {
      await sleep(20);
      order.push('slow');
      throw new Error('slow fails');
    });
    const fast = changes.serial(async () => {
      order.push('fast');
      return 7;
    });
    await expect(slow).rejects.toThrow('slow fails');
    expect(await fast).toBe(7);
    expect(order).toEqual(['slow', 'fast']);

    changes.counted('KET_HON');
    changes.counted('KET_HON');
    const metric = await registry.getSingleMetricAsString('test_sim_changes_generated_total');
    expect(metric).toContain('test_sim_changes_generated_total{type="KET_HON"} 2');
  });
});

describe('wrapped sample', () => {
  it('reads from the start and wraps round to 1 for the rest', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => i + 1);
    const read = async (from: number, limit: number) => rows.filter((seq) => seq >= from).slice(0, limit);
    expect(await wrappedSample(8, 5, read)).toEqual([8, 9, 10, 1, 2]);
    expect(await wrappedSample(1, 20, read)).toEqual(rows);
  });
});
