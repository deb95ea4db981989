import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  done: number;
  total?: number;
  /** Extra figure shown after the count, e.g. facts published. */
  detail?: string;
}

export interface ProgressDisplay {
  update(progress: Progress): void;
  stop(): void;
}

/**
 * A one-line display on stderr — done/total, percentage, rate, ETA — redrawn in a terminal and
 * printed every few seconds otherwise (CI logs).
 */
export function progressDisplay(label: string, unit: string): ProgressDisplay {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail} | {rate} ${unit}/s | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let begun = false;
  let stopped = false;
  return {
    update(progress) {
      if (stopped) return;
      const rate = Math.round(progress.done / Math.max(0.001, (Date.now() - started) / 1000));
      const payload = { rate, detail: progress.detail ?? '' };
      if (!begun) {
        bar.start(progress.total ?? progress.done, progress.done, payload);
        begun = true;
      }
      if (progress.total !== undefined) bar.setTotal(progress.total);
      bar.update(progress.done, payload);
    },
    stop() {
      if (begun && !stopped) bar.stop();
      stopped = true;
    },
  };
}
