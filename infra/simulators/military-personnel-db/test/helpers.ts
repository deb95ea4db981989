import type { Pool } from '@motlan/db';
import type { HttpApp } from '@motlan/http';
import {
  loadAdminUnits,
  MIGRATIONS_DIR as POPULATION_MIGRATIONS_DIR,
  seedPopulation,
} from '@motlan/sim-national-population-db';
import type { TestResources } from '@motlan/testkit';
import { MIGRATIONS_DIR } from '../src/migrations-dir.ts';
import { seedPersonnel, type SeedResult } from '../src/store/seed-personnel.ts';

export const CLIENT_ID = 'motlan-dev';
export const CLIENT_SECRET = 'motlan-dev-secret';

export interface SeededSchemas {
  population: { name: string; pool: Pool };
  personnel: { name: string; pool: Pool };
  result: SeedResult;
}

/**
 * A fresh population schema seeded by the population simulator, then a fresh personnel schema
 * seeded from it: the way the two simulators link in `pnpm start`. Both removed at cleanup.
 */
export async function seededSchemas(
  resources: TestResources,
  options: { people: number; seed?: number; onProgress?: (read: number, total: number) => void },
): Promise<SeededSchemas> {
  const population = await resources.schema(POPULATION_MIGRATIONS_DIR, 'npdb_for_mpdb');
  await seedPopulation({
    pool: population.pool,
    people: options.people,
    seed: 42,
    adminUnits: loadAdminUnits(),
  });
  const personnel = await resources.schema(MIGRATIONS_DIR, 'mpdb');
  // As the database's owner, like the simulator's own process: a simulator stands in for a system
  // we do not own, so no service role applies, and it reads the population simulator's schema.
  const result = await seedPersonnel({
    pool: personnel.ownerPool,
    populationSchema: population.name,
    seed: options.seed ?? 42,
    batchSize: 500,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { population, personnel, result };
}

/** An access token from the token endpoint (HTTP Basic client authentication). */
export async function accessToken(app: HttpApp, id = CLIENT_ID, secret = CLIENT_SECRET): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: 'grant_type=client_credentials',
  });
  if (response.statusCode !== 200)
    throw new Error(`token endpoint answered ${response.statusCode}: ${response.body}`);
  return (response.json() as { access_token: string }).access_token;
}

/** GET with a bearer token (none when `token` is null). */
export function get(app: HttpApp, url: string, token: string | null, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'GET',
    url,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
}
