import { SingleBar, Presets } from 'cli-progress';
import type { BulkProgress } from './bulk-sync.ts';

/** A terminal progress display (count, rate, ETA) for long syncs; plain lines when not a TTY. */
export function progressBar(label: string): { update(progress: BulkProgress): void; stop(): void } {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} records | {facts} facts | {rate} rec/s | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let begun = false;
  return {
    update(progress) {
      const rate = Math.round(progress.records / Math.max(0.001, (Date.now() - started) / 1000));
      if (!begun) {
        bar.start(progress.total ?? progress.records, progress.records, { facts: progress.facts, rate });
        begun = true;
      }
      if (progress.total !== undefined) bar.setTotal(progress.total);
      bar.update(progress.records, { facts: progress.facts, rate });
    },
    stop: () => bar.stop(),
  };
}
