/**
 * The build as production runs it: every service and simulator started with plain `node` on its
 * `dist/main.js` (no tsx, no source condition: every workspace package resolves to its `dist/`
 * too), against the real Kafka and PostgreSQL, answers /health. The population simulator seeds in
 * a child process (`dist/seed.js`); the adapter, the registry and one-stop apply their migrations
 * and load the proto descriptor set from beside their build. Needs `pnpm build`, which the suite's
 * global setup runs (incrementally) before any test.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaTestClient } from '@motlan/kafka';
import {
  clientTls,
  devCertificates,
  freePort,
  httpsJson,
  startServiceProcess,
  TestResources,
  uniqueName,
  type ServiceProcess,
} from '@motlan/testkit';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const resources = new TestResources();
afterAll(() => resources.cleanup());

describe('the compiled build', () => {
  it('runs every service and simulator under plain node, each answering /health', async () => {
    const name = uniqueName('built');
    const topicPrefix = `${KafkaTestClient.topicPrefix}${name}.`;
    await resources.declaredTopics(topicPrefix);
    const env = {
      DATABASE_URL: resources.databaseUrl,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      MTLS_CERT_DIR: devCertificates(),
    };
    const schema = async (part: string) => (await resources.schema(undefined, `${name}_${part}`)).name;
    const [npdb, mpdb, adapterHttp, adapterGrpc, registryHttp, registryGrpc, oneStopHttp, oneStopGrpc] =
      await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => freePort()));
    const started: Record<string, ServiceProcess> = {};
    const start = async (folder: string, extraEnv: Record<string, string>, healthUrl: string) => {
      const service = await startServiceProcess({
        // As the mesh's list names it; the one command function runs its build output.
        entry: `${folder}/src/main.ts`,
        env: { ...env, ...extraEnv },
        readyUrl: healthUrl,
        ca: clientTls().ca,
        timeoutMs: 120_000,
      });
      resources.defer(() => service.stop());
      started[folder] = service;
      return service;
    };

    const npdbSchema = await schema('npdb');
    await start(
      'infra/simulators/national-population-db',
      {
        NPDB_SCHEMA: npdbSchema,
        NPDB_HTTP_PORT: String(npdb),
        NPDB_SEED_PEOPLE: '50',
        NPDB_CHANGE_INTERVAL_MS: '0',
      },
      `http://127.0.0.1:${npdb}/health`,
    );
    await Promise.all([
      start(
        'infra/simulators/military-personnel-db',
        {
          MPDB_SCHEMA: await schema('mpdb'),
          NPDB_SCHEMA: npdbSchema,
          MPDB_HTTP_PORT: String(mpdb),
          MPDB_CHANGE_INTERVAL_MS: '0',
        },
        `http://127.0.0.1:${mpdb}/health`,
      ),
      start(
        'services/population-adapter',
        {
          NPDB_URL: `http://127.0.0.1:${npdb}`,
          POPULATION_ADAPTER_SCHEMA: await schema('population'),
          HTTP_PORT: String(adapterHttp),
          GRPC_PORT: String(adapterGrpc),
          CHANGE_FEED_INTERVAL_MS: '0',
        },
        `https://127.0.0.1:${adapterHttp}/health`,
      ),
      start(
        'services/fact-registry',
        {
          FACT_REGISTRY_SCHEMA: await schema('registry'),
          FACT_REGISTRY_GROUP: `${topicPrefix}fact-registry`,
          HTTP_PORT: String(registryHttp),
          GRPC_PORT: String(registryGrpc),
        },
        `https://127.0.0.1:${registryHttp}/health`,
      ),
      start(
        'services/one-stop',
        {
          ONE_STOP_SCHEMA: await schema('one_stop'),
          HTTP_PORT: String(oneStopHttp),
          GRPC_PORT: String(oneStopGrpc),
          POPULATION_ADAPTER_GRPC: `127.0.0.1:${adapterGrpc}`,
          FACT_REGISTRY_GRPC: `127.0.0.1:${registryGrpc}`,
        },
        `https://127.0.0.1:${oneStopHttp}/health`,
      ),
    ]);

    for (const [folder, service] of Object.entries(started)) {
      // Plain node on the build: no loader, no condition that would reach the TypeScript sources.
      const args = service.child.spawnargs.slice(1);
      expect(args.at(-1)).toBe(`${REPO_ROOT}${folder}/dist/main.js`);
      expect(args.join(' ')).not.toMatch(/tsx|@motlan\/source/);
      expect(service.child.exitCode).toBeNull();
    }
    for (const port of [adapterHttp, registryHttp, oneStopHttp]) {
      const health = await httpsJson(`https://127.0.0.1:${port}/health`, { tls: clientTls() });
      expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    }
    for (const port of [npdb, mpdb]) {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
    }
  }, 240_000);
});
