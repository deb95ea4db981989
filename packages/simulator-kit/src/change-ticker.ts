import type { Logger } from '@motlan/logger';

/**
 * The change feed's clock: every `intervalMs` (ms) after the previous tick has finished, one
 * tick. A failed tick is logged (warn) and the next one still comes; ticks never overlap.
 */
export class ChangeTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Starts the ticks; does nothing when `intervalMs` ≤ 0 or already started. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || !this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.running = this.tick()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'change generation failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stops the ticks and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
