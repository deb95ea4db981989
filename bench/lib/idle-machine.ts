/**
 * Other work on the shared machine (test suites with their own services, builds) is not a
 * `bench/run.ts` process, yet skews every number just the same: before measuring, wait (bounded)
 * until the whole machine is nearly idle.
 */
import { readMachineCpuSeconds } from './process-stats.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy share of all cores over `seconds`, from /proc/stat. */
export async function machineBusyShare(seconds: number): Promise<number> {
  const before = readMachineCpuSeconds();
  await sleep(seconds * 1000);
  const after = readMachineCpuSeconds();
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : 0;
}

/**
 * Resolves once the machine was at most `maxBusyShare` busy over a `sampleSeconds` sample (an
 * idle broker and database use a few percent), or after `maxWaitSeconds` anyway; says how busy it
 * was last and how long it waited.
 */
export async function waitForIdleMachine(
  what: string,
  options: { maxBusyShare?: number; sampleSeconds?: number; maxWaitSeconds: number },
): Promise<{ waitedSeconds: number; busyShare: number; idle: boolean }> {
  const maxBusyShare = options.maxBusyShare ?? 0.3;
  const started = Date.now();
  for (;;) {
    const busyShare = await machineBusyShare(options.sampleSeconds ?? 5);
    const waitedSeconds = (Date.now() - started) / 1000;
    if (busyShare <= maxBusyShare) return { waitedSeconds, busyShare, idle: true };
    if (waitedSeconds >= options.maxWaitSeconds) {
      console.warn(
        `${what}: the machine is still ${Math.round(busyShare * 100)}% busy with other work after ` +
          `${Math.round(waitedSeconds)} s; measuring anyway (numbers may be skewed)`,
      );
      return { waitedSeconds, busyShare, idle: false };
    }
    console.log(
      `${what}: the machine is ${Math.round(busyShare * 100)}% busy with other work; waiting for it to calm ` +
        `down (${Math.round(waitedSeconds)} s so far) ...`,
    );
    await sleep(10_000);
  }
}
