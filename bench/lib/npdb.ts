/**
 * The national population database simulator (infra/simulators/national-population-db) as a
 * bench fixture: seed a schema with its CLI, start it as a process, call its signed REST API.
 */
import { CommonErrors, MotlanError } from '@motlan/errors';
import { signatureHeaders } from '../../services/population-adapter/src/upstream/signature.ts';
import { startTimer } from './histogram.ts';
import {
  freePort,
  serviceFailure,
  startService,
  waitForHttpOk,
  type ServiceProcess,
} from './service-process.ts';
import { withTimeout } from './timeout.ts';

const SIMULATOR_DIR = 'infra/simulators/national-population-db';
/** The simulator's development key (its NPDB_API_KEYS default), which the adapter uses too. */
export const NPDB_KEY_ID = 'motlan-dev';
export const NPDB_SECRET = 'motlan-dev-secret';
const OFFICER_ID = 'bench';

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
  const seeder = startService({
    name: 'seed',
    entry: `${SIMULATOR_DIR}/src/seed.ts`,
    args: ['--people', String(options.people), '--schema', options.schema],
    env: { DATABASE_URL: options.databaseUrl },
    echo: () => true,
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  try {
    const exit = await withTimeout(seeder.exited, options.timeoutMs, `seeding ${options.people} people`);
    if (exit.code !== 0) throw serviceFailure(seeder, `failed (${exit.code ?? exit.signal})`);
  } finally {
    await seeder.stop();
  }
  const seconds = elapsed() / 1000;
  const summary = seeder.tail().find((line) => line.startsWith('seeded ')) ?? '';
  const match = /^seeded (\d+) people in (\d+) households/.exec(summary);
  if (!match) throw serviceFailure(seeder, 'printed no "seeded N people in H households" line');
  return { people: Number(match[1]), households: Number(match[2]), seconds, summary };
}

export interface RunningSimulator {
  process: ServiceProcess;
  baseUrl: string;
}

/** Starts the simulator on a free port over an already seeded schema, with the change feed off. */
export async function startSimulator(options: {
  databaseUrl: string;
  schema: string;
  logFile?: string;
  /** Citizens to seed at start when the schema is empty (0: expect it seeded). */
  seedPeople?: number;
  poolSize?: number;
}): Promise<RunningSimulator> {
  const port = await freePort();
  const simulator = startService({
    name: 'simulator',
    entry: `${SIMULATOR_DIR}/src/main.ts`,
    env: {
      DATABASE_URL: options.databaseUrl,
      NPDB_SCHEMA: options.schema,
      NPDB_HTTP_PORT: String(port),
      NPDB_SEED_PEOPLE: String(options.seedPeople ?? 0),
      NPDB_CHANGE_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
      ...(options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {}),
    },
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttpOk(simulator, `${baseUrl}/health`, 120_000);
  } catch (error) {
    await simulator.stop();
    throw error;
  }
  return { process: simulator, baseUrl };
}

/** A signed GET on the simulator's /api, as the adapter makes it; throws unless 200. */
export async function simulatorGet<T>(baseUrl: string, pathWithQuery: string): Promise<T> {
  const response = await fetch(baseUrl + pathWithQuery, {
    headers: {
      ...signatureHeaders({
        keyId: NPDB_KEY_ID,
        secret: NPDB_SECRET,
        method: 'GET',
        pathWithQuery,
        body: '',
      }),
      'x-officer-id': OFFICER_ID,
    },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    throw new MotlanError(
      CommonErrors.unavailable,
      `simulator answered ${response.status} to GET ${pathWithQuery}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

/** The fields of a simulator record the benches use. */
export interface NpdbCitizen {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  /** yyyyMMdd */
  NgayThangNamSinh: string;
  /** "1" male, "2" female */
  GioiTinh: string;
  TrangThai: string;
}

interface ExportPage {
  items: NpdbCitizen[];
  next: string | null;
  total: number;
}

/** Every citizen in ID order, through the export API in pages of `pageSize`. */
export async function exportCitizens(baseUrl: string, pageSize = 5_000): Promise<NpdbCitizen[]> {
  const citizens: NpdbCitizen[] = [];
  let after = '';
  for (;;) {
    const page = await simulatorGet<ExportPage>(baseUrl, `/api/v1/citizens?after=${after}&limit=${pageSize}`);
    citizens.push(...page.items);
    if (page.next === null) return citizens;
    after = page.next;
  }
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
