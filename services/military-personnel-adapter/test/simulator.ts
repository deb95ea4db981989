import {
  loadAdminUnits,
  MIGRATIONS_DIR as POPULATION_MIGRATIONS_DIR,
  seedPopulation,
} from '@motlan/sim-national-population-db';
import type { Pool } from '@motlan/db';
import { freePort, startServiceProcess, type ServiceProcess, type TestResources } from '@motlan/testkit';

export interface SeededTruth {
  ma_dinh_danh_quan_nhan: string;
  so_dinh_danh: string;
  kind: 'name_typo' | 'old_name' | 'wrong_birth_day' | 'malformed';
  field: string;
  true_value: string;
  recorded_value: string;
}

export interface RunningSimulator {
  url: string;
  process: ServiceProcess;
  /** The population simulator's schema the personnel were seeded from (table `citizens`). */
  population: Pool;
  /** The personnel simulator's schema (tables `personnel`, `seeded_truth`, `changes`). */
  personnel: Pool;
  truth: SeededTruth[];
  /** Calls a simulator route with no token (`/admin/*`). */
  admin<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

/**
 * The military personnel simulator as its own process, seeded at start from a population the
 * population simulator's seeding wrote into a fresh schema — the way the two link in `pnpm start`.
 * Its change generator is off; tests make changes with `POST /admin/changes`.
 */
export async function startMilitarySimulator(
  resources: TestResources,
  people: number,
): Promise<RunningSimulator> {
  const population = await resources.schema(POPULATION_MIGRATIONS_DIR, 'npdb_mil');
  await seedPopulation({ pool: population.pool, people, seed: 42, adminUnits: loadAdminUnits() });
  const personnel = await resources.schema(undefined, 'mpdb_mil');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startServiceProcess({
    entry: 'infra/simulators/military-personnel-db/src/main.ts',
    env: {
      DATABASE_URL: resources.databaseUrl,
      MPDB_SCHEMA: personnel.name,
      NPDB_SCHEMA: population.name,
      MPDB_HTTP_PORT: String(port),
      MPDB_CHANGE_INTERVAL_MS: '0',
    },
    readyUrl: `${url}/ready`,
    timeoutMs: 90_000,
  });
  resources.defer(() => child.stop());
  const { rows: truth } = await personnel.pool.query<SeededTruth>('SELECT * FROM seeded_truth');
  return {
    url,
    process: child,
    population: population.pool,
    personnel: personnel.pool,
    truth,
    async admin<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
      const response = await fetch(url + path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return (await response.json()) as T;
    },
  };
}
