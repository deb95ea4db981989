import { lagCommand, type OperatorContext, type PartitionLag } from '@motlan/ops-cli';
import type { Logger } from '@motlan/logger';

/** One sample: when, and the lag of every group, topic and partition then. */
export interface LagSample {
  at: number;
  partitions: PartitionLag[];
}

const HOUR_MS = 3_600_000;

/**
 * Samples consumer lag (ops-cli's `lag`) every `intervalMs` and keeps the last hour in memory —
 * a restart starts the chart afresh; the broker keeps the offsets themselves. A failed sample is
 * logged and skipped. A worker of the service (start/stop).
 */
export class LagSampler {
  private samples: LagSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly context: OperatorContext,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sample().then(() => {
        this.running = undefined;
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
    // Sampling never throws (sample() logs and skips), so the chain above never rejects.
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Takes one sample now (also what the lag page shows as current). */
  async sample(): Promise<LagSample | undefined> {
    try {
      const output = await lagCommand(this.context, {});
      const sample = {
        at: this.now(),
        partitions: (output.json as { partitions: PartitionLag[] }).partitions,
      };
      this.samples.push(sample);
      const since = this.now() - HOUR_MS;
      this.samples = this.samples.filter((s) => s.at >= since);
      return sample;
    } catch (error) {
      this.logger.warn({ err: error }, 'lag sample failed');
      return undefined;
    }
  }

  /** The samples of the last hour, oldest first. */
  history(): LagSample[] {
    const since = this.now() - HOUR_MS;
    return this.samples.filter((s) => s.at >= since);
  }
}
