/**
 * THE list of the mesh's processes. `pnpm start` (infra/dev/start.ts), the testkit's mesh and the
 * benches all start services from here: a new service is one entry.
 */
import { randomBytes } from 'node:crypto';
import type { MeshContext, MeshJob, MeshService } from './mesh-service.ts';

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

let devOperatorToken: string | undefined;
/**
 * The operator token of this `pnpm start` (random, one per process): the console's environment
 * gets it as operator `operator`, and its printed URL carries it in the fragment to sign in.
 */
function operatorToken(): string {
  return (devOperatorToken ??= randomBytes(24).toString('base64url'));
}

/** The services of this mesh among `names` (those its settings give ports). */
const present = (mesh: MeshContext, names: readonly string[]) =>
  names.filter((name) => mesh.settings.ports[name] !== undefined);

const opsConsole: MeshService = {
  name: 'ops-console',
  label: "ops-console (operators' web console)",
  kind: 'service',
  program: { folder: 'services/ops-console', entry: 'src/main.ts' },
  devPorts: { http: 7500 },
  tls: true,
  readyPath: '/ready',
  schemaVariable: 'OPS_CONSOLE_SCHEMA',
  // It reads their breakers, quarantine and discrepancy counts; Kafka and PostgreSQL directly.
  dependsOn: ['population-adapter', 'military-personnel-adapter', 'fact-registry'],
  env: (mesh) => {
    const registrySchema = mesh.schemaOf('fact-registry');
    const audited = present(mesh, [
      'fact-registry',
      'population-adapter',
      'military-personnel-adapter',
      'one-stop',
    ])
      .map((name) => mesh.schemaOf(name))
      .filter((schema): schema is string => schema !== undefined);
    return {
      HTTP_PORT: String(mesh.port('ops-console')),
      OPS_CONSOLE_OPERATOR_TOKENS: `operator:${operatorToken()}`,
      OPS_CONSOLE_ADAPTERS: present(mesh, ['population-adapter', 'military-personnel-adapter'])
        .map((name) => `${name}=${mesh.baseUrl(name)}`)
        .join(','),
      ...(mesh.settings.ports['fact-registry'] ? { FACT_REGISTRY_URL: mesh.baseUrl('fact-registry') } : {}),
      ...(registrySchema ? { FACT_REGISTRY_SCHEMA: registrySchema } : {}),
      ...(mesh.schemaOf('one-stop') ? { ONE_STOP_SCHEMA: mesh.schemaOf('one-stop')! } : {}),
      // The services' own schemas when the settings name them (a test's mesh); else the defaults.
      ...(audited.length > 0 ? { OPS_CONSOLE_AUDIT_SCHEMAS: audited.join(',') } : {}),
    };
  },
  urls: (mesh) => ({
    "sign in (this run's operator token)": `${mesh.baseUrl('ops-console')}/sign-in#token=${operatorToken()}`,
    'JSON API': `${mesh.baseUrl('ops-console')}/docs`,
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
  opsConsole,
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
