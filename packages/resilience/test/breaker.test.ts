import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { createBreaker } from '../src/index.ts';

describe('createBreaker', () => {
  it('opens after failures, fails fast while open, recovers after the reset timeout', async () => {
    const registry = new Registry();
    let upstreamUp = false;
    let calls = 0;
    const breaker = createBreaker(
      async () => {
        calls += 1;
        if (!upstreamUp) throw new Error('connection refused');
        return 'ok';
      },
      { name: 'upstream', timeoutMs: 200, resetTimeoutMs: 150, volumeThreshold: 3, registry },
    );
    for (let i = 0; i < 3; i += 1)
      await expect(breaker.fire()).rejects.toMatchObject({ code: 'MOTLAN_UNAVAILABLE' });
    expect(breaker.state).toBe('open');
    const callsWhenOpened = calls;
    const started = Date.now();
    await expect(breaker.fire()).rejects.toMatchObject({ code: 'MOTLAN_UNAVAILABLE', canRetry: true });
    expect(Date.now() - started).toBeLessThan(50);
    expect(calls).toBe(callsWhenOpened); // short-circuited: upstream not called
    expect(await registry.getSingleMetricAsString('motlan_breaker_state')).toContain('breaker="upstream"} 2');

    upstreamUp = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(breaker.fire()).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    breaker.shutdown();
  });

  it('does not count non-retryable errors against the upstream', async () => {
    const breaker = createBreaker(
      async () => {
        throw new MotlanError(CommonErrors.notFound, 'no such citizen');
      },
      { name: 'lookups', timeoutMs: 200, volumeThreshold: 1 },
    );
    for (let i = 0; i < 5; i += 1)
      await expect(breaker.fire()).rejects.toMatchObject({ code: 'MOTLAN_NOT_FOUND' });
    expect(breaker.state).toBe('closed');
    breaker.shutdown();
  });

  it('turns a slow call into a deadline error', async () => {
    const breaker = createBreaker(() => new Promise((resolve) => setTimeout(resolve, 500)), {
      name: 'slow',
      timeoutMs: 50,
    });
    await expect(breaker.fire()).rejects.toMatchObject({ code: 'MOTLAN_DEADLINE_EXCEEDED' });
    breaker.shutdown();
  });
});
