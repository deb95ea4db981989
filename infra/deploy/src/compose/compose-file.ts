/**
 * The compose file (Compose Specification) for users with Docker: a three-broker KRaft cluster
 * (replication 3, min.insync.replicas 2, mutual TLS and ACLs as in infra/kafka), PostgreSQL, the
 * setup job (topics, ACLs, migrations), every workload of workloads.ts and the console. Made from
 * the same table as the Kubernetes manifests, so ports, environment and dependencies agree.
 *
 * Certificates are the development PKI's (infra/certs/generate.sh, plus `kafka-1..3` for the
 * brokers, whose host names they carry), given to each container as Compose secrets in /run/secrets.
 */
import { KAFKA_ADMIN_IDENTITY } from '@motlan/kafka';
import { KAFKA_MIN_INSYNC_REPLICAS, KAFKA_REPLICAS } from '../kubernetes/names.ts';
import { workloadNamed, workloads, type DeployContext, type Workload } from '../workloads.ts';

/** Kafka's image: the version infra/kafka runs (its pom.xml). */
export const KAFKA_IMAGE = 'apache/kafka:3.9.1';
export const POSTGRES_IMAGE = 'postgres:17-bookworm';
/** The brokers' host names (and certificate names). */
export const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3'] as const;
const BROKER_PORT = 9092;
const CONTROLLER_PORT = 9093;
/** A fixed KRaft cluster id: the volumes are formatted once with it. */
const CLUSTER_ID = 'oNl5g6DkSbezviDTgdFRYA';
const SECRETS_DIR = '/run/secrets';
/** Relative to the compose file (infra/deploy/compose/). */
const CERTS = '../../certs/.certs';
const BUILD_CONTEXT = '../../..';
const DOCKERFILE = 'infra/deploy/docker/Dockerfile';
/** The setup job's folder and entry in the image (src/setup-cli.ts, built). */
export const SETUP_PROGRAM = { folder: 'infra/deploy', entry: 'dist/setup-cli.js' } as const;
const DATABASE_URL = 'postgres://motlan:${MOTLAN_DB_PASSWORD:?set MOTLAN_DB_PASSWORD}@postgres:5432/motlan';

const composeContext: DeployContext = {
  kafkaBootstrap: BROKERS.map((broker) => `${broker}:${BROKER_PORT}`).join(','),
  baseUrl: (name) => {
    const target = workloadNamed(name);
    return `${target.tls ? 'https' : 'http'}://${name}:${target.ports.http}`;
  },
  grpcTarget: (name) => `${name}:${workloadNamed(name).ports.grpc}`,
};

/** The three files of one identity of the development PKI. */
function certificateSecrets(identity: string): string[] {
  return [`${identity}.pem`, `${identity}-key.pem`];
}

function healthcheck(test: string[], startPeriod = '60s'): Record<string, unknown> {
  return { test, interval: '10s', timeout: '5s', retries: 6, start_period: startPeriod };
}

function broker(name: string, index: number): Record<string, unknown> {
  const keystore = '/tmp/keystore.pem';
  const clientProperties = '/tmp/client.properties';
  // The PEM keystore is the key and certificate in one file (as infra/kafka/start.sh makes it);
  // the client properties let the health check talk to the broker as the broker itself.
  const prepare = [
    `cat ${SECRETS_DIR}/${name}-key.pem ${SECRETS_DIR}/${name}.pem > ${keystore}`,
    `printf 'security.protocol=SSL\\nssl.keystore.type=PEM\\nssl.keystore.location=${keystore}\\nssl.truststore.type=PEM\\nssl.truststore.location=${SECRETS_DIR}/ca.pem\\n' > ${clientProperties}`,
    'exec /etc/kafka/docker/run',
  ].join(' && ');
  return {
    image: KAFKA_IMAGE,
    hostname: name,
    command: ['sh', '-c', prepare],
    environment: {
      CLUSTER_ID,
      KAFKA_NODE_ID: String(index + 1),
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: BROKERS.map((b, i) => `${i + 1}@${b}:${CONTROLLER_PORT}`).join(','),
      KAFKA_LISTENERS: `CLIENT://:${BROKER_PORT},CONTROLLER://:${CONTROLLER_PORT}`,
      KAFKA_ADVERTISED_LISTENERS: `CLIENT://${name}:${BROKER_PORT}`,
      // Both listeners TLS with client certificates, as the local broker (server.properties.template).
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CLIENT:SSL,CONTROLLER:SSL',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'CLIENT',
      KAFKA_SSL_CLIENT_AUTH: 'required',
      KAFKA_SSL_KEYSTORE_TYPE: 'PEM',
      KAFKA_SSL_KEYSTORE_LOCATION: keystore,
      KAFKA_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_SSL_TRUSTSTORE_LOCATION: `${SECRETS_DIR}/ca.pem`,
      // `$$`: a literal `$` for Compose, which interpolates `$`.
      KAFKA_SSL_PRINCIPAL_MAPPING_RULES: 'RULE:^CN=([^,]+),O=Motlan$$/$$1/,DEFAULT',
      KAFKA_AUTHORIZER_CLASS_NAME: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false',
      KAFKA_SUPER_USERS: [...BROKERS, KAFKA_ADMIN_IDENTITY].map((user) => `User:${user}`).join(';'),
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_DEFAULT_REPLICATION_FACTOR: String(KAFKA_REPLICAS),
      KAFKA_MIN_INSYNC_REPLICAS: String(KAFKA_MIN_INSYNC_REPLICAS),
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: String(KAFKA_REPLICAS),
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: String(KAFKA_REPLICAS),
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: String(KAFKA_MIN_INSYNC_REPLICAS),
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_LOG_DIRS: '/var/lib/kafka/data',
    },
    volumes: [`${name}-data:/var/lib/kafka/data`],
    secrets: ['ca.pem', ...certificateSecrets(name)],
    healthcheck: healthcheck([
      'CMD-SHELL',
      `/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server ${name}:${BROKER_PORT} --command-config ${clientProperties} > /dev/null`,
    ]),
    restart: 'unless-stopped',
  };
}

function postgres(): Record<string, unknown> {
  return {
    image: POSTGRES_IMAGE,
    hostname: 'postgres',
    environment: {
      POSTGRES_USER: 'motlan',
      POSTGRES_DB: 'motlan',
      POSTGRES_PASSWORD: '${MOTLAN_DB_PASSWORD:?set MOTLAN_DB_PASSWORD}',
    },
    volumes: ['postgres-data:/var/lib/postgresql/data'],
    healthcheck: healthcheck(['CMD', 'pg_isready', '-U', 'motlan', '-d', 'motlan'], '30s'),
    restart: 'unless-stopped',
  };
}

function build(folder: string, entry: string, healthUrl?: string): Record<string, unknown> {
  return {
    context: BUILD_CONTEXT,
    dockerfile: DOCKERFILE,
    args: { SERVICE: folder, ENTRY: entry, ...(healthUrl ? { HEALTH_URL: healthUrl } : {}) },
  };
}

const brokersHealthy = Object.fromEntries(BROKERS.map((name) => [name, { condition: 'service_healthy' }]));

/** Topics and ACLs (as kafka-admin) and every schema's migrations, once, before the services. */
function setup(): Record<string, unknown> {
  return {
    image: 'motlan/setup:dev',
    build: build(SETUP_PROGRAM.folder, SETUP_PROGRAM.entry),
    command: ['--topics', '--migrations'],
    environment: {
      KAFKA_BROKERS: composeContext.kafkaBootstrap,
      KAFKA_SSL_CERT_DIR: SECRETS_DIR,
      DATABASE_URL,
    },
    secrets: ['ca.pem', ...certificateSecrets(KAFKA_ADMIN_IDENTITY)],
    depends_on: { ...brokersHealthy, postgres: { condition: 'service_healthy' } },
    // A job, not a server: the image's health check has nothing to ask it.
    healthcheck: { disable: true },
    restart: 'no',
  };
}

function readyUrl(workload: Workload): string {
  return `${workload.tls ? 'https' : 'http'}://127.0.0.1:${workload.ports.http}${workload.readyPath}`;
}

function workloadService(workload: Workload): Record<string, unknown> {
  const identities = new Set([workload.name, ...(workload.kafkaIdentity ? [workload.kafkaIdentity] : [])]);
  const upstreams: Record<string, string> = {
    NPDB_URL: composeContext.baseUrl('national-population-db'),
    MPDB_URL: composeContext.baseUrl('military-personnel-db'),
  };
  const ports = [
    `127.0.0.1:${workload.ports.http}:${workload.ports.http}`,
    ...(workload.ports.grpc === undefined ? [] : [`127.0.0.1:${workload.ports.grpc}:${workload.ports.grpc}`]),
  ];
  return {
    image: `motlan/${workload.name}:dev`,
    build: build(workload.folder, 'dist/main.js', readyUrl(workload)),
    hostname: workload.name,
    environment: {
      LOG_LEVEL: 'info',
      [workload.portVariables.http]: String(workload.ports.http),
      ...(workload.ports.grpc !== undefined && workload.portVariables.grpc
        ? { [workload.portVariables.grpc]: String(workload.ports.grpc) }
        : {}),
      [workload.schema.variable]: workload.schema.name,
      MTLS_CERT_DIR: SECRETS_DIR,
      DATABASE_URL,
      ...(workload.kafkaIdentity
        ? { KAFKA_BROKERS: composeContext.kafkaBootstrap, KAFKA_SSL_CERT_DIR: SECRETS_DIR }
        : {}),
      ...Object.fromEntries(workload.upstreamVariables.map((name) => [name, upstreams[name] ?? ''])),
      ...workload.env(composeContext),
    },
    ports,
    secrets: ['ca.pem', ...[...identities].flatMap(certificateSecrets)],
    depends_on: {
      setup: { condition: 'service_completed_successfully' },
      ...(workload.kafkaIdentity ? brokersHealthy : {}),
      ...Object.fromEntries(workload.calls.map((call) => [call.workload, { condition: 'service_healthy' }])),
    },
    healthcheck: healthcheck(['CMD', 'node', '/app/infra/deploy/docker/healthcheck.mjs']),
    read_only: true,
    tmpfs: ['/tmp'],
    security_opt: ['no-new-privileges:true'],
    cap_drop: ['ALL'],
    restart: 'unless-stopped',
  };
}

/** Every certificate file a container of the file mounts, as a Compose secret. */
function secretsOf(services: Record<string, Record<string, unknown>>): Record<string, { file: string }> {
  const names = new Set<string>();
  for (const service of Object.values(services)) {
    for (const name of (service['secrets'] as string[] | undefined) ?? []) names.add(name);
  }
  return Object.fromEntries([...names].sort().map((name) => [name, { file: `${CERTS}/${name}` }]));
}

export function composeFile(): Record<string, unknown> {
  const services: Record<string, Record<string, unknown>> = {
    ...Object.fromEntries(BROKERS.map((name, index) => [name, broker(name, index)])),
    postgres: postgres(),
    setup: setup(),
    ...Object.fromEntries(workloads.map((workload) => [workload.name, workloadService(workload)])),
  };
  return {
    name: 'motlan',
    services,
    volumes: Object.fromEntries(
      [...BROKERS.map((name) => `${name}-data`), 'postgres-data'].map((v) => [v, {}]),
    ),
    secrets: secretsOf(services),
  };
}
