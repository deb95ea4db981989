import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MotlanError } from '@motlan/errors';
import {
  commandFor,
  freePort,
  programAt,
  REPO_ROOT,
  spawnServiceProcess,
  startServiceProcess,
  type ServiceProcess,
} from '../src/index.ts';
import { startTiny, TINY_SERVICE } from './tiny-service.ts';

const started: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((service) => service.stop(1_000)));
});

async function failureOf(promise: Promise<unknown>): Promise<MotlanError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MotlanError);
  return error as MotlanError;
}

describe('commandFor: the one place that knows how a program runs', () => {
  it('runs the entry with node and the tsx loader from the repository root, preloads and args after', () => {
    const command = commandFor(
      { folder: 'services/one-stop', entry: 'src/main.ts', args: ['--x'] },
      { nodeArgs: ['--cpu-prof'], preload: ['/abs/preload.mjs'] },
    );
    expect(command).toEqual({
      command: process.execPath,
      args: [
        '--cpu-prof',
        '--import',
        'tsx',
        '--import',
        '/abs/preload.mjs',
        `${REPO_ROOT}services/one-stop/src/main.ts`,
        '--x',
      ],
      cwd: REPO_ROOT,
    });
  });

  it('reads a repository path as folder + entry, split at the package src/', () => {
    expect(programAt('services/population-adapter/src/sync-cli.ts', ['--if-never-run'])).toEqual({
      folder: 'services/population-adapter',
      entry: 'src/sync-cli.ts',
      args: ['--if-never-run'],
    });
    expect(programAt('packages/mesh/test/fixtures/tiny-service.ts')).toEqual({ ...TINY_SERVICE, args: [] });
  });
});

describe('ServiceProcess', () => {
  it('logs every line to its file and to onLine, and stops gracefully with SIGTERM', async () => {
    const lines: string[] = [];
    const port = await freePort();
    const service = await startServiceProcess({
      name: 'tiny',
      program: TINY_SERVICE,
      env: { PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/ready`,
      onLine: (line) => lines.push(line),
      intervalMs: 50,
    });
    started.push(service);
    const exit = await service.stop(5_000);
    expect(exit).toEqual({ code: 0, signal: null, requested: true });
    const log = readFileSync(service.logFile, 'utf8');
    expect(log).toContain(`tiny-service ${service.pid} starting`);
    expect(log).toContain('tiny-service: run 1 listening');
    expect(lines).toContain('tiny-service: run 1 listening');
    expect(service.output()).toBe(log);
  });

  it('escalates to SIGKILL when SIGTERM does not end it within the grace period', async () => {
    const service = await startTiny({ IGNORE_SIGTERM: '1' });
    started.push(service);
    const asked = Date.now();
    const exit = await service.stop(700);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL', requested: true });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(650);
    expect(service.output()).toContain('tiny-service: ignoring SIGTERM');
  });

  it('says an exit it was not asked for is not requested', async () => {
    const service = await startTiny({ CRASH_AFTER_MS: '50' });
    started.push(service);
    expect(await service.exited).toEqual({ code: 1, signal: null, requested: false });
    expect(service.tail()).toContain('tiny-service: run 1 crashing');
  });

  it('fails readiness after the timeout with MOTLAN_SERVICE_NOT_READY naming the log, and stops the process', async () => {
    const port = await freePort();
    const failure = await failureOf(
      startServiceProcess({
        name: 'sleepy',
        program: TINY_SERVICE,
        env: { PORT: String(port), NEVER_LISTEN: '1' },
        readyUrl: `http://127.0.0.1:${port}/ready`,
        timeoutMs: 8_000,
        intervalMs: 50,
      }),
    );
    expect(failure.code).toBe('MOTLAN_SERVICE_NOT_READY');
    const logFile = failure.meta['logFile']!;
    expect(failure.message).toContain(
      `did not answer http://127.0.0.1:${port}/ready with 200 within 8000 ms`,
    );
    expect(failure.message).toContain(`(log: ${logFile})`);
    expect(failure.message).toContain('tiny-service: never listening');
    expect(readFileSync(logFile, 'utf8')).toContain('tiny-service: never listening');
    // Stopped: nothing of it is left running.
    const pid = Number(/tiny-service (\d+) starting/.exec(readFileSync(logFile, 'utf8'))![1]);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('fails at once with MOTLAN_SERVICE_EXITED when the process exits before it is ready', async () => {
    const port = await freePort();
    const asked = Date.now();
    const failure = await failureOf(
      startServiceProcess({
        entry: 'packages/mesh/test/fixtures/tiny-service.ts',
        env: { PORT: String(port), EXIT_AT_START: '3' },
        readyUrl: `http://127.0.0.1:${port}/ready`,
        timeoutMs: 60_000,
      }),
    );
    expect(failure.code).toBe('MOTLAN_SERVICE_EXITED');
    expect(failure.message).toContain('fixtures exited with code 3 before');
    expect(failure.message).toContain('tiny-service: told to exit at start');
    expect(failure.message).toContain(`(log: ${failure.meta['logFile']})`);
    expect(Date.now() - asked).toBeLessThan(30_000);
  });

  it('ties the child to its parent: closing the channel makes it shut down through SIGTERM', async () => {
    const service = spawnServiceProcess({ name: 'tied', program: TINY_SERVICE, env: { NEVER_LISTEN: '1' } });
    started.push(service);
    await expect
      .poll(() => service.tail().includes('tiny-service: never listening'), { timeout: 20_000 })
      .toBe(true);
    service.child.disconnect();
    expect(await service.exited).toEqual({ code: 0, signal: null, requested: false });
  });
});
