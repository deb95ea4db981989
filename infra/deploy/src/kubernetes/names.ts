/**
 * Every name the Kubernetes manifests share, in one place: the operators' resources (Strimzi's
 * Kafka, CloudNativePG's cluster), the Secrets and ConfigMaps the workloads mount, and labels.
 * The hand-written manifests under k8s/ use the same names (test/kubernetes.test.ts renders them
 * together and checks every reference resolves).
 */
import type { Workload } from '../workloads.ts';

/** Strimzi `Kafka` resource; its bootstrap Service is `<name>-kafka-bootstrap` (Strimzi's naming). */
export const KAFKA_CLUSTER = 'motlan-kafka';
/** The internal listener with mutual TLS (`authentication: tls`) the services use. */
export const KAFKA_TLS_PORT = 9093;
export const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:${KAFKA_TLS_PORT}`;
/** Strimzi's Secret with the cluster CA the brokers' certificates are signed by (`ca.crt`). */
export const KAFKA_CLUSTER_CA_SECRET = `${KAFKA_CLUSTER}-cluster-ca-cert`;
/** Topic replication and the least in-sync replicas a write with acks=all needs. */
export const KAFKA_REPLICAS = 3;
export const KAFKA_MIN_INSYNC_REPLICAS = 2;

/** CloudNativePG `Cluster`; `<name>-rw` is its primary's Service, `<name>-app` the app user's Secret (`uri`). */
export const POSTGRES_CLUSTER = 'motlan-db';
export const POSTGRES_APP_SECRET = `${POSTGRES_CLUSTER}-app`;
export const POSTGRES_PORT = 5432;
export const POSTGRES_DATABASE = 'motlan';

/**
 * A service's own PostgreSQL login (least privilege, issue 15 part 4): `<schema>_login`, a member
 * of its schema's application role `<schema>_app` (packages/db roles.ts) and nothing else; its
 * password in the basic-auth Secret `motlan-db-<workload>` (keys `username`, `password`) that
 * CloudNativePG's managed role reads. The owner login `motlan` (motlan-db-app) only migrates.
 */
export function databaseLoginOf(workload: Pick<Workload, 'name' | 'schema'>): {
  role: string;
  secret: string;
} {
  return { role: `${workload.schema.name}_login`, secret: `${POSTGRES_CLUSTER}-${workload.name}` };
}

/** The purpose-bound access policy (infra/policies/access-policy.json) as a ConfigMap. */
export const ACCESS_POLICY_CONFIGMAP = 'motlan-access-policy';
export const ACCESS_POLICY_FILE = 'access-policy.json';
/** Upstreams' addresses (NPDB_URL, MPDB_URL): the simulators in development, the real ones in production. */
export const UPSTREAMS_CONFIGMAP = 'motlan-upstreams';
/** Upstreams' credentials; optional (development uses the simulators' defaults). */
export const UPSTREAM_CREDENTIALS_SECRET = 'motlan-upstream-credentials';

/** A workload's mutual-TLS Secret: `ca.pem`, `<name>.pem`, `<name>-key.pem` (infra/certs/generate.sh's layout). */
export function mtlsSecretOf(workload: Pick<Workload, 'name'>): string {
  return `motlan-mtls-${workload.name}`;
}

/** Where a container finds its files. */
export const Mounts = {
  mtls: '/etc/motlan/mtls',
  kafkaUser: '/etc/motlan/kafka-user',
  kafkaCa: '/etc/motlan/kafka-ca',
  policy: '/etc/motlan/policy',
  tmp: '/tmp',
} as const;

/** The image of a workload (kustomize `images:` sets registry and tag per overlay). */
export function imageOf(name: string): string {
  return `motlan/${name}`;
}
/** The image of the setup job (migrations; topics and ACLs where no operator makes them). */
export const SETUP_IMAGE = imageOf('setup');

export const Labels = {
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  component: 'app.kubernetes.io/component',
  /** Namespaces whose pods may call the mesh's APIs: `api-clients`, `operators` or `monitoring`. */
  access: 'motlan.io/access',
} as const;
export const PART_OF = 'motlan';
