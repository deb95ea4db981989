/**
 * CPU seconds used over a phase by the processes that matter (services under test by pid,
 * PostgreSQL and Kafka by name) and by the whole machine, so a number can be read against where
 * the two cores went — including to other people's work.
 */
import { cpuSecondsOfNamed, readMachineCpuSeconds, readProcessCpuSeconds } from './process-stats.ts';

export interface CpuSnapshot {
  at: number;
  processes: Record<string, number>;
  postgres: number;
  kafka: number;
  machineBusy: number;
  machineTotal: number;
}

export interface CpuUsage {
  wallSeconds: number;
  /** CPU seconds per named process, and as a share of one core over the phase. */
  processes: Record<string, { seconds: number; coreShare: number }>;
  postgres: { seconds: number; coreShare: number };
  kafka: { seconds: number; coreShare: number };
  /** Busy share of all cores over the phase (everyone's work). */
  machineBusyShare: number;
}

/** `pids`: name → pid of each process to account for (e.g. `{ registry: 1234 }`). */
export function cpuSnapshot(pids: Record<string, number>): CpuSnapshot {
  const machine = readMachineCpuSeconds();
  return {
    at: performance.now(),
    processes: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readProcessCpuSeconds(pid)])),
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
  return `${parts.join(', ')} of a core; machine ${percent(usage.machineBusyShare)} busy`;
}

/** A database URL with its password masked, for results files. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
