import { afterAll, describe, expect, it } from 'vitest';
import {
  loadAdminUnits,
  MIGRATIONS_DIR as POPULATION_MIGRATIONS_DIR,
  seedPopulation,
} from '@motlan/sim-national-population-db';
import { devCertificates, eventually, freePort, startServiceProcess, TestResources } from '@motlan/testkit';
import { FactRegistryFake } from './fact-registry-fake.ts';
import { CLIENT_ID, CLIENT_SECRET, seededSchemas } from './helpers.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

describe('the simulator process (pnpm start)', () => {
  it('waits for the population, migrates, seeds from it, serves bearer requests, generates changes, stops on SIGTERM', async () => {
    const population = await resources.schema(POPULATION_MIGRATIONS_DIR, 'npdb_for_mpdb_main');
    const { name: schema, pool } = await resources.schema(undefined, 'mpdb_main');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const starting = startServiceProcess({
      entry: 'infra/simulators/military-personnel-db/src/main.ts',
      env: {
        DATABASE_URL: resources.databaseUrl,
        MPDB_SCHEMA: schema,
        NPDB_SCHEMA: population.name,
        MPDB_HTTP_PORT: String(port),
        MPDB_CHANGE_INTERVAL_MS: '100',
        MPDB_POPULATION_WAIT_MS: '60000',
      },
      readyUrl: `${base}/ready`,
      timeoutMs: 90_000,
    });
    // The population simulator fills its schema only after this one started.
    await eventually(
      async () =>
        (
          await pool.query(
            "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'personnel'",
          )
        ).rowCount === 1 || undefined,
      30_000,
    );
    await seedPopulation({ pool: population.pool, people: 1_000, seed: 42, adminUnits: loadAdminUnits() });
    const simulator = await starting;
    resources.defer(() => simulator.stop());

    const tokenResponse = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const authorised = (path: string) =>
      fetch(base + path, { headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'main-1' } });

    expect((await fetch(`${base}/api/v1/ho-so?soLuong=1`)).status).toBe(401);
    const exported = await authorised('/api/v1/ho-so?soLuong=10');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('x-correlation-id')).toBe('main-1');
    const seeded = Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM personnel')).rows[0]!.n,
    );
    expect(seeded).toBeGreaterThan(50);
    expect(((await exported.json()) as { TongSo: number }).TongSo).toBe(seeded);

    const changes = await eventually(async () => {
      const feed = (await (await authorised('/api/v1/bien-dong')).json()) as { BienDong: unknown[] };
      return feed.BienDong.length >= 3 ? feed.BienDong : undefined;
    }, 20_000);
    expect(changes.length).toBeGreaterThanOrEqual(3);

    await simulator.stop();
    expect(simulator.child.exitCode).toBe(0);
  }, 150_000);

  it('with MPDB_NOTIFICATIONS_ADDRESS, follows the registry as a worker, shows it, and SIGTERM ends the stream', async () => {
    const certDir = devCertificates();
    const registry = new FactRegistryFake(certDir, resources.logger);
    await registry.start();
    resources.defer(() => registry.stop());
    const { population, personnel } = await seededSchemas(resources, { people: 600 });
    const held = (
      await personnel.pool.query<{ so_dinh_danh: string }>(
        'SELECT so_dinh_danh FROM personnel ORDER BY seq LIMIT 1',
      )
    ).rows[0]!.so_dinh_danh;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const simulator = await startServiceProcess({
      entry: 'infra/simulators/military-personnel-db/src/main.ts',
      env: {
        DATABASE_URL: resources.databaseUrl,
        MPDB_SCHEMA: personnel.name,
        NPDB_SCHEMA: population.name,
        MPDB_HTTP_PORT: String(port),
        MPDB_CHANGE_INTERVAL_MS: '0',
        MPDB_NOTIFICATIONS_ADDRESS: `127.0.0.1:${registry.port}`,
        MTLS_CERT_DIR: certDir,
      },
      readyUrl: `${base}/ready`,
      timeoutMs: 90_000,
    });
    resources.defer(() => simulator.stop());

    await eventually(async () => registry.openStreams === 1 || undefined, 20_000);
    expect(registry.creates.map((create) => create.client)).toEqual(['military-personnel-db']);
    const subscriptionId = registry.subscriptions[0]!.id;
    const death = registry.publish(subscriptionId, held, 'identity.vital_status', { status: 'deceased' });
    const status = await eventually(async () => {
      const body = (await (await fetch(`${base}/admin/subscription`)).json()) as {
        cursor: string;
        appliedCount: number;
      };
      return body.cursor === death.cursor ? body : undefined;
    }, 20_000);
    expect(status).toMatchObject({ enabled: true, connected: true, subscriptionId, appliedCount: 1 });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/mpdb_sim_notifications_applied_total\{type="identity.vital_status"\} 1/);

    await simulator.stop();
    expect(simulator.child.exitCode).toBe(0);
    await eventually(async () => registry.openStreams === 0 || undefined, 5_000);
  }, 150_000);
});
