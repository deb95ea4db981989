/**
 * What runs where when Motlan is deployed: one entry per container the compose file and the
 * Kubernetes manifests start. Ports, readiness and folders are those of @motlan/mesh's list
 * (packages/mesh/src/services.ts; test/workloads.test.ts holds them equal); this file adds what
 * only a deployment needs: the Kafka identity, who calls whom (the NetworkPolicies), replicas and
 * resources, and the environment in a cluster, where every service has its own host name.
 */

/** How a workload reaches its neighbours in a cluster or a compose project. */
export interface DeployContext {
  /** host:port of the Kafka bootstrap (mutual TLS). */
  kafkaBootstrap: string;
  /** `http://` or `https://` base URL of another workload (its HTTP port). */
  baseUrl(name: WorkloadName): string;
  /** host:port of another workload's gRPC port. */
  grpcTarget(name: WorkloadName): string;
}

export interface Workload {
  /** Host name, image name, Kubernetes name and mutual-TLS certificate name (CN). */
  readonly name: WorkloadName;
  /** `service`: deployed everywhere; `simulator`: a stand-in for an upstream, development only. */
  readonly kind: 'service' | 'simulator';
  /** Repository folder; the image runs `node <folder>/dist/main.js` (its build). */
  readonly folder: string;
  /** Ports it listens on (container ports, the same as the development ports). */
  readonly ports: { readonly http: number; readonly grpc?: number };
  /** The variables that set those ports (a simulator has its own name for it). */
  readonly portVariables: { readonly http: string; readonly grpc?: string };
  /** Its HTTP port serves TLS (https). */
  readonly tls: boolean;
  /** Answers 200 once it can serve (readiness); `/health` answers while the process lives. */
  readonly readyPath: string;
  /** Its Kafka principal (a key of KafkaGrants, packages/kafka/src/topic-access.ts); none: no Kafka. */
  readonly kafkaIdentity?: string;
  /** The variable naming its PostgreSQL schema, and the schema the deployment gives it. */
  readonly schema: { readonly variable: string; readonly name: string };
  /** Migration folders (repository-relative) the setup job applies to `schema`, in order. */
  readonly migrations: readonly string[];
  /** Workloads it calls and on which port (the architecture's flows; NetworkPolicy egress). */
  readonly calls: readonly { readonly workload: WorkloadName; readonly port: 'http' | 'grpc' }[];
  /** Calls it makes over HTTPS to upstreams outside the cluster (an adapter's source database). */
  readonly callsUpstream: boolean;
  /** Who outside the mesh calls it: API clients (back-offices, portals) or operators only. */
  readonly audience: 'api-clients' | 'operators' | 'mesh';
  /** Pods: the least (also the PodDisruptionBudget's `minAvailable` + 1) and the most (HPA). */
  readonly replicas: { readonly min: number; readonly max: number };
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
  /** Its own variables in a deployment (upstream URLs come from the `motlan-upstreams` ConfigMap). */
  readonly env: (context: DeployContext) => Record<string, string>;
  /** Variables whose value is an upstream's address, taken from the `motlan-upstreams` ConfigMap. */
  readonly upstreamVariables: readonly string[];
  /**
   * Variables holding an upstream's credentials, taken from the `motlan-upstream-credentials`
   * Secret when it has them (development falls back to the simulators' defaults).
   */
  readonly upstreamSecrets: readonly string[];
}

/** The audit trail's migrations (@motlan/access), which every service applies first. */
const ACCESS = 'packages/access/migrations';
/** What every source adapter keeps (@motlan/adapter-kit: snapshots, cursors, quarantine). */
const ADAPTER_KIT = 'packages/adapter-kit/migrations';

const SMALL = { requests: { cpu: '100m', memory: '192Mi' }, limits: { memory: '384Mi' } } as const;
const MEDIUM = { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } as const;

/** The names of the workloads below. */
export type WorkloadName =
  | 'national-population-db'
  | 'military-personnel-db'
  | 'population-adapter'
  | 'military-personnel-adapter'
  | 'fact-registry'
  | 'one-stop'
  | 'ops-console';

/** Every workload, simulators first (the order of the mesh's list, then the console). */
export const workloads: readonly Workload[] = [
  {
    name: 'national-population-db',
    kind: 'simulator',
    folder: 'infra/simulators/national-population-db',
    ports: { http: 7037 },
    portVariables: { http: 'NPDB_HTTP_PORT' },
    tls: false,
    readyPath: '/health',
    schema: { variable: 'NPDB_SCHEMA', name: 'npdb' },
    // The simulator migrates its own schema when it starts (simulator-kit openSchema).
    migrations: [],
    calls: [],
    callsUpstream: false,
    audience: 'mesh',
    replicas: { min: 1, max: 1 },
    resources: SMALL,
    env: () => ({}),
    upstreamVariables: [],
    upstreamSecrets: [],
  },
  {
    name: 'military-personnel-db',
    kind: 'simulator',
    folder: 'infra/simulators/military-personnel-db',
    ports: { http: 7038 },
    portVariables: { http: 'MPDB_HTTP_PORT' },
    tls: false,
    readyPath: '/ready',
    schema: { variable: 'MPDB_SCHEMA', name: 'mpdb' },
    migrations: [],
    // Tell us once: it follows its registrants through the registry's gRPC notification stream.
    calls: [{ workload: 'fact-registry', port: 'grpc' }],
    callsUpstream: false,
    audience: 'mesh',
    replicas: { min: 1, max: 1 },
    resources: SMALL,
    env: (context) => ({ MPDB_NOTIFICATIONS_ADDRESS: context.grpcTarget('fact-registry') }),
    upstreamVariables: [],
    upstreamSecrets: [],
  },
  {
    name: 'population-adapter',
    kind: 'service',
    folder: 'services/population-adapter',
    ports: { http: 7100, grpc: 7101 },
    portVariables: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    tls: true,
    readyPath: '/ready',
    kafkaIdentity: 'population-adapter',
    schema: { variable: 'POPULATION_ADAPTER_SCHEMA', name: 'population_adapter' },
    migrations: [ACCESS, ADAPTER_KIT],
    calls: [{ workload: 'national-population-db', port: 'http' }],
    callsUpstream: true,
    audience: 'api-clients',
    replicas: { min: 2, max: 6 },
    resources: MEDIUM,
    env: () => ({}),
    upstreamVariables: ['NPDB_URL'],
    upstreamSecrets: ['NPDB_API_KEY_ID', 'NPDB_API_SECRET'],
  },
  {
    name: 'military-personnel-adapter',
    kind: 'service',
    folder: 'services/military-personnel-adapter',
    ports: { http: 7400, grpc: 7401 },
    portVariables: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    tls: true,
    readyPath: '/ready',
    kafkaIdentity: 'military-personnel-adapter',
    schema: { variable: 'MILITARY_ADAPTER_SCHEMA', name: 'military_personnel_adapter' },
    migrations: [ACCESS, ADAPTER_KIT],
    calls: [{ workload: 'military-personnel-db', port: 'http' }],
    callsUpstream: true,
    audience: 'api-clients',
    replicas: { min: 2, max: 4 },
    resources: MEDIUM,
    env: () => ({}),
    upstreamVariables: ['MPDB_URL'],
    upstreamSecrets: ['MPDB_CLIENT_ID', 'MPDB_CLIENT_SECRET'],
  },
  {
    name: 'fact-registry',
    kind: 'service',
    folder: 'services/fact-registry',
    ports: { http: 7200, grpc: 7201 },
    portVariables: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    tls: true,
    readyPath: '/ready',
    kafkaIdentity: 'fact-registry',
    schema: { variable: 'FACT_REGISTRY_SCHEMA', name: 'fact_registry' },
    migrations: [ACCESS, 'services/fact-registry/migrations'],
    calls: [],
    callsUpstream: false,
    audience: 'api-clients',
    // citizen.facts.v1 has 12 partitions: more consumers than that would idle.
    replicas: { min: 2, max: 12 },
    resources: { requests: { cpu: '500m', memory: '384Mi' }, limits: { memory: '768Mi' } },
    env: () => ({}),
    upstreamVariables: [],
    upstreamSecrets: [],
  },
  {
    name: 'one-stop',
    kind: 'service',
    folder: 'services/one-stop',
    ports: { http: 7300, grpc: 7301 },
    portVariables: { http: 'HTTP_PORT', grpc: 'GRPC_PORT' },
    tls: true,
    readyPath: '/ready',
    kafkaIdentity: 'one-stop',
    schema: { variable: 'ONE_STOP_SCHEMA', name: 'one_stop' },
    migrations: [ACCESS, 'services/one-stop/migrations'],
    calls: [
      { workload: 'population-adapter', port: 'grpc' },
      { workload: 'fact-registry', port: 'grpc' },
    ],
    callsUpstream: false,
    audience: 'api-clients',
    replicas: { min: 2, max: 8 },
    resources: MEDIUM,
    env: (context) => ({
      POPULATION_ADAPTER_GRPC: context.grpcTarget('population-adapter'),
      FACT_REGISTRY_GRPC: context.grpcTarget('fact-registry'),
    }),
    upstreamVariables: [],
    upstreamSecrets: [],
  },
  {
    // The operators' console (services/ops-console): decodes topics, shows lag and dead letters,
    // lineage; it acts on Kafka under its own identity (the operators' rights) and signs operators
    // in by their mutual-TLS certificate (OPS_CONSOLE_OPERATOR_CERTS) over HTTPS.
    name: 'ops-console',
    kind: 'service',
    folder: 'services/ops-console',
    ports: { http: 7500 },
    portVariables: { http: 'HTTP_PORT' },
    tls: true,
    readyPath: '/ready',
    kafkaIdentity: 'ops-console',
    schema: { variable: 'OPS_CONSOLE_SCHEMA', name: 'ops_console' },
    migrations: [],
    // It shows each service's readiness and metrics.
    calls: [
      { workload: 'population-adapter', port: 'http' },
      { workload: 'military-personnel-adapter', port: 'http' },
      { workload: 'fact-registry', port: 'http' },
      { workload: 'one-stop', port: 'http' },
    ],
    callsUpstream: false,
    audience: 'operators',
    replicas: { min: 1, max: 2 },
    resources: SMALL,
    env: (context) => ({
      OPS_CONSOLE_ADAPTERS: ['population-adapter', 'military-personnel-adapter']
        .map((name) => `${name}=${context.baseUrl(name as WorkloadName)}`)
        .join(','),
      FACT_REGISTRY_URL: context.baseUrl('fact-registry'),
    }),
    upstreamVariables: [],
    upstreamSecrets: [],
  },
];

/** The workloads of every environment (simulators are for development only). */
export const services: readonly Workload[] = workloads.filter((workload) => workload.kind === 'service');
export const simulators: readonly Workload[] = workloads.filter((workload) => workload.kind === 'simulator');

/** The workload of that name; throws on a name not in the list (a typo in a generator). */
export function workloadNamed(name: string): Workload {
  const found = workloads.find((workload) => workload.name === name);
  if (!found) throw new Error(`No workload "${name}" (known: ${workloads.map((w) => w.name).join(', ')})`);
  return found;
}
