import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTopics, declaredAcls, KafkaGrants } from '@motlan/kafka';
import { DEPLOY_ROOT } from '../src/repo-root.ts';
import { appRoleOf } from '@motlan/db';
import { databaseLoginOf } from '../src/kubernetes/names.ts';
import { strimziAcls } from '../src/kubernetes/strimzi.ts';
import { services, simulators, workloads } from '../src/workloads.ts';
import {
  kustomizeBuild,
  validateDocument,
  validateDocuments,
  type Document,
} from './support/kubernetes-validation.ts';

const overlay = (name: string) => join(DEPLOY_ROOT, 'k8s/overlays', name);
const ofKind = (documents: readonly Document[], kind: string) => documents.filter((d) => d.kind === kind);
const named = (documents: readonly Document[], kind: string, name: string) =>
  documents.find((d) => d.kind === kind && d.metadata.name === name);

/** The Secrets the manifests expect an operator (or the cluster's administrator) to provide. */
function isProvidedSecret(name: string): boolean {
  return (
    name.startsWith('motlan-mtls-') ||
    name === 'motlan-kafka-cluster-ca-cert' ||
    name === 'motlan-db-app' ||
    services.some((service) => name === databaseLoginOf(service).secret) ||
    name === 'motlan-upstream-credentials' ||
    Object.keys(KafkaGrants).includes(name)
  );
}

describe.each(['dev', 'prod'])('kustomize build overlays/%s', (name) => {
  let documents: Document[];
  beforeAll(() => {
    documents = kustomizeBuild(overlay(name));
  });

  it('renders documents that all validate against the Kubernetes and the operators’ CRD schemas', () => {
    expect(documents.length).toBeGreaterThan(40);
    expect(validateDocuments(documents)).toEqual([]);
  });

  it('gives each service its own PostgreSQL login, a member of its schema role only, and has it verify (not apply) migrations', () => {
    type Role = { name: string; login?: boolean; inRoles?: string[]; passwordSecret?: { name: string } };
    const cluster = ofKind(documents, 'Cluster')[0] as unknown as { spec: { managed: { roles: Role[] } } };
    for (const service of services) {
      const login = databaseLoginOf(service);
      const role = cluster.spec.managed.roles.find((candidate) => candidate.name === login.role);
      expect(role, login.role).toMatchObject({
        login: true,
        inRoles: [appRoleOf(service.schema.name)],
        passwordSecret: { name: login.secret },
      });
      const deployment = named(documents, 'Deployment', service.name) as unknown as {
        spec: {
          template: {
            spec: { containers: { env: { name: string; value?: string; valueFrom?: unknown }[] }[] };
          };
        };
      };
      const env = deployment.spec.template.spec.containers[0]!.env;
      const variable = (variableName: string) => env.find((entry) => entry.name === variableName);
      expect(variable('DATABASE_MIGRATIONS')?.value).toBe('verify');
      expect(variable('PGUSER')?.valueFrom).toEqual({
        secretKeyRef: { name: login.secret, key: 'username' },
      });
      expect(variable('DATABASE_URL')?.value).not.toMatch(/@/);
    }
    // The owner login is the setup Job's alone.
    const users = ofKind(documents, 'Deployment').filter((d) => JSON.stringify(d).includes('motlan-db-app'));
    expect(users.map((d) => d.metadata.name).sort()).toEqual(
      name === 'dev' ? simulators.map((w) => w.name).sort() : [],
    );
  });

  it('puts everything in its namespace', () => {
    const namespace = name === 'dev' ? 'motlan-dev' : 'motlan';
    const namespaced = documents.filter((d) => d.kind !== 'Namespace');
    expect(namespaced.filter((d) => d.metadata.namespace !== namespace)).toEqual([]);
  });

  it('gives every service a Deployment with probes, limits, a non-root read-only container, a Service, a PDB, an HPA and a NetworkPolicy', () => {
    const expected = name === 'dev' ? workloads : services;
    expect(
      ofKind(documents, 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(expected.map((w) => w.name).sort());
    for (const workload of expected) {
      const deployment = named(documents, 'Deployment', workload.name) as Document;
      type Probe = { httpGet: { path: string; scheme: string } };
      type Container = {
        livenessProbe: Probe;
        readinessProbe: Probe;
        resources: { requests: { cpu?: string }; limits: { memory?: string } };
        securityContext: object;
      };
      const pod = (
        deployment.spec as { template: { spec: { containers: Container[]; securityContext: object } } }
      ).template.spec;
      const container = pod.containers[0]!;
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.readinessProbe.httpGet.path).toBe(workload.readyPath);
      expect(container.readinessProbe.httpGet.scheme).toBe(workload.tls ? 'HTTPS' : 'HTTP');
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(named(documents, 'Service', workload.name)).toBeDefined();
      expect(named(documents, 'NetworkPolicy', workload.name)).toBeDefined();
      if (workload.kind === 'service' && workload.replicas.min >= 2) {
        expect(named(documents, 'PodDisruptionBudget', workload.name)).toBeDefined();
      }
      if (workload.kind === 'service' && workload.replicas.max > workload.replicas.min) {
        expect(named(documents, 'HorizontalPodAutoscaler', workload.name)).toBeDefined();
      }
    }
  });

  it('selects pods that exist: every Service, PDB, HPA target and NetworkPolicy names a workload rendered beside it', () => {
    const podLabels = [...ofKind(documents, 'Deployment'), ...ofKind(documents, 'Job')].map(
      (d) =>
        (d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels,
    );
    const selectsSome = (selector: Record<string, string>) =>
      podLabels.some((labels) => Object.entries(selector).every(([key, value]) => labels[key] === value));
    for (const kind of ['Service', 'PodDisruptionBudget', 'NetworkPolicy']) {
      for (const document of ofKind(documents, kind)) {
        const spec = document.spec as {
          selector?: Record<string, unknown>;
          podSelector?: { matchLabels: Record<string, string> };
        };
        const selector =
          kind === 'Service'
            ? (spec.selector as Record<string, string>)
            : kind === 'PodDisruptionBudget'
              ? (spec.selector as { matchLabels: Record<string, string> }).matchLabels
              : spec.podSelector!.matchLabels;
        expect(selectsSome(selector), `${kind} ${document.metadata.name}`).toBe(true);
      }
    }
    for (const hpa of ofKind(documents, 'HorizontalPodAutoscaler')) {
      const target = (hpa.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name;
      expect(named(documents, 'Deployment', target), `HPA ${hpa.metadata.name}`).toBeDefined();
    }
  });

  it('mounts only ConfigMaps it renders and Secrets the operators or the administrator provide', () => {
    const configMaps = new Set(ofKind(documents, 'ConfigMap').map((d) => d.metadata.name));
    for (const deployment of [...ofKind(documents, 'Deployment'), ...ofKind(documents, 'Job')]) {
      const text = JSON.stringify(deployment.spec);
      for (const [, ref] of text.matchAll(/"configMap(?:KeyRef)?":\{[^}]*"name":"([^"]+)"/g)) {
        expect(configMaps, `${deployment.metadata.name} → ConfigMap ${ref}`).toContain(ref);
      }
      for (const [, ref] of text.matchAll(/"(?:secretName|secretKeyRef":\{[^}]*"name)":"([^"]+)"/g)) {
        expect(isProvidedSecret(ref!), `${deployment.metadata.name} → Secret ${ref}`).toBe(true);
      }
    }
    // No certificate or key is in the manifests: Secrets are referenced, never committed.
    expect(ofKind(documents, 'Secret')).toEqual([]);
  });

  it('declares every topic of topics.ts (with its dead-letter twin) as a KafkaTopic replicated 3 times', () => {
    const topics = ofKind(documents, 'KafkaTopic');
    expect(topics.map((t) => t.spec?.['topicName']).sort()).toEqual(
      allTopics()
        .map((t) => t.name)
        .sort(),
    );
    for (const declared of allTopics()) {
      const topic = topics.find((t) => t.spec?.['topicName'] === declared.name)!;
      expect(topic.spec).toMatchObject({
        partitions: declared.partitions,
        replicas: 3,
        config: declared.config,
      });
    }
  });

  it('gives each service’s Kafka identity a KafkaUser with exactly the ACLs of topic-access.ts', () => {
    const users = ofKind(documents, 'KafkaUser');
    for (const workload of workloads.filter((w) => w.kafkaIdentity)) {
      const user = users.find((u) => u.metadata.name === workload.kafkaIdentity)!;
      expect(user, workload.kafkaIdentity).toBeDefined();
      const acls = declaredAcls('').filter((acl) => acl.principal === `User:${workload.kafkaIdentity}`);
      expect((user.spec as { authorization: { acls: unknown } }).authorization.acls).toEqual(
        strimziAcls(acls),
      );
    }
  });

  it('runs Kafka as three KRaft controllers and three brokers, replication 3, min.insync.replicas 2', () => {
    const pools = ofKind(documents, 'KafkaNodePool');
    const replicasOf = (role: string) =>
      pools.filter((p) => (p.spec?.['roles'] as string[]).includes(role)).map((p) => p.spec?.['replicas']);
    expect(replicasOf('controller')).toEqual([3]);
    expect(replicasOf('broker')).toEqual([3]);
    const kafka = named(documents, 'Kafka', 'motlan-kafka') as Document;
    expect((kafka.spec as { kafka: { config: unknown } }).kafka.config).toMatchObject({
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
    });
    expect(named(documents, 'Cluster', 'motlan-db')).toBeDefined();
    expect(named(documents, 'Job', 'motlan-setup')).toBeDefined();
  });

  it('denies every Motlan pod’s traffic by default and allows only the declared flows', () => {
    const policies = ofKind(documents, 'NetworkPolicy');
    const deny = named(documents, 'NetworkPolicy', 'motlan-default-deny') as Document;
    expect(deny.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'motlan' } },
      policyTypes: ['Ingress', 'Egress'],
    });
    // one-stop calls the population adapter and the registry over gRPC; nothing else calls them inside.
    const registry = named(documents, 'NetworkPolicy', 'fact-registry') as Document;
    const fromPods = JSON.stringify((registry.spec as { ingress: unknown }).ingress);
    expect(fromPods).toContain('"app.kubernetes.io/name":"one-stop"');
    expect(fromPods).not.toContain('"app.kubernetes.io/name":"population-adapter"');
    const oneStop = named(documents, 'NetworkPolicy', 'one-stop') as Document;
    const egress = (oneStop.spec as { egress: { ports: { port: number }[] }[] }).egress;
    expect(egress.flatMap((rule) => rule.ports.map((p) => p.port)).sort()).toEqual([5432, 7101, 7201, 9093]);
    // The simulators and their flows exist in development only.
    const simulatorPolicies = policies.filter((p) =>
      simulators.some((s) => p.metadata.name.includes(s.name)),
    );
    expect(simulatorPolicies.length > 0).toBe(name === 'dev');
  });
});

describe('the validators reject what is broken', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'motlan-kustomize-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kustomize fails on a kustomization naming a file that is not there', () => {
    cpSync(join(DEPLOY_ROOT, 'k8s'), join(dir, 'k8s'), { recursive: true });
    writeFileSync(
      join(dir, 'k8s/overlays/dev/kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n  - missing.yaml\n',
    );
    expect(() => kustomizeBuild(join(dir, 'k8s/overlays/dev'))).toThrow(/missing\.yaml/);
  });

  it('a Deployment with a probe without a port, or replicas as text, is rejected', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: {
        replicas: 'two',
        selector: { matchLabels: { a: 'b' } },
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { containers: [{ name: 'c', image: 'i', livenessProbe: { httpGet: { path: '/health' } } }] },
        },
      },
    };
    const errors = validateDocument(deployment as unknown as Document);
    expect(errors.join('\n')).toMatch(/replicas must be integer/);
  });

  it('a KafkaTopic with text partitions, or a field Strimzi does not know, is rejected', () => {
    const topic = {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: { name: 'citizen.facts.v1' },
      spec: { partitions: 'twelve', replicas: 3, retention: '1d' },
    };
    const errors = validateDocument(topic as unknown as Document).join('\n');
    expect(errors).toMatch(/\/spec\/partitions must be integer/);
    expect(errors).toMatch(/must NOT have additional properties.*retention/);
  });

  it('a CloudNativePG Cluster without instances as a number is rejected, and a kind without a schema too', () => {
    const cluster = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'motlan-db' },
      spec: { instances: 'three', storage: { size: '1Gi' } },
    };
    expect(validateDocument(cluster as unknown as Document).join('\n')).toMatch(
      /\/spec\/instances must be integer/,
    );
    const unknown = { apiVersion: 'example.org/v1', kind: 'Gadget', metadata: { name: 'x' } };
    expect(validateDocument(unknown as Document)).toEqual([
      'example.org/v1/Gadget x: no schema to validate it against',
    ]);
  });
});
