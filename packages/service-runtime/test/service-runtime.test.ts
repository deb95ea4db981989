import { describe, expect, it } from 'vitest';
import { MotlanError } from '@motlan/errors';
import { createLogger } from '@motlan/logger';
import { ServiceRuntime, type RuntimeOptions } from '../src/index.ts';
import { recordingService } from './fixtures/recording-service.ts';

const logger = createLogger({ name: 'runtime-test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

function runtimeOf(env: Record<string, string> = {}, options: RuntimeOptions = {}) {
  const events: string[] = [];
  const runtime = new ServiceRuntime(recordingService(events), {
    env: { LOG_LEVEL: 'silent', ...env },
    logger,
    ...options,
  });
  return { runtime, events };
}

async function answers(url: string): Promise<number | 'refused'> {
  return fetch(url).then(
    (response) => response.status,
    () => 'refused' as const,
  );
}

describe('ServiceRuntime', () => {
  it('starts config → deps → app → workers → servers, and stops servers → workers → close steps, newest first', async () => {
    const { runtime, events } = runtimeOf();
    await runtime.start();
    expect(events).toEqual(['open pool', 'open producer', 'build app', 'start consumer', 'start relay']);
    const { http, grpc } = runtime.health();
    expect(await answers(`${http}/health`)).toBe(200);
    expect(grpc).toMatch(/^127\.0\.0\.1:\d+$/);

    await runtime.stop();
    expect(events.slice(5)).toEqual(['stop relay', 'stop consumer', 'close producer', 'close pool']);
    expect(await answers(`${http}/health`)).toBe('refused');
  });

  it('health reflects each state: created, initialized, started (addresses, workers), stopping, stopped', async () => {
    const { runtime } = runtimeOf({}, {});
    expect(runtime.health()).toMatchObject({ name: 'runtime-fixture', status: 'created', workers: [] });
    await runtime.init();
    expect(runtime.health()).toMatchObject({ status: 'initialized', workers: [] });
    expect(runtime.health().http).toBeUndefined();
    await runtime.start();
    expect(runtime.health()).toMatchObject({
      status: 'started',
      http: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      grpc: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      workers: ['consumer', 'relay'],
    });
    const stopping = runtime.stop();
    expect(runtime.health().status).toBe('stopping');
    await stopping;
    const health = runtime.health();
    expect(health).toMatchObject({ status: 'stopped', workers: [] });
    expect(health.http).toBeUndefined();
    expect(health.grpc).toBeUndefined();
    expect(health.error).toBeUndefined();
  });

  it('drains on stop: a request in flight is answered before the workers stop; new ones are refused', async () => {
    const { runtime, events } = runtimeOf();
    await runtime.start();
    const { http } = runtime.health();
    const inFlight = fetch(`${http}/slow`);
    await runtime.app!.entered;

    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    expect(events).not.toContain('stop relay');
    expect(await answers(`${http}/health`)).toBe('refused');

    runtime.app!.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await stopping;
    expect(events.slice(events.indexOf('answer slow request'))).toEqual([
      'answer slow request',
      'stop relay',
      'stop consumer',
      'close producer',
      'close pool',
    ]);
  });

  it.each([
    [
      'deps',
      'the broker refused the producer',
      ['open pool', 'open producer', 'close producer', 'close pool'],
    ],
    [
      'build',
      'the policy file is missing',
      ['open pool', 'open producer', 'build app', 'close producer', 'close pool'],
    ],
    [
      'worker',
      'the relay could not start',
      [
        'open pool',
        'open producer',
        'build app',
        'start consumer',
        'stop consumer',
        'close producer',
        'close pool',
      ],
    ],
  ])(
    'a start failing in %s closes what was opened, newest first, and rethrows',
    async (where, message, expected) => {
      const { runtime, events } = runtimeOf({ FIXTURE_FAIL: where });
      await expect(runtime.start()).rejects.toThrow(message);
      expect(events).toEqual(expected);
      expect(runtime.health()).toMatchObject({ status: 'failed', error: message, workers: [] });
      expect(runtime.health().http).toBeUndefined();
      // Stopping a failed runtime has nothing left to close.
      await runtime.stop();
      expect(events).toEqual(expected);
      expect(runtime.health().status).toBe('failed');
    },
  );

  it('stop is idempotent: one drain, the same promise, and no start after it', async () => {
    const { runtime, events } = runtimeOf();
    await runtime.start();
    const first = runtime.stop();
    const second = runtime.stop();
    expect(second).toBe(first);
    await Promise.all([first, second, runtime.stop()]);
    expect(events.filter((event) => event === 'close pool')).toHaveLength(1);
    expect(events.filter((event) => event === 'stop relay')).toHaveLength(1);
    const error = await runtime.start().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MotlanError);
    expect((error as MotlanError).code).toBe('MOTLAN_RUNTIME_STOPPED');
  });

  it('a stop asked for during start waits for the start, then drains everything it opened', async () => {
    const { runtime, events } = runtimeOf();
    const starting = runtime.start();
    const stopping = runtime.stop();
    await starting;
    await stopping;
    expect(events).toEqual([
      'open pool',
      'open producer',
      'build app',
      'start consumer',
      'start relay',
      'stop relay',
      'stop consumer',
      'close producer',
      'close pool',
    ]);
    expect(runtime.health().status).toBe('stopped');
  });

  it('the drain is bounded: a step overrunning the budget is cut, later steps still run, stop rejects', async () => {
    const { runtime, events } = runtimeOf({ FIXTURE_WORKER_STOP_MS: '60000' }, { drainTimeoutMs: 300 });
    await runtime.start();
    const started = Date.now();
    const error = await runtime.stop().catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(MotlanError);
    expect((error as MotlanError).code).toBe('MOTLAN_RUNTIME_STOP_FAILED');
    expect(((error as MotlanError).cause as MotlanError).code).toBe('MOTLAN_RUNTIME_DRAIN_TIMEOUT');
    // The relay never finished; the consumer, producer and pool were still told to close.
    expect(events).not.toContain('stop relay');
    expect(events).toContain('stop consumer');
    expect(events).toContain('close pool');
    expect(runtime.health()).toMatchObject({ status: 'stopped', error: expect.stringContaining('relay') });
  });

  it('a config the schema refuses fails init with MOTLAN_CONFIG_INVALID and opens nothing', async () => {
    const { runtime, events } = runtimeOf({ FIXTURE_FAIL: 'sometimes' });
    const error = await runtime.start().catch((caught: unknown) => caught);
    expect((error as MotlanError).code).toBe('MOTLAN_CONFIG_INVALID');
    expect(events).toEqual([]);
    expect(runtime.health().status).toBe('failed');
  });
});
