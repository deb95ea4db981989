/**
 * CPU seconds used over a phase by the processes that matter (services under test by pid,
 * PostgreSQL and Kafka by name) and by the whole machine, so a number can be read against where
 * the two cores went — including to other people's work.
 */
import { readFileSync } from 'node:fs';
import { cpuSecondsOfNamed, readMachineCpuSeconds, readProcessCpuSeconds } from './process-stats.ts';

/** Interrupt + soft-interrupt and steal seconds of the whole machine (/proc/stat), which no process owns. */
function readKernelSeconds(): { interrupts: number; steal: number } {
  const ticks = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal
  return { interrupts: ((ticks[5] ?? 0) + (ticks[6] ?? 0)) / 100, steal: (ticks[7] ?? 0) / 100 };
}

export interface CpuSnapshot {
  at: number;
  processes: Record<string, number>;
  postgres: number;
  kafka: number;
  machineBusy: number;
  machineTotal: number;
  interrupts: number;
  steal: number;
}

export interface CpuUsage {
  wallSeconds: number;
  /** CPU seconds per named process, and as a share of one core over the phase. */
  processes: Record<string, { seconds: number; coreShare: number }>;
  postgres: { seconds: number; coreShare: number };
  kafka: { seconds: number; coreShare: number };
  /** Busy share of all cores over the phase (everyone's work). */
  machineBusyShare: number;
  /** Interrupt handling (e.g. loopback network) and time the hypervisor took, as shares of one core. */
  interruptsCoreShare: number;
  stealCoreShare: number;
}

/** `pids`: name → pid of each process to account for (e.g. `{ registry: 1234 }`). */
export function cpuSnapshot(pids: Record<string, number>): CpuSnapshot {
  const machine = readMachineCpuSeconds();
  const kernel = readKernelSeconds();
  return {
    interrupts: kernel.interrupts,
    steal: kernel.steal,
    at: performance.now(),
    processes: Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, readProcessCpuSeconds(pid)]),
    ),
    postgres: cpuSecondsOfNamed('postgres'),
    kafka: cpuSecondsOfNamed('java'),
    machineBusy: machine.busy,
    machineTotal: machine.total,
  };
}

export function cpuUsage(before: CpuSnapshot, after: CpuSnapshot): CpuUsage {
  const wallSeconds = (after.at - before.at) / 1000;
  const share = (seconds: number) => ({ seconds, coreShare: wallSeconds > 0 ? seconds / wallSeconds : 0 });
  return {
    wallSeconds,
    processes: Object.fromEntries(
      Object.entries(after.processes).map(([name, seconds]) => [
        name,
        share(seconds - (before.processes[name] ?? 0)),
      ]),
    ),
    postgres: share(after.postgres - before.postgres),
    kafka: share(after.kafka - before.kafka),
    interruptsCoreShare: wallSeconds > 0 ? (after.interrupts - before.interrupts) / wallSeconds : 0,
    stealCoreShare: wallSeconds > 0 ? (after.steal - before.steal) / wallSeconds : 0,
    machineBusyShare:
      after.machineTotal > before.machineTotal
        ? (after.machineBusy - before.machineBusy) / (after.machineTotal - before.machineTotal)
        : 0,
  };
}

/** "registry 85%, postgres 40%, kafka 12% of a core; machine 71% busy" */
export function formatCpuUsage(usage: CpuUsage): string {
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const parts = [
    ...Object.entries(usage.processes).map(([name, used]) => `${name} ${percent(used.coreShare)}`),
    `postgres ${percent(usage.postgres.coreShare)}`,
    `kafka ${percent(usage.kafka.coreShare)}`,
  ];
  return (
    `${parts.join(', ')} of a core; machine ${percent(usage.machineBusyShare)} busy` +
    ` (interrupts ${percent(usage.interruptsCoreShare)}, steal ${percent(usage.stealCoreShare)})`
  );
}

/** A database URL with its password masked, for results files. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * CPU the phase's accounted processes do not explain, as a share of one core: the machine's busy
 * time minus every process measured (plus `extraSeconds` reported by processes themselves, e.g. a
 * driver). Well above zero means other work ran on the machine meanwhile (PostgreSQL and Kafka
 * time spent for others is counted as ours, so this is a lower bound).
 */
export function unaccountedCoreShare(usage: CpuUsage, cores: number, extraSeconds = 0): number {
  if (usage.wallSeconds <= 0) return 0;
  const busy = usage.machineBusyShare * cores * usage.wallSeconds;
  const accounted =
    Object.values(usage.processes).reduce((sum, used) => sum + used.seconds, 0) +
    usage.postgres.seconds +
    usage.kafka.seconds +
    (usage.interruptsCoreShare + usage.stealCoreShare) * usage.wallSeconds +
    extraSeconds;
  return Math.max(0, busy - accounted) / usage.wallSeconds;
}
