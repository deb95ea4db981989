/**
 * NetworkPolicies (networking.k8s.io/v1) allowing only the architecture's flows
 * (../shared/architecture.md, "Picture"): every Motlan pod denies all traffic but what its
 * workload's entry in workloads.ts says — who calls it, whom it calls, Kafka (mutual TLS
 * listener) and PostgreSQL when it uses them, DNS. Pods of the operators (Strimzi, CloudNativePG)
 * keep the policies their operators make.
 */
import { workloads, workloadNamed, type Workload } from '../workloads.ts';
import { KAFKA_CLUSTER, KAFKA_TLS_PORT, Labels, PART_OF, POSTGRES_CLUSTER, POSTGRES_PORT } from './names.ts';
import type {
  INetworkPolicy,
  INetworkPolicyEgressRule,
  INetworkPolicyIngressRule,
} from 'kubernetes-models/networking.k8s.io/v1';
import { labelsOf, selectorLabels, typed, type Manifest } from './workload-manifests.ts';

const motlanPods = { matchLabels: { [Labels.partOf]: PART_OF } };

/** Kafka's broker pods (Strimzi's labels) on the mutual-TLS listener. */
export const kafkaEgress: INetworkPolicyEgressRule = {
  to: [{ podSelector: { matchLabels: { 'strimzi.io/cluster': KAFKA_CLUSTER, 'strimzi.io/kind': 'Kafka' } } }],
  ports: [{ protocol: 'TCP' as const, port: KAFKA_TLS_PORT }],
};

/** The PostgreSQL instances (CloudNativePG's label); the primary moves between them on failover. */
export const postgresEgress: INetworkPolicyEgressRule = {
  to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': POSTGRES_CLUSTER } } }],
  ports: [{ protocol: 'TCP' as const, port: POSTGRES_PORT }],
};

/** Namespaces labelled `motlan.io/access=<audience>` (the API clients', the operators', monitoring). */
function fromNamespaces(audience: string): NonNullable<INetworkPolicyIngressRule['from']>[number] {
  return { namespaceSelector: { matchLabels: { [Labels.access]: audience } } };
}

function port(workload: Workload, kind: 'http' | 'grpc'): number {
  const number = workload.ports[kind];
  if (number === undefined) throw new Error(`${workload.name} has no ${kind} port`);
  return number;
}

function apiPorts(workload: Workload): NonNullable<INetworkPolicyIngressRule['ports']> {
  return [
    { protocol: 'TCP' as const, port: workload.ports.http },
    ...(workload.ports.grpc === undefined ? [] : [{ protocol: 'TCP' as const, port: workload.ports.grpc }]),
  ];
}

/** Nothing in or out of a Motlan pod unless a policy below allows it; DNS for all of them. */
export function baselinePolicies(): Manifest[] {
  return [
    typed<INetworkPolicy>({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'motlan-default-deny', labels: { [Labels.partOf]: PART_OF } },
      spec: { podSelector: motlanPods, policyTypes: ['Ingress', 'Egress'] },
    }),
    typed<INetworkPolicy>({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'motlan-allow-dns', labels: { [Labels.partOf]: PART_OF } },
      spec: {
        podSelector: motlanPods,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP' as const, port: 53 },
              { protocol: 'TCP' as const, port: 53 },
            ],
          },
        ],
      },
    }),
  ];
}

/** The flows of one workload, among `present` (the workloads deployed beside it). */
export function networkPolicyOf(workload: Workload, present: readonly Workload[] = workloads): Manifest {
  const presentNames = new Set(present.map((w) => w.name));
  const callers = present.filter((other) => other.calls.some((call) => call.workload === workload.name));
  const ingress: INetworkPolicyIngressRule[] = callers.map((caller) => ({
    from: [{ podSelector: { matchLabels: selectorLabels(caller) } }],
    ports: caller.calls
      .filter((call) => call.workload === workload.name)
      .map((call) => ({ protocol: 'TCP' as const, port: port(workload, call.port) })),
  }));
  if (workload.audience === 'api-clients') {
    ingress.push({ from: [fromNamespaces('api-clients')], ports: apiPorts(workload) });
  }
  if (workload.audience === 'operators') {
    ingress.push({
      from: [fromNamespaces('operators')],
      ports: [{ protocol: 'TCP' as const, port: workload.ports.http }],
    });
  }
  // Prometheus scrapes /metrics on the HTTP port.
  ingress.push({
    from: [fromNamespaces('monitoring')],
    ports: [{ protocol: 'TCP' as const, port: workload.ports.http }],
  });

  const egress: INetworkPolicyEgressRule[] = workload.calls
    .filter((call) => presentNames.has(call.workload))
    .map((call) => {
      const callee = workloadNamed(call.workload);
      return {
        to: [{ podSelector: { matchLabels: selectorLabels(callee) } }],
        ports: [{ protocol: 'TCP' as const, port: port(callee, call.port) }],
      };
    });
  if (workload.kafkaIdentity) egress.push(kafkaEgress);
  egress.push(postgresEgress);
  if (workload.callsUpstream) {
    // The upstream database outside the cluster, over HTTPS; an overlay narrows the block to its address.
    egress.push({
      to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
      ports: [{ protocol: 'TCP' as const, port: 443 }],
    });
  }
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: workload.name, labels: labelsOf(workload) },
    spec: {
      podSelector: { matchLabels: selectorLabels(workload) },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress,
    },
  });
}

/**
 * The flows between workloads added by an overlay (`added`, e.g. the simulators) and those already
 * there (`base`), whose own policies were made without them: policies add up, so each such flow
 * is one more policy on the base workload's pods (`<base>-from-<added>` / `<base>-to-<added>`).
 */
export function bridgePolicies(added: readonly Workload[], base: readonly Workload[]): Manifest[] {
  const policies: Manifest[] = [];
  for (const extra of added) {
    for (const call of extra.calls) {
      const callee = base.find((workload) => workload.name === call.workload);
      if (!callee) continue;
      policies.push(
        bridge(`${callee.name}-from-${extra.name}`, callee, 'Ingress', {
          from: [{ podSelector: { matchLabels: selectorLabels(extra) } }],
          ports: [{ protocol: 'TCP' as const, port: port(callee, call.port) }],
        }),
      );
    }
    for (const caller of base) {
      for (const call of caller.calls.filter((c) => c.workload === extra.name)) {
        policies.push(
          bridge(`${caller.name}-to-${extra.name}`, caller, 'Egress', {
            to: [{ podSelector: { matchLabels: selectorLabels(extra) } }],
            ports: [{ protocol: 'TCP' as const, port: port(extra, call.port) }],
          }),
        );
      }
    }
  }
  return policies;
}

function bridge(
  name: string,
  on: Workload,
  direction: 'Ingress' | 'Egress',
  rule: INetworkPolicyIngressRule & INetworkPolicyEgressRule,
): Manifest {
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: labelsOf(on) },
    spec: {
      podSelector: { matchLabels: selectorLabels(on) },
      policyTypes: [direction],
      ...(direction === 'Ingress' ? { ingress: [rule] } : { egress: [rule] }),
    },
  });
}
