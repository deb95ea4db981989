import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./fixtures/main.ts', import.meta.url));

interface Run {
  child: ChildProcess;
  /** The JSON log lines written so far. */
  lines(): Record<string, unknown>[];
  output(): string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
// A test that failed half-way leaves no process behind.
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** The fixture's main as its own process, as `pnpm start` and the testkit's mesh run a service. */
function runMain(env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, lines, output: () => output, exited };
}

async function until(run: Run, message: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = run.lines().find((entry) => entry['msg'] === message);
    if (line) return line;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no "${message}" line:\n${run.output()}`);
}

const steps = (run: Run) =>
  run
    .lines()
    .filter((line) => line['msg'] === 'fixture step')
    .map((line) => line['step']);

// A process of its own under tsx starts in seconds, or in tens of seconds on a loaded machine.
const PROCESS_TEST_MS = 120_000;

describe('runService (a real process)', () => {
  it(
    'on SIGTERM then SIGINT drains once and exits 0',
    async () => {
      const run = runMain();
      const listening = await until(run, 'fixture listening');
      expect(listening).toMatchObject({ workers: ['consumer', 'relay'] });
      expect(await fetch(`${String(listening['http'])}/health`).then((response) => response.status)).toBe(
        200,
      );

      run.child.kill('SIGTERM');
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      // Two signals sent back to back may arrive in either order: one drains, the other is ignored.
      const first = run.lines().filter((line) => line['msg'] === 'shutting down');
      const later = run.lines().filter((line) => line['msg'] === 'already shutting down');
      expect(first).toHaveLength(1);
      expect(later).toHaveLength(1);
      expect([first[0]!['signal'], later[0]!['signal']].sort()).toEqual(['SIGINT', 'SIGTERM']);
      // Servers, then workers newest first, then both close steps, once each. Which close step
      // ends first is asserted in-process (service-runtime.test.ts); in a child process under a
      // loaded machine the two were once logged pool-first (under investigation, see the note).
      const recorded = steps(run);
      expect(recorded.slice(0, 7), run.output()).toEqual([
        'open pool',
        'open producer',
        'build app',
        'start consumer',
        'start relay',
        'stop relay',
        'stop consumer',
      ]);
      expect([...recorded.slice(7)].sort(), run.output()).toEqual(['close pool', 'close producer']);
    },
    PROCESS_TEST_MS,
  );

  it(
    'a failing start is logged, cleans up what it opened, and exits 1',
    async () => {
      const run = runMain({ FIXTURE_FAIL: 'worker' });
      expect(await run.exited).toBe(1);
      expect(run.lines().find((line) => line['msg'] === 'runtime-fixture could not start')).toMatchObject({
        level: 'fatal',
        err: { message: 'the relay could not start' },
      });
      // As above: the close steps' relative order is asserted in-process (service-runtime.test.ts).
      // Here, on a loaded machine, their log lines once reached stdout out of call order (a line
      // stamped .737 printed after one stamped .738), so the child process is held to both, once each.
      const recorded = steps(run);
      expect(recorded.slice(0, 5), run.output()).toEqual([
        'open pool',
        'open producer',
        'build app',
        'start consumer',
        'stop consumer',
      ]);
      expect([...recorded.slice(5)].sort(), run.output()).toEqual(['close pool', 'close producer']);
      expect(run.lines().some((line) => line['msg'] === 'fixture listening')).toBe(false);
    },
    PROCESS_TEST_MS,
  );

  it(
    'a config the schema refuses is logged naming the variable, and exits 1 before opening anything',
    async () => {
      const run = runMain({ HTTP_PORT: 'eighty' });
      expect(await run.exited).toBe(1);
      const failure = run.lines().find((line) => line['msg'] === 'runtime-fixture could not start');
      expect(failure).toMatchObject({ err: { code: 'MOTLAN_CONFIG_INVALID' } });
      expect(JSON.stringify(failure)).toContain('HTTP_PORT');
      expect(steps(run), run.output()).toEqual([]);
    },
    PROCESS_TEST_MS,
  );

  it(
    'a drain overrunning its budget exits 1 within the budget, having closed the rest',
    async () => {
      const run = runMain({ FIXTURE_WORKER_STOP_MS: '60000', FIXTURE_DRAIN_MS: '500' });
      await until(run, 'fixture listening');
      const started = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(1);
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(steps(run)).toContain('close pool');
      expect(steps(run)).not.toContain('stop relay');
      expect(run.lines().find((line) => line['msg'] === 'shutdown failed')).toMatchObject({
        err: { code: 'MOTLAN_RUNTIME_STOP_FAILED' },
      });
    },
    PROCESS_TEST_MS,
  );
});
