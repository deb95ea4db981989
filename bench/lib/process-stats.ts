import { readFileSync } from 'node:fs';

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
