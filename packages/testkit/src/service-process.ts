import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:https';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A port free right now on 127.0.0.1, for a child process that must be told its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** What the process wrote, for assertions and for diagnosing a failed start. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Node's arguments to run `entry`: a `.ts` source under tsx, with workspace packages resolved to
 * their sources (the `@motlan/source` export condition, infra/build/workspace-packages.ts); a
 * built `.js` (`<package>/dist/main.js`, made by `pnpm build`) under plain node, which resolves
 * every workspace package to its `dist/`.
 */
export function entryArgs(entry: string): string[] {
  return entry.endsWith('.ts') ? ['--conditions=@motlan/source', '--import', 'tsx', entry] : [entry];
}

/**
 * Runs a service or simulator entry point (relative to the repository root: a `src/*.ts` file, or
 * its build `dist/*.js`) as its own process, as `pnpm start` would, and resolves once `readyUrl`
 * answers 200.
 */
export async function startServiceProcess(options: {
  entry: string;
  env: Record<string, string>;
  readyUrl: string;
  /** The CA to trust when `readyUrl` is https (the development CA). */
  ca?: Buffer;
  timeoutMs?: number;
}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, entryArgs(options.entry), {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const handle: ServiceProcess = {
    child,
    output: () => output,
    stop: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.entry} exited early:\n${output}`);
    if (await answersOk(options.readyUrl, options.ca)) return handle;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await handle.stop();
  throw new Error(`${options.entry} not ready at ${options.readyUrl}:\n${output}`);
}

function answersOk(url: string, ca?: Buffer): Promise<boolean> {
  if (!url.startsWith('https:'))
    return fetch(url).then(
      (response) => response.ok,
      () => false,
    );
  return new Promise((resolve) => {
    get(url, ca ? { ca } : {}, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}
