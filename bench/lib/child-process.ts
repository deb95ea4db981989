import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CommonErrors, MotlanError } from '@motlan/errors';

/** What a bench child sends over IPC: a `type` the parent waits for, plus its payload. */
export interface ChildMessage {
  type: string;
}

interface ChildFailure extends ChildMessage {
  type: 'error';
  message: string;
}

/** A started child: unlike a bare ChildProcess, its pid is known. */
export interface Child extends ChildProcess {
  readonly pid: number;
}

/**
 * Forks a TypeScript module as a child with an IPC channel. tsx's loader reaches the child
 * through the inherited execArgv, so no build step is needed.
 */
export function forkModule(module: URL, args: string[] = []): Child {
  const child = fork(fileURLToPath(module), args);
  if (child.pid === undefined) throw new MotlanError(CommonErrors.internal, `could not start ${module.href}`);
  return child as Child;
}

/** Resolves with the child's first message of `type`; rejects if it reports an error, exits or times out first. */
export function waitForMessage<M extends ChildMessage>(
  child: ChildProcess,
  type: M['type'],
  timeoutMs: number,
): Promise<M> {
  return new Promise((resolve, reject) => {
    const settle = (action: () => void): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      action();
    };
    const onMessage = (message: ChildMessage): void => {
      if (message.type === type) settle(() => resolve(message as M));
      else if (message.type === 'error') {
        const detail = (message as ChildFailure).message;
        settle(() => reject(new MotlanError(CommonErrors.internal, `child ${child.pid} failed: ${detail}`)));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      settle(() =>
        reject(
          new MotlanError(
            CommonErrors.internal,
            `child ${child.pid} exited (${code ?? signal}) before sending "${type}"`,
          ),
        ),
      );
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new MotlanError(
              CommonErrors.deadlineExceeded,
              `child ${child.pid} sent no "${type}" within ${timeoutMs} ms`,
            ),
          ),
        ),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Closes the IPC channel (children shut down when it closes, which also covers a crashed
 * parent), then kills the child if it has not exited within `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** In a child: sends one message to the parent and resolves once it is written. */
export function sendToParent(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new MotlanError(CommonErrors.internal, 'not started as a child with an IPC channel'));
      return;
    }
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/** In a child: reports a failure to the parent (which rejects its wait) and exits non-zero. */
export function failChild(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(message);
  const failure: ChildFailure = { type: 'error', message };
  if (process.send && process.connected) process.send(failure, undefined, {}, () => process.exit(1));
  else process.exit(1);
}

/**
 * In a load-generator child: waits for the parent's `{ type: 'start', options }`, runs `work`
 * with them, sends `{ type: 'result', result }` back and lets go of the channel.
 */
export function serveOneRun<O, R>(work: (options: O) => Promise<R>): void {
  process.once('message', (message: ChildMessage & { options?: O }) => {
    if (message.type !== 'start') {
      failChild(
        new MotlanError(CommonErrors.validation, `expected a "start" message, got "${message.type}"`),
      );
      return;
    }
    work(message.options as O)
      .then(async (result) => {
        await sendToParent({ type: 'result', result } as ChildMessage);
        process.disconnect();
      })
      .catch(failChild);
  });
}
