/**
 * THE list of the mesh's processes. `pnpm start` (infra/dev/start.ts), the testkit's mesh and the
 * benches all start services from here: a new service is one entry.
 */
import type { MeshJob, MeshService } from './mesh-service.ts';

const nationalPopulationDb: MeshService = {
  name: 'national-population-db',
  label: 'national-population-db (simulator)',
  kind: 'simulator',
  program: { folder: 'infra/simulators/national-population-db', entry: 'src/main.ts' },
  devPorts: { http: 7037 },
  tls: false,
  readyPath: '/health',
  schemaVariable: 'NPDB_SCHEMA',
  dependsOn: [],
  env: (mesh) => ({
    NPDB_HTTP_PORT: String(mesh.port('national-population-db')),
    ...(mesh.settings.seedPeople === undefined ? {} : { NPDB_SEED_PEOPLE: String(mesh.settings.seedPeople) }),
    ...(mesh.changeFeeds ? {} : { NPDB_CHANGE_INTERVAL_MS: '0' }),
  }),
  urls: (mesh) => ({
    API: `${mesh.baseUrl('national-population-db')}/docs`,
    'fault knobs': `${mesh.baseUrl('national-population-db')}/admin/faults`,
  }),
};

const militaryPersonnelDb: MeshService = {
  name: 'military-personnel-db',
  label: 'military-personnel-db (simulator)',
  kind: 'simulator',
  program: { folder: 'infra/simulators/military-personnel-db', entry: 'src/main.ts' },
  devPorts: { http: 7038 },
  tls: false,
  readyPath: '/ready',
  schemaVariable: 'MPDB_SCHEMA',
  // Seeded from the population simulator's citizens.
  dependsOn: ['national-population-db'],
  env: (mesh) => {
    const populationSchema = mesh.schemaOf('national-population-db');
    return {
      MPDB_HTTP_PORT: String(mesh.port('military-personnel-db')),
      ...(populationSchema ? { NPDB_SCHEMA: populationSchema } : {}),
      // Tell us once: it follows its registrants' changes through the registry's gRPC stream
      // (starting before the registry, it retries until the registry answers); not in a mesh
      // without a registry (a bench of the simulator and its adapter alone).
      ...(mesh.settings.ports['fact-registry']
        ? { MPDB_NOTIFICATIONS_ADDRESS: mesh.grpcTarget('fact-registry') }
        : {}),
      ...(mesh.changeFeeds ? {} : { MPDB_CHANGE_INTERVAL_MS: '0' }),
    };
  },
  urls: (mesh) => ({
    API: `${mesh.baseUrl('military-personnel-db')}/docs`,
    'fault knobs': `${mesh.baseUrl('military-personnel-db')}/admin/faults`,
  }),
};

const populationAdapter: MeshService = {
  name: 'population-adapter',
  label: 'population-adapter',
  kind: 'service',
  program: { folder: 'services/population-adapter', entry: 'src/main.ts' },
  devPorts: { http: 7100, grpc: 7101 },
  tls: true,
  readyPath: '/ready',
  schemaVariable: 'POPULATION_ADAPTER_SCHEMA',
  dependsOn: ['national-population-db'],
  env: (mesh) => ({
    HTTP_PORT: String(mesh.port('population-adapter')),
    GRPC_PORT: String(mesh.port('population-adapter', 'grpc')),
    NPDB_URL: mesh.baseUrl('national-population-db'),
    ...(mesh.changeFeeds ? {} : { CHANGE_FEED_INTERVAL_MS: '0' }),
  }),
  urls: (mesh) => ({
    'REST + Swagger UI': `${mesh.baseUrl('population-adapter')}/docs`,
    gRPC: `${mesh.grpcTarget('population-adapter')} (mTLS, reflection on)`,
    metrics: `${mesh.baseUrl('population-adapter')}/metrics`,
  }),
};

const militaryPersonnelAdapter: MeshService = {
  name: 'military-personnel-adapter',
  label: 'military-personnel-adapter',
  kind: 'service',
  program: { folder: 'services/military-personnel-adapter', entry: 'src/main.ts' },
  devPorts: { http: 7400, grpc: 7401 },
  tls: true,
  readyPath: '/ready',
  schemaVariable: 'MILITARY_ADAPTER_SCHEMA',
  dependsOn: ['military-personnel-db'],
  env: (mesh) => ({
    HTTP_PORT: String(mesh.port('military-personnel-adapter')),
    GRPC_PORT: String(mesh.port('military-personnel-adapter', 'grpc')),
    MPDB_URL: mesh.baseUrl('military-personnel-db'),
    ...(mesh.changeFeeds ? {} : { CHANGE_FEED_INTERVAL_MS: '0' }),
  }),
  urls: (mesh) => ({
    'REST + Swagger UI': `${mesh.baseUrl('military-personnel-adapter')}/docs`,
    gRPC: `${mesh.grpcTarget('military-personnel-adapter')} (mTLS, reflection on)`,
    metrics: `${mesh.baseUrl('military-personnel-adapter')}/metrics`,
  }),
};

const factRegistry: MeshService = {
  name: 'fact-registry',
  label: 'fact-registry',
  kind: 'service',
  program: { folder: 'services/fact-registry', entry: 'src/main.ts' },
  devPorts: { http: 7200, grpc: 7201 },
  tls: true,
  readyPath: '/ready',
  schemaVariable: 'FACT_REGISTRY_SCHEMA',
  dependsOn: [],
  env: (mesh) => ({
    HTTP_PORT: String(mesh.port('fact-registry')),
    GRPC_PORT: String(mesh.port('fact-registry', 'grpc')),
    // Under the topic prefix, where the declared ACLs put the registry's groups (topic-access.ts).
    ...(mesh.settings.topicPrefix
      ? { FACT_REGISTRY_GROUP: `${mesh.settings.topicPrefix}fact-registry` }
      : {}),
  }),
  urls: (mesh) => ({
    'REST + Swagger UI': `${mesh.baseUrl('fact-registry')}/docs`,
    gRPC: `${mesh.grpcTarget('fact-registry')} (mTLS, reflection on)`,
    metrics: `${mesh.baseUrl('fact-registry')}/metrics`,
  }),
};

const oneStop: MeshService = {
  name: 'one-stop',
  label: 'one-stop',
  kind: 'service',
  program: { folder: 'services/one-stop', entry: 'src/main.ts' },
  devPorts: { http: 7300, grpc: 7301 },
  tls: true,
  readyPath: '/ready',
  schemaVariable: 'ONE_STOP_SCHEMA',
  dependsOn: ['population-adapter', 'fact-registry'],
  env: (mesh) => ({
    HTTP_PORT: String(mesh.port('one-stop')),
    GRPC_PORT: String(mesh.port('one-stop', 'grpc')),
    POPULATION_ADAPTER_GRPC: mesh.grpcTarget('population-adapter'),
    FACT_REGISTRY_GRPC: mesh.grpcTarget('fact-registry'),
  }),
  urls: (mesh) => ({
    'REST + Swagger UI': `${mesh.baseUrl('one-stop')}/docs`,
    procedures: `${mesh.baseUrl('one-stop')}/v1/procedures`,
    gRPC: `${mesh.grpcTarget('one-stop')} (mTLS, reflection on)`,
    'the once-only demo': 'pnpm --filter @motlan/one-stop demo',
  }),
};

// create-adapter: new services above this line (pnpm create-adapter inserts its entries here).

/** Every process of the mesh, in the order `pnpm start` lists them (start order follows `dependsOn`). */
export const meshServices: readonly MeshService[] = [
  nationalPopulationDb,
  militaryPersonnelDb,
  populationAdapter,
  militaryPersonnelAdapter,
  factRegistry,
  oneStop,
  // create-adapter: new list entries above this line.
];

/** One-shot work `pnpm start` runs once the services it needs are up (in the background). */
export const meshJobs: readonly MeshJob[] = [
  {
    name: 'initial sync',
    program: { folder: 'services/population-adapter', entry: 'src/sync-cli.ts', args: ['--if-never-run'] },
    after: ['national-population-db', 'population-adapter', 'fact-registry'],
    env: (mesh) => ({ NPDB_URL: mesh.baseUrl('national-population-db') }),
  },
  {
    name: 'initial military sync',
    program: {
      folder: 'services/military-personnel-adapter',
      entry: 'src/sync-cli.ts',
      args: ['--if-never-run'],
    },
    after: ['military-personnel-db', 'military-personnel-adapter', 'fact-registry'],
    env: (mesh) => ({ MPDB_URL: mesh.baseUrl('military-personnel-db') }),
  },
  // create-adapter: new jobs above this line.
];
