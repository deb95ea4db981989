/**
 * An open-loop schedule: item i starts at `start + i / rate` whether or not earlier ones have
 * finished (no coordinated omission), for a warm-up (not measured) and a measured window; at most
 * `maxInFlight` unfinished at once, a due item beyond that being skipped and counted.
 */

export interface OpenLoopSchedule {
  /** Items started per second. */
  rate: number;
  /** Not measured: the same load first, so JIT, connections and caches are warm. */
  warmupSeconds: number;
  seconds: number;
  /** Items allowed unfinished at once. */
  maxInFlight: number;
}

export interface OpenLoopCounts {
  /** Items due inside the measured window, those started, those skipped at the in-flight cap. */
  scheduled: number;
  started: number;
  skipped: number;
  /** Items started in all (warm-up included). */
  startedIncludingWarmup: number;
  maxInFlight: number;
  /** How late an item of the window was started at worst (the generator's own loop falling behind). */
  maxStartDelayMs: number;
}

/**
 * Runs the schedule on a 2 ms tick until the window closes, then waits for the items still
 * unfinished. `launch` gets the item's index and whether it falls in the measured window, and
 * must settle on its own (its rejections are its own business: they are ignored here).
 */
export async function runOpenLoop(
  schedule: OpenLoopSchedule,
  launch: (index: number, measured: boolean) => Promise<void>,
): Promise<OpenLoopCounts> {
  const counts: OpenLoopCounts = {
    scheduled: 0,
    started: 0,
    skipped: 0,
    startedIncludingWarmup: 0,
    maxInFlight: 0,
    maxStartDelayMs: 0,
  };
  const startAt = performance.now();
  const measureFrom = startAt + schedule.warmupSeconds * 1000;
  const stopAt = measureFrom + schedule.seconds * 1000;
  const pending = new Set<Promise<void>>();
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.floor(((Math.min(now, stopAt) - startAt) / 1000) * schedule.rate);
      for (; next < due; next += 1) {
        const dueAt = startAt + (next / schedule.rate) * 1000;
        const measured = dueAt >= measureFrom;
        if (measured) {
          counts.scheduled += 1;
          counts.maxStartDelayMs = Math.max(counts.maxStartDelayMs, now - dueAt);
        }
        if (pending.size >= schedule.maxInFlight) {
          if (measured) counts.skipped += 1;
          continue;
        }
        if (measured) counts.started += 1;
        counts.startedIncludingWarmup += 1;
        const item: Promise<void> = launch(next, measured)
          .catch(() => undefined)
          .finally(() => pending.delete(item));
        pending.add(item);
        counts.maxInFlight = Math.max(counts.maxInFlight, pending.size);
      }
      if (now >= stopAt) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  await Promise.allSettled([...pending]);
  return counts;
}
