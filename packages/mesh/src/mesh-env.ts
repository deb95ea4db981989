import { MotlanError } from '@motlan/errors';
import { MeshErrors } from './errors.ts';
import { freePort } from './free-port.ts';
import type {
  MeshContext,
  MeshJob,
  MeshPorts,
  MeshService,
  MeshSettings,
  ServicePorts,
} from './mesh-service.ts';
import { meshServices } from './services.ts';

/** Every process of the mesh listens here. */
export const MESH_HOST = '127.0.0.1';

/** The service of that name in `services` (default: the mesh's list); MOTLAN_UNKNOWN_SERVICE otherwise. */
export function serviceNamed(name: string, services: readonly MeshService[] = meshServices): MeshService {
  const service = services.find((candidate) => candidate.name === name);
  if (!service) {
    throw new MotlanError(
      MeshErrors.unknownService,
      `No service "${name}" in the mesh (known: ${services.map((known) => known.name).join(', ')})`,
      { field: 'name' },
    );
  }
  return service;
}

/** The context `env` and `urls` derive from. */
export function meshContext(
  settings: MeshSettings,
  services: readonly MeshService[] = meshServices,
): MeshContext {
  const port = (name: string, kind: keyof ServicePorts = 'http'): number => {
    const assigned = settings.ports[name]?.[kind];
    if (assigned === undefined) {
      throw new MotlanError(MeshErrors.unknownService, `No ${kind} port given for service "${name}"`, {
        field: `ports.${name}.${kind}`,
      });
    }
    return assigned;
  };
  return {
    settings,
    port,
    baseUrl: (name) => `${serviceNamed(name, services).tls ? 'https' : 'http'}://${MESH_HOST}:${port(name)}`,
    grpcTarget: (name) => `${MESH_HOST}:${port(name, 'grpc')}`,
    schemaOf: (name) => settings.schemas?.[name],
    changeFeeds: settings.changeFeeds ?? true,
  };
}

/** What every process of a mesh shares: database, brokers, topic prefix, certificates, log level (those set). */
export function sharedEnv(settings: MeshSettings): Record<string, string> {
  const env: Record<string, string> = {};
  if (settings.databaseUrl !== undefined) env['DATABASE_URL'] = settings.databaseUrl;
  if (settings.kafkaBrokers !== undefined) env['KAFKA_BROKERS'] = settings.kafkaBrokers;
  if (settings.topicPrefix !== undefined) env['KAFKA_TOPIC_PREFIX'] = settings.topicPrefix;
  if (settings.certDir !== undefined) env['MTLS_CERT_DIR'] = settings.certDir;
  if (settings.logLevel !== undefined) env['LOG_LEVEL'] = settings.logLevel;
  return env;
}

/**
 * A service's own variables: derived from the ports and settings (`service.env`), its schema when
 * the settings give one, then the settings' `extraEnv` for it. Without the shared variables.
 */
export function ownEnv(
  service: MeshService,
  settings: MeshSettings,
  services: readonly MeshService[] = meshServices,
): Record<string, string> {
  const schema = settings.schemas?.[service.name];
  return {
    ...service.env(meshContext(settings, services)),
    ...(schema === undefined ? {} : { [service.schemaVariable]: schema }),
    ...settings.extraEnv?.[service.name],
  };
}

/** The whole environment a service of this mesh is started with (over the parent's): shared + own. */
export function serviceEnv(
  service: MeshService,
  settings: MeshSettings,
  services: readonly MeshService[] = meshServices,
): Record<string, string> {
  return { ...sharedEnv(settings), ...ownEnv(service, settings, services) };
}

/** A job's whole environment: shared + what it derives. */
export function jobEnv(
  job: MeshJob,
  settings: MeshSettings,
  services: readonly MeshService[] = meshServices,
): Record<string, string> {
  return { ...sharedEnv(settings), ...job.env(meshContext(settings, services)) };
}

/** The URL answering 200 once the service is ready. */
export function readyUrlOf(service: MeshService, settings: MeshSettings): string {
  const port = settings.ports[service.name]?.http;
  if (port === undefined) {
    throw new MotlanError(MeshErrors.unknownService, `No http port given for service "${service.name}"`, {
      field: `ports.${service.name}.http`,
    });
  }
  return `${service.tls ? 'https' : 'http'}://${MESH_HOST}:${port}${service.readyPath}`;
}

/** What `pnpm start` prints for a service once it is up. */
export function urlsOf(
  service: MeshService,
  settings: MeshSettings,
  services: readonly MeshService[] = meshServices,
): Record<string, string> {
  return service.urls(meshContext(settings, services));
}

/** The development ports of every service (`pnpm start`). */
export function devPorts(services: readonly MeshService[] = meshServices): MeshPorts {
  return Object.fromEntries(services.map((service) => [service.name, { ...service.devPorts }]));
}

/** Free ports for the named services (an HTTP port each, gRPC where the service has one). */
export async function freePorts(
  names: readonly string[],
  services: readonly MeshService[] = meshServices,
): Promise<MeshPorts> {
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, ServicePorts]> => {
      const service = serviceNamed(name, services);
      const [http, grpc] = await Promise.all([freePort(), service.devPorts.grpc ? freePort() : undefined]);
      return [name, grpc === undefined ? { http } : { http, grpc }];
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The named services in start waves: each wave's services depend only on earlier waves (those
 * of their dependencies that are among `names`), so a wave may start in parallel. Throws
 * MOTLAN_UNKNOWN_SERVICE for a name or dependency not in `services`, MOTLAN_SERVICE_ORDER_CYCLE
 * when the dependencies form a cycle.
 */
export function startWaves(
  names: readonly string[],
  services: readonly MeshService[] = meshServices,
): MeshService[][] {
  const chosen = names.map((name) => serviceNamed(name, services));
  for (const service of chosen)
    for (const dependency of service.dependsOn) serviceNamed(dependency, services);
  const waves: MeshService[][] = [];
  const placed = new Set<string>();
  let left = chosen;
  while (left.length > 0) {
    const wave = left.filter((service) =>
      service.dependsOn.every((dependency) => placed.has(dependency) || !names.includes(dependency)),
    );
    if (wave.length === 0) {
      throw new MotlanError(
        MeshErrors.startOrderCycle,
        `These services depend on each other in a cycle: ${left.map((service) => service.name).join(', ')}`,
      );
    }
    waves.push(wave);
    for (const service of wave) placed.add(service.name);
    left = left.filter((service) => !placed.has(service.name));
  }
  return waves;
}
