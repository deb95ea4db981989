/**
 * A workload's Deployment, Service, PodDisruptionBudget and HorizontalPodAutoscaler, as plain
 * objects (apps/v1, v1, policy/v1, autoscaling/v2). Probes: liveness `/health`, readiness the
 * workload's ready path (packages/http: both answer without a client certificate, so the kubelet's
 * HTTPS probe needs none).
 */
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IEnvVar, IProbe, IService, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { workloadNamed, type DeployContext, type Workload } from '../workloads.ts';
import {
  ACCESS_POLICY_CONFIGMAP,
  ACCESS_POLICY_FILE,
  imageOf,
  KAFKA_BOOTSTRAP,
  KAFKA_CLUSTER_CA_SECRET,
  Labels,
  Mounts,
  mtlsSecretOf,
  PART_OF,
  databaseLoginOf,
  POSTGRES_APP_SECRET,
  POSTGRES_CLUSTER,
  POSTGRES_DATABASE,
  POSTGRES_PORT,
  UPSTREAM_CREDENTIALS_SECRET,
  UPSTREAMS_CONFIGMAP,
} from './names.ts';

export type Manifest = Record<string, unknown> & { apiVersion: string; kind: string };

/** The Kubernetes API types (npm kubernetes-models) whose fields the typecheck holds a manifest to. */
type Typed = IDeployment | IService | IPodDisruptionBudget | IHorizontalPodAutoscaler | INetworkPolicy;

/**
 * A manifest written against its API type: `typed<IDeployment>({...})` fails the typecheck on a
 * misspelt or misplaced field, which the JSON-schema validation lets through.
 */
export function typed<T extends Typed>(manifest: T): Manifest {
  return manifest as unknown as Manifest;
}

/** Within one namespace every workload is reached by its Service's short name. */
export const clusterContext: DeployContext = {
  kafkaBootstrap: KAFKA_BOOTSTRAP,
  baseUrl: (name) => {
    const target = workloadNamed(name);
    return `${target.tls ? 'https' : 'http'}://${name}:${target.ports.http}`;
  },
  grpcTarget: (name) => {
    const port = workloadNamed(name).ports.grpc;
    if (port === undefined) throw new Error(`${name} serves no gRPC`);
    return `${name}:${port}`;
  },
};

export function selectorLabels(workload: Pick<Workload, 'name'>): Record<string, string> {
  return { [Labels.name]: workload.name };
}

export function labelsOf(workload: Pick<Workload, 'name' | 'kind'>): Record<string, string> {
  return { ...selectorLabels(workload), [Labels.partOf]: PART_OF, [Labels.component]: workload.kind };
}

/** The container's environment: listen on every interface, its ports and schema, then its dependencies. */
export function containerEnv(workload: Workload): IEnvVar[] {
  const plain: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HTTP_HOST: '0.0.0.0',
    [workload.portVariables.http]: String(workload.ports.http),
    ...(workload.ports.grpc !== undefined && workload.portVariables.grpc
      ? { GRPC_HOST: '0.0.0.0', [workload.portVariables.grpc]: String(workload.ports.grpc) }
      : {}),
    [workload.schema.variable]: workload.schema.name,
    MTLS_CERT_DIR: Mounts.mtls,
    ACCESS_POLICY_FILE: `${Mounts.policy}/${ACCESS_POLICY_FILE}`,
    ...(workload.kafkaIdentity
      ? {
          KAFKA_BROKERS: KAFKA_BOOTSTRAP,
          KAFKA_SECURITY: 'ssl',
          // Strimzi's KafkaUser Secret (user.crt/user.key) and its cluster CA (ca.crt).
          KAFKA_SSL_CA: `${Mounts.kafkaCa}/ca.crt`,
          KAFKA_SSL_CERT: `${Mounts.kafkaUser}/user.crt`,
          KAFKA_SSL_KEY: `${Mounts.kafkaUser}/user.key`,
        }
      : {}),
    ...workload.env(clusterContext),
  };
  return [
    ...Object.entries(plain).map(([name, value]) => ({ name, value })),
    ...databaseEnv(workload),
    ...workload.upstreamVariables.map((name) => ({
      name,
      valueFrom: { configMapKeyRef: { name: UPSTREAMS_CONFIGMAP, key: name } },
    })),
    ...workload.upstreamSecrets.map((name) => ({
      name,
      valueFrom: { secretKeyRef: { name: UPSTREAM_CREDENTIALS_SECRET, key: name, optional: true } },
    })),
  ];
}

/**
 * A service logs in as its own role and only verifies its schema (the setup Job migrates as the
 * owner); libpq's PGUSER/PGPASSWORD carry the credentials, so a generated password needs no URL
 * escaping. A simulator (development only) keeps the owner's URI.
 */
function databaseEnv(workload: Workload): IEnvVar[] {
  if (workload.kind === 'simulator') {
    return [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: POSTGRES_APP_SECRET, key: 'uri' } } }];
  }
  const login = databaseLoginOf(workload);
  return [
    { name: 'PGUSER', valueFrom: { secretKeyRef: { name: login.secret, key: 'username' } } },
    { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: login.secret, key: 'password' } } },
    {
      name: 'DATABASE_URL',
      value: `postgresql://${POSTGRES_CLUSTER}-rw:${POSTGRES_PORT}/${POSTGRES_DATABASE}`,
    },
    { name: 'DATABASE_MIGRATIONS', value: 'verify' },
  ];
}

function volumesOf(workload: Workload): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  const volumes: IVolume[] = [
    { name: 'mtls', secret: { secretName: mtlsSecretOf(workload), defaultMode: 0o440 } },
    { name: 'policy', configMap: { name: ACCESS_POLICY_CONFIGMAP } },
    { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
  ];
  const mounts: IVolumeMount[] = [
    { name: 'mtls', mountPath: Mounts.mtls, readOnly: true },
    { name: 'policy', mountPath: Mounts.policy, readOnly: true },
    { name: 'tmp', mountPath: Mounts.tmp },
  ];
  if (workload.kafkaIdentity) {
    volumes.push(
      // Strimzi's User Operator writes the KafkaUser's certificate into a Secret of its name.
      { name: 'kafka-user', secret: { secretName: workload.kafkaIdentity, defaultMode: 0o440 } },
      {
        name: 'kafka-ca',
        secret: { secretName: KAFKA_CLUSTER_CA_SECRET, items: [{ key: 'ca.crt', path: 'ca.crt' }] },
      },
    );
    mounts.push(
      { name: 'kafka-user', mountPath: Mounts.kafkaUser, readOnly: true },
      { name: 'kafka-ca', mountPath: Mounts.kafkaCa, readOnly: true },
    );
  }
  return { volumes, mounts };
}

function probe(workload: Workload, path: string, settings: Partial<IProbe>): IProbe {
  return {
    httpGet: { path, port: 'http', scheme: workload.tls ? 'HTTPS' : 'HTTP' },
    ...settings,
  };
}

export function deploymentOf(workload: Workload): Manifest {
  const { volumes, mounts } = volumesOf(workload);
  const ports = [
    { name: 'http', containerPort: workload.ports.http, protocol: 'TCP' as const },
    ...(workload.ports.grpc === undefined
      ? []
      : [{ name: 'grpc', containerPort: workload.ports.grpc, protocol: 'TCP' as const }]),
  ];
  return typed<IDeployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: workload.name, labels: labelsOf(workload) },
    spec: {
      replicas: workload.replicas.min,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(workload) },
      // A new pod is ready before an old one stops: no capacity lost during a rollout.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labelsOf(workload) },
        spec: {
          automountServiceAccountToken: false,
          // The runtime drains in a bounded time on SIGTERM (servers, workers, clients); 30 s covers it.
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          // Pods of one workload on different nodes and zones where there are several.
          topologySpreadConstraints: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(
            (topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selectorLabels(workload) },
            }),
          ),
          containers: [
            {
              name: workload.name,
              image: imageOf(workload.name),
              imagePullPolicy: 'IfNotPresent',
              ports,
              env: containerEnv(workload),
              resources: workload.resources,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              // Migrations and the first connections happen before /health answers.
              startupProbe: probe(workload, '/health', { periodSeconds: 5, failureThreshold: 60 }),
              livenessProbe: probe(workload, '/health', {
                periodSeconds: 10,
                timeoutSeconds: 3,
                failureThreshold: 3,
              }),
              readinessProbe: probe(workload, workload.readyPath, {
                periodSeconds: 5,
                timeoutSeconds: 3,
                failureThreshold: 2,
              }),
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  });
}

export function serviceOf(workload: Workload): Manifest {
  return typed<IService>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: workload.name, labels: labelsOf(workload) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(workload),
      ports: [
        { name: 'http', port: workload.ports.http, targetPort: 'http', protocol: 'TCP' as const },
        ...(workload.ports.grpc === undefined
          ? []
          : [
              // appProtocol: meshes and gateways balance gRPC per request, not per connection.
              {
                name: 'grpc',
                port: workload.ports.grpc,
                targetPort: 'grpc',
                protocol: 'TCP' as const,
                appProtocol: 'grpc',
              },
            ]),
      ],
    },
  });
}

/** One pod at a time may be evicted, for workloads that run at least two. */
export function podDisruptionBudgetOf(workload: Workload): Manifest | undefined {
  if (workload.replicas.min < 2) return undefined;
  return typed<IPodDisruptionBudget>({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: workload.name, labels: labelsOf(workload) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(workload) } },
  });
}

/** CPU-driven scaling between the workload's least and most replicas. */
export function horizontalPodAutoscalerOf(workload: Workload): Manifest | undefined {
  if (workload.replicas.max <= workload.replicas.min) return undefined;
  return typed<IHorizontalPodAutoscaler>({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: workload.name, labels: labelsOf(workload) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
      minReplicas: workload.replicas.min,
      maxReplicas: workload.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
      behavior: {
        // A consumer group rebalances on every change: scale down slowly.
        scaleDown: {
          stabilizationWindowSeconds: 300,
          policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }],
        },
      },
    },
  });
}

/** Everything of one workload, in apply order. */
export function manifestsOf(workload: Workload): Manifest[] {
  return [
    serviceOf(workload),
    deploymentOf(workload),
    podDisruptionBudgetOf(workload),
    horizontalPodAutoscalerOf(workload),
  ].filter((manifest): manifest is Manifest => manifest !== undefined);
}
