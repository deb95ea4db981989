import { withTimeout } from './timeout.ts';

/**
 * What a bench must undo (stop processes, drop schemas, delete topics), undone in reverse order
 * when the bench ends — normally, by an error, or by Ctrl-C / SIGTERM.
 */
export class Cleanup {
  private readonly steps: { what: string; run: () => Promise<unknown> }[] = [];

  /** Registers a step; steps run last-registered first. */
  defer(what: string, run: () => Promise<unknown>): void {
    this.steps.push({ what, run });
  }

  /** Runs every step still registered, each bounded in time; a failing step does not stop the others. */
  async run(stepTimeoutMs = 60_000): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      await withTimeout(step.run(), stepTimeoutMs, `cleanup: ${step.what}`).catch((error: Error) =>
        console.warn(`bench: cleanup step "${step?.what}" failed: ${error.message}`),
      );
    }
  }
}

/** Runs `body` with a Cleanup that always runs afterwards, also on SIGINT / SIGTERM (then exits 130). */
export async function withCleanup<T>(body: (cleanup: Cleanup) => Promise<T>): Promise<T> {
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\nbench: ${signal}, cleaning up ...`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body(cleanup);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup.run();
  }
}
