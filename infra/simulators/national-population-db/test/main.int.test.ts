import { afterAll, describe, expect, it } from 'vitest';
import { eventually, freePort, startServiceProcess, TestResources } from '@motlan/testkit';
import { signRequest } from '../src/auth/signature.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

describe('the simulator process (pnpm start)', () => {
  it('migrates, seeds, serves signed requests, generates changes, and stops cleanly on SIGTERM', async () => {
    const { name: schema } = await resources.schema(undefined, 'npdb_main');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const simulator = await startServiceProcess({
      entry: 'infra/simulators/national-population-db/src/main.ts',
      env: {
        DATABASE_URL: resources.databaseUrl,
        NPDB_SCHEMA: schema,
        NPDB_HTTP_PORT: String(port),
        NPDB_SEED_PEOPLE: '300',
        NPDB_CHANGE_INTERVAL_MS: '100',
      },
      readyUrl: `${base}/ready`,
      timeoutMs: 90_000,
    });
    resources.defer(() => simulator.stop());

    const signedGet = async (path: string) => {
      const headers = signRequest({ keyId: 'motlan-dev', secret: 'motlan-dev-secret', method: 'GET', path });
      return fetch(base + path, {
        headers: { ...headers, 'X-Officer-Id': 'officer-1', 'X-Request-Id': 'main-1' },
      });
    };
    const exported = await signedGet('/api/v1/citizens?limit=10');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('x-request-id')).toBe('main-1');
    expect(((await exported.json()) as { total: number }).total).toBe(300);

    const changes = await eventually(async () => {
      const feed = (await (await signedGet('/api/v1/changes')).json()) as { changes: unknown[] };
      return feed.changes.length >= 3 ? feed.changes : undefined;
    }, 20_000);
    expect(changes.length).toBeGreaterThanOrEqual(3);

    await simulator.stop();
    expect(simulator.child.exitCode).toBe(0);
  }, 150_000);
});
