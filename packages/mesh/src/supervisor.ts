import { describeExit, type ServiceExit, type ServiceProcess } from './service-process.ts';

/** How long to wait before restarting: `initialMs`, times `factor` per consecutive failure, at most `maxMs`. */
export interface Backoff {
  initialMs: number;
  factor: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s, … at most 30 s. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, factor: 2, maxMs: 30_000 };

export interface SuperviseOptions {
  name: string;
  /** Starts the process and resolves once it is ready; rejects when it could not (exited first, not ready). */
  start: () => Promise<ServiceProcess>;
  /** Told each restart and the giving up, one plain sentence each. */
  report: (message: string) => void;
  backoff?: Backoff;
  /**
   * A process that ran at least this long (ms, default 60 s) before it failed counts as a new
   * failure run: the backoff and the count of fast failures start over.
   */
  stableAfterMs?: number;
  /** Fast failures in a row after which it is not restarted again (default 5). */
  maxFastFailures?: number;
}

/** A supervised service. */
export interface Supervised {
  readonly name: string;
  /** The process running now, if any. */
  current(): ServiceProcess | undefined;
  /** How many times it was restarted. */
  restarts(): number;
  /** Resolves true once it was first ready, false when it was given up on before. */
  readonly firstReady: Promise<boolean>;
  /** Resolves when the supervisor gave up on it (never, when it was stopped first). */
  readonly gaveUp: Promise<void>;
  /** Stops supervising and stops the process (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** The delay before the `attempt`-th restart in a row (1-based). */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** (attempt - 1)));
}

/** `2 s`, `1.5 s`, `250 ms`. */
export function formatDelay(ms: number): string {
  return ms >= 1_000 ? `${Number((ms / 1_000).toFixed(1))} s` : `${ms} ms`;
}

/**
 * Keeps one service running: when it exits without being asked to (or a start fails), it is
 * restarted after an exponential backoff, and `report` says so — "one-stop exited with code 1;
 * restarting in 2 s (attempt 3)". After `maxFastFailures` failures in a row, each within
 * `stableAfterMs` of its start, it gives up on that service with a message naming its log; it
 * never touches anything else. The first start is supervised the same way.
 */
export function supervise(options: SuperviseOptions): Supervised {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const maxFastFailures = options.maxFastFailures ?? 5;
  let current: ServiceProcess | undefined;
  let lastLog: string | undefined;
  let restarts = 0;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;
  let settleFirst: (ready: boolean) => void = () => undefined;
  let settleGaveUp: () => void = () => undefined;
  const firstReady = new Promise<boolean>((resolve) => (settleFirst = resolve));
  const gaveUp = new Promise<void>((resolve) => (settleGaveUp = resolve));

  const failed = (what: string, ranMs: number): void => {
    if (stopped) return;
    failures = ranMs >= stableAfterMs ? 1 : failures + 1;
    if (failures > maxFastFailures) {
      options.report(
        `${what}; it failed ${maxFastFailures + 1} times in a row, each within ${formatDelay(stableAfterMs)} of starting: ` +
          `giving up on ${options.name}${lastLog ? ` (log: ${lastLog})` : ''}. Everything else stays up.`,
      );
      settleFirst(false);
      settleGaveUp();
      return;
    }
    const delay = backoffDelay(failures, backoff);
    options.report(`${what}; restarting in ${formatDelay(delay)} (attempt ${failures})`);
    timer = setTimeout(() => {
      timer = undefined;
      restarts += 1;
      launch();
    }, delay);
  };

  const watch = (running: ServiceProcess): void => {
    void running.exited.then((exit: ServiceExit) => {
      if (current === running) current = undefined;
      if (exit.requested || stopped) return;
      failed(describeExit(options.name, exit), Date.now() - running.startedAt);
    });
  };

  const launch = (): void => {
    starting = options.start().then(
      (running) => {
        starting = undefined;
        lastLog = running.logFile;
        current = running;
        // Stopped while it was starting: stop() stops it once this start has settled.
        if (stopped) return;
        settleFirst(true);
        watch(running);
      },
      (error: unknown) => {
        starting = undefined;
        const meta = (error as { meta?: Record<string, string> }).meta;
        if (meta?.['logFile']) lastLog = meta['logFile'];
        const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        // A start that never became ready is a fast failure however long it took.
        failed(`${options.name} failed to start: ${reason}`, 0);
      },
    );
  };

  launch();
  return {
    name: options.name,
    current: () => current,
    restarts: () => restarts,
    firstReady,
    gaveUp,
    async stop(graceMs?: number) {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      settleFirst(false);
      await starting;
      await current?.stop(graceMs);
    },
  };
}
