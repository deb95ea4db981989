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

/** CPU seconds used over one phase of a bench, by process, and how busy the whole machine was. */
export interface CpuUsage {
  wallSeconds: number;
  /** The processes given by pid, by the name given. */
  processes: Record<string, number>;
  /** Children of the bench that exited during the phase (a CLI, a load generator). */
  exitedChildren: number;
  /** Every `postgres` process (all backends, ours and anyone's) and every `java` one (Kafka). */
  postgres: number;
  kafka: number;
  /** Busy CPU seconds of the whole machine, out of `machineCapacity` (wall time × cores). */
  machineBusy: number;
  machineCapacity: number;
}

interface CpuReading {
  at: number;
  processes: Record<string, number>;
  exitedChildren: number;
  postgres: number;
  kafka: number;
  machine: { busy: number; total: number };
}

function readCpu(pids: Record<string, number>): CpuReading {
  return {
    at: performance.now(),
    processes: Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, readProcessCpuSeconds(pid)]),
    ),
    // Our own cutime/cstime: children we have reaped since we started.
    exitedChildren: readProcessCpuSeconds(process.pid, true) - readProcessCpuSeconds(process.pid),
    postgres: cpuSecondsOfNamed('postgres'),
    kafka: cpuSecondsOfNamed('java'),
    machine: readMachineCpuSeconds(),
  };
}

/**
 * Measures the CPU a phase costs: start it before, `stop()` after. Shows which process a
 * throughput is bound by, and how much of the machine others were using meanwhile.
 */
export class CpuMeter {
  private readonly start: CpuReading;

  constructor(private readonly pids: Record<string, number>) {
    this.start = readCpu(pids);
  }

  stop(): CpuUsage {
    const end = readCpu(this.pids);
    return {
      wallSeconds: (end.at - this.start.at) / 1000,
      processes: Object.fromEntries(
        Object.keys(this.pids).map((name) => [
          name,
          (end.processes[name] ?? 0) - (this.start.processes[name] ?? 0),
        ]),
      ),
      exitedChildren: end.exitedChildren - this.start.exitedChildren,
      postgres: end.postgres - this.start.postgres,
      kafka: end.kafka - this.start.kafka,
      machineBusy: end.machine.busy - this.start.machine.busy,
      machineCapacity: end.machine.total - this.start.machine.total,
    };
  }
}

/** "adapter 95%, postgres 40%, ...": CPU as a share of one core over the phase, then the machine. */
export function describeCpu(usage: CpuUsage, extra: Record<string, number> = {}): string {
  const share = (seconds: number): string => `${Math.round((seconds / usage.wallSeconds) * 100)}%`;
  const parts = Object.entries({
    ...usage.processes,
    ...extra,
    postgres: usage.postgres,
    kafka: usage.kafka,
  }).map(([name, seconds]) => `${name} ${share(seconds)}`);
  const machine = Math.round((usage.machineBusy / usage.machineCapacity) * 100);
  return `${parts.join(', ')} of a core; machine ${machine}% busy`;
}
