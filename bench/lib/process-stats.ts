import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of one process: now, and the most it has held since it started. */
export interface ProcessMemory {
  pid: number;
  rssBytes: number;
  peakRssBytes: number;
}

/**
 * Reads any process's memory from /proc/<pid>/status (Linux), so a bench can report the RSS of
 * servers it did not start itself as well as its own children.
 */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { pid, rssBytes: kilobytesField(status, 'VmRSS'), peakRssBytes: kilobytesField(status, 'VmHWM') };
}

function kilobytesField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces), 0-based from `state`. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited meanwhile
  }
}

/** CPU seconds a process has used so far (user + system), optionally with its reaped children's. */
export function readProcessCpuSeconds(pid: number, withChildren = false): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // state=0 ... utime=11 stime=12 cutime=13 cstime=14
  const ticks = [11, 12, ...(withChildren ? [13, 14] : [])].reduce(
    (sum, index) => sum + Number(fields[index]),
    0,
  );
  return ticks / CLOCK_TICKS;
}

/** Pids of every live process whose command name (`/proc/<pid>/comm`) is `name`. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * CPU seconds used by every process named `name` (e.g. `postgres`, `java`), including children
 * they have reaped: PostgreSQL backends that ended are counted through the postmaster.
 */
export function cpuSecondsOfNamed(name: string): number {
  return pidsNamed(name).reduce((sum, pid) => sum + readProcessCpuSeconds(pid, true), 0);
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
export function readMachineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/** What a MemorySampler saw of one process: its last reading and the most it ever held. */
export interface SampledMemory extends ProcessMemory {
  samples: number;
}

/**
 * Reads a process's memory every `intervalMs` while it runs, so the peak and last RSS of a process
 * that exits on its own (a CLI) are still known afterwards.
 */
export class MemorySampler {
  private last: ProcessMemory | undefined;
  private peak = 0;
  private samples = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 1_000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    try {
      const memory = readProcessMemory(this.pid);
      this.last = memory;
      this.peak = Math.max(this.peak, memory.peakRssBytes, memory.rssBytes);
      this.samples += 1;
    } catch {
      // exited: keep what was seen
    }
  }

  stop(): SampledMemory {
    clearInterval(this.timer);
    this.sample();
    return {
      pid: this.pid,
      rssBytes: this.last?.rssBytes ?? 0,
      peakRssBytes: this.peak,
      samples: this.samples,
    };
  }
}
