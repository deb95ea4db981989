import { spawn } from 'node:child_process';
import { KafkaTestClient } from '@motlan/kafka';
import type { Pool } from '@motlan/db';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process.ts';
import { clientTls, devCertificates } from './tls.ts';
import { uniqueName } from './test-env.ts';
import type { TestResources } from './test-resources.ts';

/** A mesh started by `startMesh`: where each part listens, and how to start more of it. */
export interface Mesh {
  /**
   * Environment every process of this mesh shares (database, brokers, topic prefix, certificates);
   * Kafka's security settings come from the test run's environment, each process acting as itself.
   */
  env: Record<string, string>;
  topicPrefix: string;
  /** The simulator's schema, to pick citizens from. */
  npdbPool: Pool;
  adapterEnv: Record<string, string>;
  adapterGrpc: string;
  /** The adapter's REST base URL (https). */
  adapterHttp: string;
  registryGrpc: string;
  /** The registry's REST base URL (https). */
  registryHttp: string;
  /** Set when the mesh was started with the one-stop shop. */
  oneStop?: { env: Record<string, string>; url: string; grpc: string };
  /** Starts one more process of this mesh (stopped at cleanup). */
  start(entry: string, extraEnv: Record<string, string>, readyUrl: string): Promise<ServiceProcess>;
  /** Runs a one-shot command of this mesh to its end; resolves with its exit code. */
  runToEnd(entry: string, extraEnv: Record<string, string>): Promise<number>;
}

/**
 * The mesh as production runs it, each part its own process: the national population DB
 * simulator (seeded), the population adapter, the fact registry and, if asked, the one-stop shop
 * — on topics of their own (a prefix, under `test.` so test code may read them) with exactly the
 * declared ACLs for each service's principal, and schemas of their own, all removed at cleanup.
 */
export async function startMesh(
  resources: TestResources,
  name: string,
  options: {
    seedPeople: number;
    oneStop?: boolean;
    /** Settings of the population adapter over the defaults (e.g. `CHANGE_FEED_INTERVAL_MS` to run its feed). */
    adapterEnv?: Record<string, string>;
  },
): Promise<Mesh> {
  const topicPrefix = `${KafkaTestClient.topicPrefix}${uniqueName(name)}.`;
  await resources.declaredTopics(topicPrefix);
  const env = {
    DATABASE_URL: resources.databaseUrl,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    MTLS_CERT_DIR: devCertificates(),
    LOG_LEVEL: 'warn',
  };
  const schema = async (part: string) => (await resources.schema(undefined, `${name}_${part}`)).name;
  const start = async (entry: string, extraEnv: Record<string, string>, readyUrl: string) => {
    const service = await startServiceProcess({
      entry,
      env: { ...env, ...extraEnv },
      readyUrl,
      ca: clientTls().ca,
      timeoutMs: 120_000,
    });
    resources.defer(() => service.stop());
    return service;
  };
  const runToEnd = (entry: string, extraEnv: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        env: { ...process.env, ...env, ...extraEnv },
        stdio: 'ignore',
      });
      child.on('exit', (code) => resolve(code ?? 1));
    });

  const [npdbPort, adapterHttp, adapterGrpc, registryHttp, registryGrpc, oneStopHttp, oneStopGrpc] =
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => freePort()));
  const { name: npdbSchema, pool: npdbPool } = await resources.schema(undefined, `${name}_npdb`);
  const npdbUrl = `http://127.0.0.1:${npdbPort}`;
  await start(
    'infra/simulators/national-population-db/src/main.ts',
    {
      NPDB_SCHEMA: npdbSchema,
      NPDB_HTTP_PORT: String(npdbPort),
      NPDB_SEED_PEOPLE: String(options.seedPeople),
      NPDB_CHANGE_INTERVAL_MS: '0',
    },
    `${npdbUrl}/health`,
  );
  const adapterEnv = {
    NPDB_URL: npdbUrl,
    POPULATION_ADAPTER_SCHEMA: await schema('population'),
    HTTP_PORT: String(adapterHttp),
    GRPC_PORT: String(adapterGrpc),
    CHANGE_FEED_INTERVAL_MS: '0',
    ...options.adapterEnv,
  };
  const registryEnv = {
    FACT_REGISTRY_SCHEMA: await schema('registry'),
    // Under the prefix, as the declared ACLs put the registry's groups (topic-access.ts).
    FACT_REGISTRY_GROUP: `${topicPrefix}fact-registry`,
    HTTP_PORT: String(registryHttp),
    GRPC_PORT: String(registryGrpc),
  };
  const oneStop = options.oneStop
    ? {
        env: {
          ONE_STOP_SCHEMA: await schema('one_stop'),
          HTTP_PORT: String(oneStopHttp),
          GRPC_PORT: String(oneStopGrpc),
          POPULATION_ADAPTER_GRPC: `127.0.0.1:${adapterGrpc}`,
          FACT_REGISTRY_GRPC: `127.0.0.1:${registryGrpc}`,
        },
        url: `https://127.0.0.1:${oneStopHttp}`,
        grpc: `127.0.0.1:${oneStopGrpc}`,
      }
    : undefined;
  await Promise.all([
    start('services/population-adapter/src/main.ts', adapterEnv, `https://127.0.0.1:${adapterHttp}/ready`),
    start('services/fact-registry/src/main.ts', registryEnv, `https://127.0.0.1:${registryHttp}/ready`),
    ...(oneStop ? [start('services/one-stop/src/main.ts', oneStop.env, `${oneStop.url}/ready`)] : []),
  ]);
  return {
    env,
    topicPrefix,
    npdbPool,
    adapterEnv,
    adapterGrpc: `127.0.0.1:${adapterGrpc}`,
    adapterHttp: `https://127.0.0.1:${adapterHttp}`,
    registryGrpc: `127.0.0.1:${registryGrpc}`,
    registryHttp: `https://127.0.0.1:${registryHttp}`,
    ...(oneStop ? { oneStop } : {}),
    start,
    runToEnd,
  };
}
