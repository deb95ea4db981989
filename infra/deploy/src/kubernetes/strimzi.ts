/**
 * Strimzi's KafkaTopic and KafkaUser resources (kafka.strimzi.io/v1), made from the one
 * declaration of topics (packages/kafka/src/topics.ts, with their dead-letter twins as `pnpm
 * topics` creates them) and of who may do what (topic-access.ts's `declaredAcls`, the same ACLs
 * the admin step applies), so the cluster's topics and ACLs cannot drift from the code's.
 */
import kafkajs, { type AclEntry } from 'kafkajs';
import { allTopics, declaredAcls, KafkaGrants, type KafkaGrant } from '@motlan/kafka';
import { KAFKA_CLUSTER, KAFKA_REPLICAS, Labels, PART_OF } from './names.ts';
import type { Manifest } from './workload-manifests.ts';

const { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** Principals that exist for benches only; no cluster gets them. */
const NOT_DEPLOYED: readonly string[] = ['bench-client'];

const strimziLabels = { 'strimzi.io/cluster': KAFKA_CLUSTER, [Labels.partOf]: PART_OF };

/** One KafkaTopic per declared topic and dead-letter twin: partitions, configs, replicated 3 times. */
export function kafkaTopics(): Manifest[] {
  return allTopics().map((topic) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    // Topic names are valid resource names (lower case, dots, dashes); topicName keeps them exact.
    metadata: { name: topic.name, labels: strimziLabels },
    spec: {
      topicName: topic.name,
      partitions: topic.partitions,
      replicas: KAFKA_REPLICAS,
      config: topic.config,
    },
  }));
}

/** The principals a cluster gets: every grant of topic-access.ts but the benches'. */
export function deployedPrincipals(grants: Record<string, KafkaGrant> = KafkaGrants): string[] {
  return Object.keys(grants).filter((identity) => !NOT_DEPLOYED.includes(identity));
}

/** One KafkaUser per principal: a certificate from Strimzi's clients CA and exactly its declared ACLs. */
export function kafkaUsers(grants: Record<string, KafkaGrant> = KafkaGrants): Manifest[] {
  const acls = declaredAcls('', grants);
  return deployedPrincipals(grants).map((identity) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name: identity, labels: strimziLabels },
    spec: {
      authentication: { type: 'tls' },
      authorization: {
        type: 'simple',
        acls: strimziAcls(acls.filter((acl) => acl.principal === `User:${identity}`)),
      },
    },
  }));
}

interface StrimziAcl {
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' | 'prefix' };
  operations: string[];
  host: string;
}

/** kafkajs ACL bindings → Strimzi's form, one entry per resource with all its operations. */
export function strimziAcls(acls: readonly AclEntry[]): StrimziAcl[] {
  const byResource = new Map<string, StrimziAcl>();
  for (const acl of acls) {
    const resource = {
      type: resourceType(acl.resourceType),
      name: acl.resourceName,
      patternType: acl.resourcePatternType === ResourcePatternTypes.PREFIXED ? 'prefix' : 'literal',
    } as const;
    const key = `${resource.type}\u0000${resource.name}\u0000${resource.patternType}`;
    const entry: StrimziAcl = byResource.get(key) ?? { resource, operations: [], host: acl.host };
    const operation = operationName(acl.operation);
    if (!entry.operations.includes(operation)) entry.operations.push(operation);
    byResource.set(key, entry);
  }
  return [...byResource.values()];
}

function resourceType(type: number): 'topic' | 'group' {
  if (type === AclResourceTypes.TOPIC) return 'topic';
  if (type === AclResourceTypes.GROUP) return 'group';
  throw new Error(`ACL resource type ${type} has no Strimzi form here`);
}

const OPERATION_NAMES: Record<number, string> = {
  [AclOperationTypes.READ]: 'Read',
  [AclOperationTypes.WRITE]: 'Write',
  [AclOperationTypes.DESCRIBE]: 'Describe',
  [AclOperationTypes.DELETE]: 'Delete',
  [AclOperationTypes.CREATE]: 'Create',
  [AclOperationTypes.ALTER]: 'Alter',
};

function operationName(operation: number): string {
  const name = OPERATION_NAMES[operation];
  if (!name) throw new Error(`ACL operation ${operation} has no Strimzi form here`);
  return name;
}
