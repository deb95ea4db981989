/** The population adapter (services/population-adapter) as a bench fixture: the service and its bulk sync CLI. */
import { join } from 'node:path';
import { PROTO_DIR } from '@motlan/proto';
import {
  freePort,
  startService,
  waitForHttpOk,
  type ServiceOptions,
  type ServiceProcess,
} from './service-process.ts';
import { devTlsFiles, readTlsFiles, type TlsFiles } from './tls.ts';

const ADAPTER_DIR = 'services/population-adapter';
export const POPULATION_PROTO = join(PROTO_DIR, 'motlan/population/v1/population_service.proto');
export const POPULATION_PROTO_INCLUDE = PROTO_DIR;
export const POPULATION_SERVICE = 'motlan.population.v1.PopulationService';

export interface AdapterEnvOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  schema: string;
  npdbUrl: string;
  /** Further settings, e.g. SNAPSHOT_FRESH_FOR_MS. */
  extra?: Record<string, string>;
}

/** The service's environment, with the change feed off and logs at warn. */
export function adapterEnv(options: AdapterEnvOptions): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    POPULATION_ADAPTER_SCHEMA: options.schema,
    NPDB_URL: options.npdbUrl,
    CHANGE_FEED_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
    ...options.extra,
  };
}

export interface RunningAdapter {
  process: ServiceProcess;
  httpUrl: string;
  grpcTarget: string;
}

/**
 * Starts the adapter on free ports and waits for GET /ready (HTTPS: it serves mutual TLS with the
 * development certificates, so `client` — default `bench-client` — must exist); its migrations
 * run on start.
 */
export async function startAdapter(
  options: AdapterEnvOptions & { logFile?: string; client?: TlsFiles; nodeArgs?: string[] },
): Promise<RunningAdapter> {
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const adapter = startService({
    name: 'adapter',
    entry: `${ADAPTER_DIR}/src/main.ts`,
    env: { ...adapterEnv(options), HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort) },
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
  const httpUrl = `https://127.0.0.1:${httpPort}`;
  try {
    await waitForHttpOk(
      adapter,
      `${httpUrl}/ready`,
      120_000,
      readTlsFiles(options.client ?? devTlsFiles('bench-client')),
    );
  } catch (error) {
    await adapter.stop();
    throw error;
  }
  return { process: adapter, httpUrl, grpcTarget: `127.0.0.1:${grpcPort}` };
}

/** Starts the bulk sync CLI (it exits when done); its progress lines are echoed. */
export function startBulkSync(
  options: AdapterEnvOptions & { pageSize: number; inFlight: number; logFile?: string; nodeArgs?: string[] },
): ServiceProcess {
  const service: ServiceOptions = {
    name: 'sync',
    entry: `${ADAPTER_DIR}/src/sync-cli.ts`,
    args: ['--page-size', String(options.pageSize), '--in-flight', String(options.inFlight)],
    env: adapterEnv(options),
    echo: () => true,
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  };
  return startService(service);
}
