import type { Logger } from '@motlan/logger';
import { Counter, type Registry } from 'prom-client';

export interface ChangeTickerOptions {
  logger: Pick<Logger, 'warn'>;
  /** Where `<metricPrefix>_sim_changes_generated_total{type}` is registered; none when absent. */
  registry?: Registry;
  /** The simulator's metric prefix, e.g. `npdb`. */
  metricPrefix: string;
}

/**
 * The change feed's machinery, the same in every simulator: a queue so that events run one at a
 * time (ticks and admin requests share it), a counter of the entries made by type, and the clock
 * (every `intervalMs` ms after the previous tick has finished, one tick; a failed tick is logged
 * at warn and the next one still comes; ticks never overlap).
 */
export class ChangeTicker {
  private readonly generated: Counter<'type'> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: ChangeTickerOptions) {
    this.generated = options.registry
      ? new Counter({
          name: `${options.metricPrefix}_sim_changes_generated_total`,
          help: 'Change-feed entries the simulator generated, by type',
          labelNames: ['type'],
          registers: [options.registry],
        })
      : undefined;
  }

  /** Runs `work` after all work queued before it has settled; a failure does not stop the queue. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Counts one generated feed entry of `type`. */
  counted(type: string): void {
    this.generated?.inc({ type });
  }

  /** Starts calling `tick`; does nothing when `intervalMs` ≤ 0 or already started. */
  start(intervalMs: number, tick: () => Promise<unknown>): void {
    if (intervalMs <= 0 || !this.stopped) return;
    this.stopped = false;
    const next = () => {
      this.running = tick()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'change generation failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(next, intervalMs);
        });
    };
    this.timer = setTimeout(next, intervalMs);
  }

  /** Stops the ticks and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

/**
 * Up to `size` rows read from `start` on (`read(from, limit)`, by sequence number), wrapping
 * round to sequence 1 when the end comes first: a random probe that is full wherever it starts.
 */
export async function wrappedSample<T>(
  start: number,
  size: number,
  read: (from: number, limit: number) => Promise<T[]>,
): Promise<T[]> {
  const rows = await read(start, size);
  if (rows.length < size && start > 1) rows.push(...(await read(1, size - rows.length)));
  return rows;
}
