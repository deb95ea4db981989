/** The one-stop shop (services/one-stop) as a bench fixture: the service on free ports with a fresh schema. */
import { freePort, startService, waitForHttpOk, type ServiceProcess } from './service-process.ts';
import { devTlsFiles, readTlsFiles, type TlsFiles } from './tls.ts';

export interface OneStopOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  schema: string;
  /** The mesh it prefills from (host:port). */
  populationAdapterGrpc: string;
  factRegistryGrpc: string;
  /** KAFKA_TOPIC_PREFIX: dossier.events.v1 and citizen.facts.v1 under it must exist. */
  topicPrefix?: string;
  /** Further settings, e.g. DATABASE_POOL_SIZE. */
  extra?: Record<string, string>;
  logFile?: string;
  nodeArgs?: string[];
  /** The certificate /ready is asked with (default bench-client). */
  client?: TlsFiles;
}

export interface RunningOneStop {
  process: ServiceProcess;
  /** https://127.0.0.1:<port> (mutual TLS with the development certificates). */
  httpUrl: string;
  grpcTarget: string;
  schema: string;
}

/** Starts the service, logs at warn, and waits for GET /ready; its migrations run on start. */
export async function startOneStop(options: OneStopOptions): Promise<RunningOneStop> {
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const oneStop = startService({
    name: 'one-stop',
    entry: 'services/one-stop/src/main.ts',
    env: {
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: options.kafkaBrokers,
      ONE_STOP_SCHEMA: options.schema,
      HTTP_PORT: String(httpPort),
      GRPC_PORT: String(grpcPort),
      POPULATION_ADAPTER_GRPC: options.populationAdapterGrpc,
      FACT_REGISTRY_GRPC: options.factRegistryGrpc,
      LOG_LEVEL: 'warn',
      ...(options.topicPrefix ? { KAFKA_TOPIC_PREFIX: options.topicPrefix } : {}),
      ...options.extra,
    },
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
  const httpUrl = `https://127.0.0.1:${httpPort}`;
  try {
    await waitForHttpOk(
      oneStop,
      `${httpUrl}/ready`,
      120_000,
      readTlsFiles(options.client ?? devTlsFiles('bench-client')),
    );
  } catch (error) {
    await oneStop.stop();
    throw error;
  }
  return { process: oneStop, httpUrl, grpcTarget: `127.0.0.1:${grpcPort}`, schema: options.schema };
}
