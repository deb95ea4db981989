import kafkajs, { type AclEntry } from 'kafkajs';
import { deadLetterTopicOf } from './definitions.ts';
import { NOTIFICATION_SUBSCRIBERS, notificationsTopic, Topics, type TopicDefinition } from './topics.ts';

// kafkajs is CommonJS and Node's named-export detection stops before these enums.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;
type AclOperation = (typeof AclOperationTypes)[keyof typeof AclOperationTypes];
type AclResource = (typeof AclResourceTypes)[keyof typeof AclResourceTypes];

/**
 * What one principal may do on Kafka. A principal is `User:<CN>` of the client certificate it
 * presents (the broker maps the CN, infra/kafka/server.properties.template), so the key of
 * `KafkaGrants` is the certificate's name in infra/certs/generate.sh and the `identity` its
 * process passes to createKafka.
 */
export interface KafkaGrant {
  /** Declared topics it publishes to (Write, Describe). */
  readonly produces: readonly TopicDefinition[];
  /**
   * Declared topics it consumes (Read, Describe). It also writes their dead-letter twins: the
   * event consumer dead-letters what it cannot handle there.
   */
  readonly consumes: readonly TopicDefinition[];
  /**
   * Consumer groups it may use (Read, Describe, Delete), each a name prefix: `fact-registry`
   * covers `fact-registry-disclosures` and `fact-registry-rebuild-...`.
   */
  readonly groups: readonly string[];
  /**
   * Declared topics it only looks at, with their dead-letter twins (Read, Describe on both): the
   * operators' CLI tails them and opens their dead letters.
   */
  readonly inspects?: readonly TopicDefinition[];
  /** Declared topics it puts dead letters back on (Write, Describe): the CLI's `dlq redrive`. */
  readonly redrivesTo?: readonly TopicDefinition[];
  /**
   * Other clients' consumer groups it may see the committed offsets of (Describe only), each a
   * name prefix as in `groups`: the CLI's `lag`.
   */
  readonly watchesGroups?: readonly string[];
  /**
   * Other clients' consumer groups whose committed offsets it may move (Read: join while the group
   * is empty and commit), each a name prefix as in `groups`: the CLI's `replay`.
   */
  readonly replaysGroups?: readonly string[];
}

/** Every declared topic (not the dead-letter twins): what the operators' CLI works on. */
const OPERATED_TOPICS: readonly TopicDefinition[] = [
  ...(Object.values(Topics) as TopicDefinition[]),
  ...NOTIFICATION_SUBSCRIBERS.map(notificationsTopic),
];

/**
 * Who may do what on Kafka: the one declaration the admin step (`pnpm topics`, `pnpm start`)
 * turns into ACLs. Anything not granted here is refused (the broker's
 * `allow.everyone.if.no.acl.found=false`). A new client or topic is added here, beside topics.ts.
 */
export const KafkaGrants = {
  /** Publishes authoritative facts from the population DB and the audit of its own disclosures. */
  'population-adapter': {
    produces: [Topics.citizenFacts, Topics.accessAudit, Topics.accessAuditAnchors],
    consumes: [],
    groups: [],
  },
  /** Publishes the personnel DB's facts (military status, unit, rank, health grade; identity as it records it) and its audit. */
  'military-personnel-adapter': {
    produces: [Topics.citizenFacts, Topics.accessAudit, Topics.accessAuditAnchors],
    consumes: [],
    groups: [],
  },
  /**
   * Keeps every fact (citizen.facts.v1) and every disclosure (access.audit.v1); publishes declared
   * facts, its own audit, the subscribers' notifications and the sources' discrepancies.
   */
  'fact-registry': {
    produces: [
      Topics.citizenFacts,
      Topics.accessAudit,
      Topics.accessAuditAnchors,
      Topics.citizenDiscrepancies,
      ...NOTIFICATION_SUBSCRIBERS.map(notificationsTopic),
    ],
    consumes: [Topics.citizenFacts, Topics.accessAudit],
    groups: ['fact-registry'],
  },
  /**
   * Relays its outbox (dossier events, the facts of dossiers) and the audit of its dossier views;
   * reads its change notifications (moves open the matching dossiers).
   */
  'one-stop': {
    produces: [Topics.dossierEvents, Topics.citizenFacts, Topics.accessAudit, Topics.accessAuditAnchors],
    consumes: [notificationsTopic('one-stop')],
    groups: ['one-stop'],
  },
  /**
   * The military personnel database itself (a data owner, not our adapter): its change
   * notifications and the discrepancies between its records and the other sources.
   */
  'military-personnel-db': {
    produces: [],
    consumes: [notificationsTopic('military-personnel-db'), Topics.citizenDiscrepancies],
    groups: ['military-personnel-db'],
  },
  /** The national population database (a data owner): the discrepancies between it and the other sources. */
  'national-population-db': {
    produces: [],
    consumes: [Topics.citizenDiscrepancies],
    groups: ['national-population-db'],
  },
  /** pnpm bench notify: a subscriber reading its own notifications. */
  'bench-client': {
    produces: [],
    consumes: [notificationsTopic('bench-client')],
    groups: ['bench'],
  },
  /**
   * Operators' tools: `audit:verify` reads every chain head anchored outside the databases; the
   * `motlan` CLI (packages/ops-cli) reads every topic and dead letter with throwaway groups of its
   * own (`operator-...`), redrives dead letters to their source topics and reads the other groups'
   * offsets.
   */
  operator: {
    produces: [],
    consumes: [Topics.accessAuditAnchors],
    groups: ['audit-verify', 'operator-'],
    inspects: OPERATED_TOPICS,
    redrivesTo: OPERATED_TOPICS,
    watchesGroups: ['fact-registry', 'one-stop', 'military-personnel-db', 'national-population-db', 'bench'],
    replaysGroups: ['fact-registry', 'one-stop', 'military-personnel-db', 'national-population-db'],
  },
  /**
   * The operators' web console (services/ops-console): what the CLI may do but replay — it tails
   * every topic and dead letter with throwaway groups of its own (`ops-console-...`), redrives dead
   * letters, samples the other groups' offsets, reads the anchors to verify the audit chains
   * (`audit-verify-...`) — and it publishes its own audit trail and that trail's anchors.
   */
  'ops-console': {
    produces: [Topics.accessAudit, Topics.accessAuditAnchors],
    consumes: [Topics.accessAuditAnchors],
    groups: ['audit-verify', 'ops-console-'],
    inspects: OPERATED_TOPICS,
    redrivesTo: OPERATED_TOPICS,
    watchesGroups: ['fact-registry', 'one-stop', 'military-personnel-db', 'national-population-db', 'bench'],
  },
  // create-adapter: new adapters' grants above this line.
} as const satisfies Record<string, KafkaGrant>;

export type KafkaPrincipal = keyof typeof KafkaGrants;

/**
 * The super user that creates topics and ACLs (the admin step, `pnpm start`, the tests' setup).
 * server.properties.template names it in `super.users`, beside the broker's own `kafka-broker`.
 */
export const KAFKA_ADMIN_IDENTITY = 'kafka-admin';

/**
 * What test code itself acts as: every topic whose name starts with `topicPrefix` (the fresh
 * topics of TestResources and of testkit's meshes) and every group starting with `groupPrefix` —
 * nothing of the mesh's real topics. Service processes a test starts keep their own identities.
 */
export const KafkaTestClient = {
  identity: 'test-client',
  topicPrefix: 'test.',
  groupPrefix: 'test-',
} as const;

/**
 * The ACLs that make `KafkaGrants` true for the topics under `prefix` (KAFKA_TOPIC_PREFIX): each
 * topic name and each group prefix is put under it, so a mesh on prefixed topics gets exactly the
 * rights the real one has, and nothing on anyone else's topics.
 */
export function declaredAcls(prefix = '', grants: Record<string, KafkaGrant> = KafkaGrants): AclEntry[] {
  return Object.entries(grants)
    .flatMap(([identity, grant]) => {
      const principal = `User:${identity}`;
      const topic = (name: string, operations: AclOperation[]) =>
        operations.map((operation) => allow(principal, AclResourceTypes.TOPIC, prefix + name, operation));
      return [
        ...grant.produces.flatMap((t) =>
          topic(t.name, [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE]),
        ),
        ...grant.consumes.flatMap((t) => [
          ...topic(t.name, [AclOperationTypes.READ, AclOperationTypes.DESCRIBE]),
          ...topic(deadLetterTopicOf(t.name), [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE]),
        ]),
        ...(grant.inspects ?? []).flatMap((t) =>
          [t.name, deadLetterTopicOf(t.name)].flatMap((name) =>
            topic(name, [AclOperationTypes.READ, AclOperationTypes.DESCRIBE]),
          ),
        ),
        ...(grant.redrivesTo ?? []).flatMap((t) =>
          topic(t.name, [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE]),
        ),
        ...(grant.watchesGroups ?? []).map((group) =>
          allow(
            principal,
            AclResourceTypes.GROUP,
            prefix + group,
            AclOperationTypes.DESCRIBE,
            ResourcePatternTypes.PREFIXED,
          ),
        ),
        ...(grant.replaysGroups ?? []).map((group) =>
          allow(
            principal,
            AclResourceTypes.GROUP,
            prefix + group,
            AclOperationTypes.READ,
            ResourcePatternTypes.PREFIXED,
          ),
        ),
        ...grant.groups.flatMap((group) =>
          GROUP_OPERATIONS.map((operation) =>
            allow(
              principal,
              AclResourceTypes.GROUP,
              prefix + group,
              operation,
              ResourcePatternTypes.PREFIXED,
            ),
          ),
        ),
      ];
    })
    .filter(unique());
}

/** The ACLs of the test client (`KafkaTestClient`), which the tests' global setup applies. */
export function testClientAcls(): AclEntry[] {
  const principal = `User:${KafkaTestClient.identity}`;
  return [
    ...[AclOperationTypes.READ, AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE].map((operation) =>
      allow(
        principal,
        AclResourceTypes.TOPIC,
        KafkaTestClient.topicPrefix,
        operation,
        ResourcePatternTypes.PREFIXED,
      ),
    ),
    ...GROUP_OPERATIONS.map((operation) =>
      allow(
        principal,
        AclResourceTypes.GROUP,
        KafkaTestClient.groupPrefix,
        operation,
        ResourcePatternTypes.PREFIXED,
      ),
    ),
  ];
}

const GROUP_OPERATIONS = [AclOperationTypes.READ, AclOperationTypes.DESCRIBE, AclOperationTypes.DELETE];

function allow(
  principal: string,
  resourceType: AclResource,
  resourceName: string,
  operation: AclOperation,
  resourcePatternType = ResourcePatternTypes.LITERAL,
): AclEntry {
  return {
    principal,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
    resourceType,
    resourceName,
    resourcePatternType,
  };
}

/** One ACL binding as a string: equal bindings, equal keys. */
export function aclKey(acl: AclEntry): string {
  return [
    acl.principal,
    acl.host,
    acl.operation,
    acl.permissionType,
    acl.resourceType,
    acl.resourceName,
    acl.resourcePatternType,
  ].join('\u0000');
}

function unique(): (acl: AclEntry) => boolean {
  const seen = new Set<string>();
  return (acl) => {
    const key = aclKey(acl);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
