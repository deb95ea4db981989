import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MotlanError } from '@motlan/errors';
import { MeshErrors } from './errors.ts';
import { commandFor, type Program } from './program.ts';

const EXIT_WITH_PARENT = fileURLToPath(new URL('./exit-with-parent.mjs', import.meta.url));
/** Lines kept in memory for error messages; the whole output is in the log file. */
const TAIL_LINES = 40;

export interface ServiceProcessOptions {
  /** Short name for messages, log file names and prefixes, e.g. `one-stop`. */
  name: string;
  program: Program;
  /** Added to this process's environment (which the child inherits). */
  env?: Record<string, string>;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
  /**
   * Where every output line (stdout and stderr) is appended. Default: a fresh file
   * `<tmpdir>/motlan-logs/<name>-<time>-<random>.log`.
   */
  logFile?: string;
  /** Called with each output line as it arrives (e.g. to print it prefixed). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Keep every stdout line in memory for `stdoutLines()` (a CLI's result lines); off for services. */
  keepStdout?: boolean;
  /**
   * Tie the process to this one through an IPC channel (default true): when this process stops
   * or dies, the child gets SIGTERM (exit-with-parent.mjs) instead of being orphaned.
   */
  exitWithParent?: boolean;
}

/** How a process ended; `requested` is true when `stop()` asked for it. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  requested: boolean;
}

/** A service, simulator or CLI running as its own process, the way it runs for real. */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Every line it wrote, appended. */
  readonly logFile: string;
  /** When it was spawned (ms since the epoch). */
  readonly startedAt: number;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<ServiceExit>;
  /** Its last output lines (up to 40), for error messages. */
  tail(): string[];
  /** What it wrote so far (the log file's content), for assertions and diagnosis. */
  output(): string;
  /** Every stdout line so far, when started with `keepStdout`. */
  stdoutLines(): string[];
  /**
   * SIGTERM (its own graceful shutdown), then SIGKILL when it has not exited after `graceMs`
   * (default 10 s). Resolves with how it ended; at once when it already had.
   */
  stop(graceMs?: number): Promise<ServiceExit>;
}

/** `one-stop exited with code 1` / `one-stop was killed by SIGKILL`. */
export function describeExit(name: string, exit: Pick<ServiceExit, 'code' | 'signal'>): string {
  return exit.signal ? `${name} was killed by ${exit.signal}` : `${name} exited with code ${exit.code}`;
}

function defaultLogFile(name: string): string {
  const unique = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return join(tmpdir(), 'motlan-logs', `${name.replace(/[^\w.-]+/g, '_')}-${unique}.log`);
}

/**
 * Spawns a program (the command comes from `commandFor`) with its output appended to a log file,
 * and returns at once; wait for it with `waitUntilReady` or `exited`. Throws
 * MOTLAN_SERVICE_SPAWN_FAILED when the operating system could not start it.
 */
export function spawnServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  const tieToParent = options.exitWithParent ?? true;
  const { command, args, cwd } = commandFor(options.program, {
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    ...(tieToParent ? { preload: [EXIT_WITH_PARENT] } : {}),
  });
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', ...(tieToParent ? (['ipc'] as const) : [])],
  });
  if (child.pid === undefined) {
    throw new MotlanError(
      MeshErrors.serviceSpawnFailed,
      `could not start ${options.name} (${options.program.folder}/${options.program.entry})`,
    );
  }
  // An IPC error of a child already gone must not crash the parent.
  child.on('error', () => undefined);
  const logFile = options.logFile ?? defaultLogFile(options.name);
  mkdirSync(dirname(logFile), { recursive: true });
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const tail: string[] = [];
  const stdout: string[] = [];
  const onLine = (line: string, stream: 'stdout' | 'stderr'): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    if (options.keepStdout && stream === 'stdout') stdout.push(line);
    log.write(`${line}\n`);
    options.onLine?.(line, stream);
  };
  const streamsClosed = [child.stdout!, child.stderr!].map((input, index) => {
    const lines = createInterface({ input });
    lines.on('line', (line) => onLine(line, index === 0 ? 'stdout' : 'stderr'));
    return new Promise<void>((resolve) => lines.once('close', resolve));
  });

  let requested = false;
  let stopping: Promise<ServiceExit> | undefined;
  const exited = new Promise<ServiceExit>((resolve) =>
    child.once('exit', (code, signal) => {
      // Its last lines are read before anyone hears it ended, and the log is flushed; a
      // grandchild still holding the pipes open delays that by a second at most.
      const drained = Promise.race([
        Promise.all(streamsClosed),
        new Promise((settle) => setTimeout(settle, 1_000).unref()),
      ]);
      void drained.then(() => log.end(() => resolve({ code, signal, requested })));
    }),
  );

  return {
    name: options.name,
    pid: child.pid,
    child,
    logFile,
    startedAt: Date.now(),
    exited,
    tail: () => [...tail],
    output: () => readFileSync(logFile, 'utf8'),
    stdoutLines: () => [...stdout],
    stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      stopping ??= (async () => {
        requested = true;
        // Exactly one SIGTERM: closing the channel makes the child send it to itself; a second
        // one could cut a graceful shutdown short.
        if (child.connected) child.disconnect();
        else child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(force);
        return exit;
      })();
      return stopping;
    },
  };
}
