import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { TlsPem } from './tls.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXIT_WITH_PARENT = fileURLToPath(new URL('./exit-with-parent.ts', import.meta.url));
const TAIL_LINES = 40;

export interface ServiceOptions {
  /** Short name for messages and the log prefix, e.g. `simulator`. */
  name: string;
  /** TypeScript entry point, relative to the repository root. */
  entry: string;
  args?: string[];
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Every output line (stdout and stderr) is appended here. */
  logFile?: string;
  /** Output lines for which this returns true are also printed on our stderr, prefixed with the name. */
  echo?: (line: string) => boolean;
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A service or CLI under test, started as its own process the way it runs for real (`node --import tsx`). */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<ServiceExit>;
  /** Its last output lines, for error messages. */
  tail(): string[];
  /** Every stdout line so far (a CLI's result lines). */
  stdoutLines(): string[];
  /** SIGTERM (its own graceful shutdown), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<ServiceExit>;
}

/**
 * Starts a TypeScript entry point as a child process: `node --import tsx <entry>`, with the
 * environment given, from the repository root. An IPC channel ties it to this process: when the
 * bench stops or dies, the child gets SIGTERM (see exit-with-parent.ts).
 */
export function startService(options: ServiceOptions): ServiceProcess {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      '--import',
      EXIT_WITH_PARENT,
      resolve(REPO_ROOT, options.entry),
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  if (child.pid === undefined) {
    throw new MotlanError(CommonErrors.internal, `could not start ${options.name} (${options.entry})`);
  }
  const pid = child.pid;
  let log: WriteStream | undefined;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile, { flags: 'a' });
  }
  const tail: string[] = [];
  const stdout: string[] = [];
  const onLine = (line: string, fromStdout: boolean): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    if (fromStdout) stdout.push(line);
    log?.write(`${line}\n`);
    if (options.echo?.(line)) process.stderr.write(`  [${options.name}] ${line}\n`);
  };
  createInterface({ input: child.stdout! }).on('line', (line) => onLine(line, true));
  createInterface({ input: child.stderr! }).on('line', (line) => onLine(line, false));

  const exited = new Promise<ServiceExit>((resolveExit) =>
    child.once('exit', (code, signal) => {
      log?.end();
      resolveExit({ code, signal });
    }),
  );
  // A bench must never wait on an IPC error of a child that is already gone.
  child.on('error', () => undefined);

  return {
    name: options.name,
    pid,
    child,
    exited,
    tail: () => [...tail],
    stdoutLines: () => [...stdout],
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        // Exactly one SIGTERM: closing the channel makes the child send it to itself. A second one
        // would hit the default handler (services listen with `once`) and cut the shutdown short.
        if (child.connected) child.disconnect();
        else child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      }
      return exited;
    },
  };
}

/** Why a service is not usable: what it last printed. */
export function serviceFailure(service: ServiceProcess, what: string): MotlanError {
  return new MotlanError(
    CommonErrors.unavailable,
    `${service.name} (pid ${service.pid}) ${what}; last output:\n${service.tail().join('\n')}`,
  );
}

/** The status of a GET, or 0 when nothing answered; `tls` trusts its CA and presents its certificate (https). */
export function httpStatus(url: string, tls?: TlsPem, timeoutMs = 2_000): Promise<number> {
  if (!url.startsWith('https:')) {
    return fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then(
      (response) => response.status,
      () => 0,
    );
  }
  return new Promise((resolveStatus) => {
    const request = httpsRequest(url, { ...tls, timeout: timeoutMs }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolveStatus(0));
    request.end();
  });
}

/** Polls `url` until it answers 200; fails as soon as the service exits, or after `timeoutMs`. */
export async function waitForHttpOk(
  service: ServiceProcess,
  url: string,
  timeoutMs: number,
  tls?: TlsPem,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw serviceFailure(service, `exited before ${url} answered`);
    if ((await httpStatus(url, tls)) === 200) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw serviceFailure(service, `did not answer ${url} with 200 within ${timeoutMs} ms`);
}

/** A TCP port nothing listens on right now (the OS picks it), for a service started next. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
