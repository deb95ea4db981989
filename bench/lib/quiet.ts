/**
 * Benches running at once on the two shared cores corrupt each other's numbers: before measuring,
 * wait until no other `bench/run.ts` is running (bounded).
 */
import { readdirSync, readFileSync } from 'node:fs';

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined; // exited meanwhile
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** When a process started, in clock ticks since boot (/proc/<pid>/stat field 22). */
function startTimeOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return undefined;
  }
}

/** This process and everything above it (pnpm, the shell, tsx's launcher): not "another" bench. */
function ancestry(): Set<number> {
  const pids = new Set<number>();
  for (let pid: number | undefined = process.pid; pid && pid > 1 && !pids.has(pid); pid = parentOf(pid)) {
    pids.add(pid);
  }
  return pids;
}

/** Other benches running now: pid and command line of each `bench/run.ts` process not in our ancestry. */
export function otherBenches(): { pid: number; command: string }[] {
  const ours = ancestry();
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (ours.has(pid)) continue;
    const command = commandLine(pid);
    if (command?.includes('bench/run.ts')) found.push({ pid, command });
  }
  return found;
}

/**
 * The other benches that started before this one, each by its innermost `bench/run.ts` process
 * (the one running the bench; pnpm, sh and tsx's launcher above it carry the same command line).
 * Waiting only for those breaks ties: two benches started together never wait for each other —
 * the younger waits, the older measures.
 */
export function earlierBenches(): { pid: number; command: string }[] {
  const others = otherBenches();
  const parents = new Set(others.map((other) => parentOf(other.pid)));
  const ours = { start: startTimeOf(process.pid) ?? 0, pid: process.pid };
  return others.filter((other) => {
    if (parents.has(other.pid)) return false; // a launcher of another one in the list
    const start = startTimeOf(other.pid);
    if (start === undefined) return false;
    return start < ours.start || (start === ours.start && other.pid < ours.pid);
  });
}

/**
 * Resolves once no bench that started before this one runs (see earlierBenches), polling every
 * `pollSeconds`; after `maxWaitSeconds` it gives up waiting and resolves anyway with what is still
 * running (the result records it).
 */
export async function waitForOtherBenches(
  what: string,
  maxWaitSeconds: number,
  pollSeconds = 30,
): Promise<{ waitedSeconds: number; stillRunning: string[] }> {
  const started = Date.now();
  for (;;) {
    const others = earlierBenches();
    const waitedSeconds = (Date.now() - started) / 1000;
    if (others.length === 0) return { waitedSeconds, stillRunning: [] };
    if (waitedSeconds >= maxWaitSeconds) {
      console.warn(
        `${what}: other benches still running after ${Math.round(waitedSeconds)} s; measuring anyway (numbers may be skewed)`,
      );
      return { waitedSeconds, stillRunning: others.map((other) => `${other.pid} ${other.command}`) };
    }
    console.log(
      `${what}: waiting for other benches to finish (${others.map((other) => other.pid).join(', ')}), ` +
        `${Math.round(waitedSeconds)} s so far ...`,
    );
    await new Promise((resolve) => setTimeout(resolve, pollSeconds * 1000));
  }
}

/**
 * Watches for other benches while this one measures (they may start after we waited): call
 * `stop()` at the end for every one seen, to flag the result.
 */
export function watchOtherBenches(intervalSeconds = 5): { stop(): string[] } {
  const seen = new Map<number, string>();
  const look = (): void => {
    for (const other of otherBenches()) seen.set(other.pid, other.command);
  };
  look();
  const timer = setInterval(look, intervalSeconds * 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      look();
      return [...seen].map(([pid, command]) => `${pid} ${command}`);
    },
  };
}
