/**
 * A one-line progress display for long work (seeding): count, rate and ETA, redrawn in place on
 * a terminal, one line every few seconds otherwise (logs, CI).
 */
export interface Progress {
  update(done: number): void;
  finish(done: number): void;
}

export interface ProgressSettings {
  label: string;
  total: number;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--';
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const number = new Intl.NumberFormat('en-US');

export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const percent = total > 0 ? ((done / total) * 100).toFixed(1) : '100.0';
  const eta = rate > 0 ? ((total - done) / rate) * 1000 : Number.POSITIVE_INFINITY;
  return (
    `${label} ${number.format(done)}/${number.format(total)} (${percent}%)` +
    ` · ${number.format(Math.round(rate))}/s · elapsed ${formatDuration(elapsedMs)} · ETA ${formatDuration(eta)}`
  );
}

export function createProgress(settings: ProgressSettings): Progress {
  const stream = settings.stream ?? process.stderr;
  const now = settings.now ?? (() => performance.now());
  const started = now();
  const interactive = stream.isTTY === true;
  const every = interactive ? 200 : 5_000;
  let last = Number.NEGATIVE_INFINITY;
  const draw = (done: number, final: boolean) => {
    const line = progressLine(settings.label, done, settings.total, now() - started);
    stream.write(interactive ? `\r\x1b[2K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  return {
    update(done) {
      const t = now();
      if (t - last < every) return;
      last = t;
      draw(done, false);
    },
    finish(done) {
      draw(done, true);
    },
  };
}
