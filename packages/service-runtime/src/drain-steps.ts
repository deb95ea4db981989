import { MotlanError } from '@motlan/errors';
import type { Logger } from '@motlan/logger';
import { RuntimeErrors } from './errors.ts';

/** A shutdown step that failed or overran the budget. */
export interface StepFailure {
  step: string;
  error: unknown;
}

/** Once the budget is spent, each remaining step still gets this long (a producer's disconnect, a pool's end). */
export const LATE_STEP_MS = 500;

/**
 * Runs shutdown steps one after the other against one deadline, so the whole shutdown is bounded:
 * a step that fails or overruns is logged and recorded, and the next step still runs — a stuck
 * consumer must not keep the pool open. After the deadline each step gets LATE_STEP_MS at most,
 * so n steps take at most the budget plus n × LATE_STEP_MS.
 */
export class DrainSteps {
  readonly failures: StepFailure[] = [];
  readonly #deadline: number;

  constructor(
    budgetMs: number,
    private readonly logger: Logger,
  ) {
    this.#deadline = Date.now() + budgetMs;
  }

  /** Milliseconds left of the budget (0 once spent). */
  remainingMs(): number {
    return Math.max(0, this.#deadline - Date.now());
  }

  async run(step: string, work: () => Promise<unknown> | unknown): Promise<void> {
    const budget = Math.max(this.remainingMs(), LATE_STEP_MS);
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new MotlanError(RuntimeErrors.drainTimeout, `${step} did not finish within the drain budget`, {
              meta: { step, budgetMs: String(budget) },
            }),
          ),
        budget,
      );
    });
    try {
      await Promise.race([Promise.resolve().then(work), overrun]);
      this.logger.debug({ step }, 'stopped');
    } catch (error) {
      this.failures.push({ step, error });
      this.logger.error({ step, err: error }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  }
}
