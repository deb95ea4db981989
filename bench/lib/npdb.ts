/**
 * The national population database simulator as a bench fixture: seed a schema with its CLI, read
 * back what was seeded, count what it answered.
 */
import { startTimer } from './histogram.ts';
import { processFailure, runCli } from './mesh.ts';
import { seededRecords } from './seeded-records.ts';

export interface SeedResult {
  people: number;
  households: number;
  /** Wall time of the seeding CLI, start to exit (migrations included). */
  seconds: number;
  /** The CLI's own summary line. */
  summary: string;
}

/**
 * Fills a fresh schema with `people` synthetic citizens through the simulator's seeding CLI
 * (COPY, one transaction), printing its progress lines as they come.
 */
export async function seedSimulator(options: {
  databaseUrl: string;
  schema: string;
  people: number;
  timeoutMs: number;
  logFile?: string;
}): Promise<SeedResult> {
  const elapsed = startTimer();
  const seeder = await runCli({
    name: 'seed',
    args: ['--people', String(options.people), '--schema', options.schema],
    env: { DATABASE_URL: options.databaseUrl },
    echo: () => true,
    timeoutMs: options.timeoutMs,
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  const seconds = elapsed() / 1000;
  const summary = seeder.tail().find((line) => line.startsWith('seeded ')) ?? '';
  const match = /^seeded (\d+) people in (\d+) households/.exec(summary);
  if (!match) throw processFailure(seeder, 'printed no "seeded N people in H households" line');
  return { people: Number(match[1]), households: Number(match[2]), seconds, summary };
}

/** The fields of a simulator record the benches use (its API's shape, which its storage keeps as is). */
export interface NpdbCitizen {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  /** yyyyMMdd */
  NgayThangNamSinh: string;
  /** "1" male, "2" female */
  GioiTinh: string;
  TrangThai: string;
}

/** Every citizen seeded into `schema`, in ID order: the records exactly as the simulator's API returns them. */
export function seededCitizens(databaseUrl: string, schema: string): Promise<NpdbCitizen[]> {
  return seededRecords<NpdbCitizen>(databaseUrl, { schema, table: 'citizens', orderBy: 'so_dinh_danh' });
}

/**
 * How many requests the simulator has answered on one route so far, from its Prometheus
 * `motlan_http_request_duration_seconds_count`: lets a bench show that a warm load never
 * reached the upstream.
 */
export async function simulatorRequestCount(baseUrl: string, route: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let count = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('motlan_http_request_duration_seconds_count{')) continue;
    if (!line.includes(`route="${route}"`)) continue;
    count += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return count;
}
