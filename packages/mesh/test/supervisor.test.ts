import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, formatDelay, freePort, supervise, type Supervised } from '../src/index.ts';
import { startTiny } from './tiny-service.ts';

const supervised: Supervised[] = [];
afterEach(async () => {
  await Promise.all(supervised.splice(0).map((one) => one.stop(1_000)));
});

const backoff = { initialMs: 200, factor: 2, maxMs: 1_000 };

/** A supervised fixture that crashes `crashes` times, 100 ms after each start, then stays up. */
async function crasher(crashes: number, maxFastFailures = 5) {
  const counterFile = join(mkdtempSync(join(tmpdir(), 'motlan-mesh-')), 'runs');
  const port = await freePort();
  const reports: { at: number; message: string }[] = [];
  const starts: number[] = [];
  const one = supervise({
    name: 'crasher',
    start: () => {
      starts.push(Date.now());
      return startTiny(
        { CRASH_AFTER_MS: '100', CRASH_TIMES: String(crashes), COUNTER_FILE: counterFile },
        { name: 'crasher', port },
      );
    },
    report: (message) => reports.push({ at: Date.now(), message }),
    backoff,
    maxFastFailures,
  });
  supervised.push(one);
  return { one, reports, starts, port };
}

describe('supervise', () => {
  it('restarts a crashed child with exponential backoff and says so, until it stays up', async () => {
    const { one, reports, starts, port } = await crasher(2);
    expect(await one.firstReady).toBe(true);
    await expect.poll(() => one.restarts(), { timeout: 30_000, interval: 100 }).toBe(2);
    await expect.poll(() => one.current(), { timeout: 30_000, interval: 100 }).toBeDefined();
    expect(reports.map((report) => report.message)).toEqual([
      'crasher exited with code 1; restarting in 200 ms (attempt 1)',
      'crasher exited with code 1; restarting in 400 ms (attempt 2)',
    ]);
    // Each restart waited its delay after the crash was reported.
    expect(starts[1]! - reports[0]!.at).toBeGreaterThanOrEqual(190);
    expect(starts[2]! - reports[1]!.at).toBeGreaterThanOrEqual(390);
    // The third run stays up and serves.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reports).toHaveLength(2);
    const answer = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(await answer.text()).toBe('3');
  });

  it('gives up after a bounded number of fast failures, naming the log, and restarts no more', async () => {
    const { one, reports } = await crasher(99, 2);
    await one.gaveUp;
    const messages = reports.map((report) => report.message);
    expect(messages.slice(0, 2)).toEqual([
      'crasher exited with code 1; restarting in 200 ms (attempt 1)',
      'crasher exited with code 1; restarting in 400 ms (attempt 2)',
    ]);
    expect(messages).toHaveLength(3);
    expect(messages[2]).toMatch(
      /^crasher exited with code 1; it failed 3 times in a row, each within 60 s of starting: giving up on crasher \(log: .+crasher-.+\.log\)\. Everything else stays up\.$/,
    );
    expect(one.restarts()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(one.restarts()).toBe(2);
    expect(one.current()).toBeUndefined();
  });

  it('counts a start that never became ready as a failure, and stop() cancels a pending restart', async () => {
    const reports: string[] = [];
    let starts = 0;
    const one = supervise({
      name: 'broken',
      start: () => {
        starts += 1;
        return startTiny({ EXIT_AT_START: '2' }, { name: 'broken' });
      },
      report: (message) => reports.push(message),
      backoff: { initialMs: 60_000, factor: 2, maxMs: 60_000 },
    });
    supervised.push(one);
    await expect.poll(() => reports.length, { timeout: 30_000, interval: 100 }).toBe(1);
    expect(reports[0]).toMatch(
      /^broken failed to start: broken exited with code 2 before http:\/\/127\.0\.0\.1:\d+\/ready answered \(log: .+\); restarting in 60 s \(attempt 1\)$/,
    );
    await one.stop();
    expect(await one.firstReady).toBe(false);
    expect(starts).toBe(1);
  });

  it('stop() ends a running child with SIGTERM and does not restart it', async () => {
    const reports: string[] = [];
    const one = supervise({
      name: 'steady',
      start: () => startTiny({}, { name: 'steady' }),
      report: (message) => reports.push(message),
      backoff,
    });
    supervised.push(one);
    expect(await one.firstReady).toBe(true);
    const running = one.current()!;
    await one.stop();
    expect(await running.exited).toEqual({ code: 0, signal: null, requested: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reports).toEqual([]);
    expect(one.restarts()).toBe(0);
  });
});

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('reads as seconds from one second on, else milliseconds', () => {
    expect([formatDelay(2_000), formatDelay(1_500), formatDelay(250)]).toEqual(['2 s', '1.5 s', '250 ms']);
  });
});
