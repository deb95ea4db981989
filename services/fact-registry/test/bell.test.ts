import { describe, expect, it } from 'vitest';
import { Bell } from '../src/bell.ts';

const never = new AbortController().signal;

describe('Bell', () => {
  it('wakes every waiter at once when rung, and times out when nobody rings', async () => {
    const bell = new Bell();
    const started = Date.now();
    const waiting = Promise.all([bell.wait(10_000, never), bell.wait(10_000, never)]);
    bell.ring();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
    const alone = Date.now();
    await bell.wait(50, never);
    expect(Date.now() - alone).toBeGreaterThanOrEqual(45);
  });

  it('does not wait when it rang since the count was read (a ring between a look and the wait)', async () => {
    const bell = new Bell();
    const seen = bell.count;
    bell.ring();
    const started = Date.now();
    await bell.wait(10_000, never, seen);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('ends the wait when the signal aborts', async () => {
    const bell = new Bell();
    const stop = new AbortController();
    const started = Date.now();
    const waiting = bell.wait(10_000, stop.signal);
    stop.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
