/**
 * The processes `pnpm start` runs, in start order. Add a service here when it exists: its
 * entry point, its environment, and the URLs to print for a newcomer.
 */
export interface ServiceProcess {
  name: string;
  /** Script run with tsx, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Printed once the service is up. */
  urls: Record<string, string>;
  /** HTTP URL answering 200 once the service is ready. */
  readyUrl?: string;
}

export const Ports = {
  nationalPopulationDb: 7037,
  populationAdapterHttp: 7100,
  populationAdapterGrpc: 7101,
  factRegistryHttp: 7200,
  factRegistryGrpc: 7201,
  oneStopHttp: 7300,
  oneStopGrpc: 7301,
} as const;

export const services: ServiceProcess[] = [
  {
    name: 'national-population-db (simulator)',
    entry: 'infra/simulators/national-population-db/src/main.ts',
    env: { NPDB_HTTP_PORT: String(Ports.nationalPopulationDb) },
    urls: {
      API: `http://127.0.0.1:${Ports.nationalPopulationDb}/docs`,
      'fault knobs': `http://127.0.0.1:${Ports.nationalPopulationDb}/admin/faults`,
    },
    readyUrl: `http://127.0.0.1:${Ports.nationalPopulationDb}/health`,
  },
  {
    name: 'population-adapter',
    entry: 'services/population-adapter/src/main.ts',
    env: {
      HTTP_PORT: String(Ports.populationAdapterHttp),
      GRPC_PORT: String(Ports.populationAdapterGrpc),
      NPDB_URL: `http://127.0.0.1:${Ports.nationalPopulationDb}`,
    },
    urls: {
      'REST + Swagger UI': `https://127.0.0.1:${Ports.populationAdapterHttp}/docs`,
      gRPC: `127.0.0.1:${Ports.populationAdapterGrpc} (mTLS, reflection on)`,
      metrics: `https://127.0.0.1:${Ports.populationAdapterHttp}/metrics`,
    },
    readyUrl: `https://127.0.0.1:${Ports.populationAdapterHttp}/ready`,
  },
  {
    name: 'fact-registry',
    entry: 'services/fact-registry/src/main.ts',
    env: { HTTP_PORT: String(Ports.factRegistryHttp), GRPC_PORT: String(Ports.factRegistryGrpc) },
    urls: {
      'REST + Swagger UI': `https://127.0.0.1:${Ports.factRegistryHttp}/docs`,
      gRPC: `127.0.0.1:${Ports.factRegistryGrpc} (mTLS, reflection on)`,
      metrics: `https://127.0.0.1:${Ports.factRegistryHttp}/metrics`,
    },
    readyUrl: `https://127.0.0.1:${Ports.factRegistryHttp}/ready`,
  },
  {
    name: 'one-stop',
    entry: 'services/one-stop/src/main.ts',
    env: {
      HTTP_PORT: String(Ports.oneStopHttp),
      GRPC_PORT: String(Ports.oneStopGrpc),
      POPULATION_ADAPTER_GRPC: `127.0.0.1:${Ports.populationAdapterGrpc}`,
      FACT_REGISTRY_GRPC: `127.0.0.1:${Ports.factRegistryGrpc}`,
    },
    urls: {
      'REST + Swagger UI': `https://127.0.0.1:${Ports.oneStopHttp}/docs`,
      procedures: `https://127.0.0.1:${Ports.oneStopHttp}/v1/procedures`,
      gRPC: `127.0.0.1:${Ports.oneStopGrpc} (mTLS, reflection on)`,
      'the once-only demo': 'pnpm --filter @motlan/one-stop demo',
    },
    readyUrl: `https://127.0.0.1:${Ports.oneStopHttp}/ready`,
  },
];

/** One-shot work `pnpm start` runs once the services are up (in the background). */
export interface StartupJob {
  name: string;
  entry: string;
  args: string[];
  env: Record<string, string>;
}

export const jobs: StartupJob[] = [
  {
    name: 'initial sync',
    entry: 'services/population-adapter/src/sync-cli.ts',
    args: ['--if-never-run'],
    env: { NPDB_URL: `http://127.0.0.1:${Ports.nationalPopulationDb}` },
  },
];
