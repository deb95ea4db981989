import { describe, expect, it } from 'vitest';
import kafkajs, { type AclEntry } from 'kafkajs';
import { declaredAcls, KafkaGrants, testClientAcls, Topics } from '../src/index.ts';

const { AclOperationTypes, AclResourceTypes: Resource, ResourcePatternTypes: Pattern } = kafkajs;
/** kafkajs's enums are plain objects: name by number. */
const nameOf = (values: object, value: number) =>
  Object.entries(values).find(([, number]) => number === value)?.[0];

/** `principal op resource-name` lines, easy to read in a failure. */
const rights = (acls: AclEntry[], principal: string) =>
  acls
    .filter((acl) => acl.principal === `User:${principal}`)
    .map(
      (acl) =>
        `${nameOf(AclOperationTypes, acl.operation)} ${nameOf(Resource, acl.resourceType)} ${acl.resourceName}${acl.resourcePatternType === Pattern.PREFIXED ? '*' : ''}`,
    )
    .sort();

describe('the Kafka access declaration (topic-access.ts)', () => {
  it('grants each service exactly what it produces, consumes and dead-letters, and its groups', () => {
    const acls = declaredAcls();
    expect(rights(acls, 'population-adapter')).toEqual(
      [
        'DESCRIBE TOPIC access.audit-anchors.v1',
        'WRITE TOPIC access.audit-anchors.v1',
        'DESCRIBE TOPIC access.audit.v1',
        'DESCRIBE TOPIC citizen.facts.v1',
        'WRITE TOPIC access.audit.v1',
        'WRITE TOPIC citizen.facts.v1',
      ].sort(),
    );
    expect(rights(acls, 'fact-registry')).toEqual(
      [
        'DESCRIBE TOPIC access.audit-anchors.v1',
        'WRITE TOPIC access.audit-anchors.v1',
        'DELETE GROUP fact-registry*',
        'DESCRIBE GROUP fact-registry*',
        'DESCRIBE TOPIC access.audit.v1',
        'DESCRIBE TOPIC access.audit.v1.dlq',
        'DESCRIBE TOPIC citizen.facts.v1',
        'DESCRIBE TOPIC citizen.facts.v1.dlq',
        'READ GROUP fact-registry*',
        'READ TOPIC access.audit.v1',
        'READ TOPIC citizen.facts.v1',
        'WRITE TOPIC access.audit.v1',
        'WRITE TOPIC access.audit.v1.dlq',
        'WRITE TOPIC citizen.facts.v1',
        'WRITE TOPIC citizen.facts.v1.dlq',
        'DESCRIBE TOPIC citizen.discrepancies.v1',
        'WRITE TOPIC citizen.discrepancies.v1',
        ...['military-personnel-db', 'one-stop', 'bench-client'].flatMap((client) => [
          `DESCRIBE TOPIC citizen.notifications.v1.${client}`,
          `WRITE TOPIC citizen.notifications.v1.${client}`,
        ]),
      ].sort(),
    );
    expect(rights(acls, 'one-stop')).toEqual(
      [
        'DESCRIBE TOPIC access.audit-anchors.v1',
        'WRITE TOPIC access.audit-anchors.v1',
        'DESCRIBE TOPIC access.audit.v1',
        'DESCRIBE TOPIC citizen.facts.v1',
        'DESCRIBE TOPIC dossier.events.v1',
        'WRITE TOPIC access.audit.v1',
        'WRITE TOPIC citizen.facts.v1',
        'WRITE TOPIC dossier.events.v1',
        'DELETE GROUP one-stop*',
        'DESCRIBE GROUP one-stop*',
        'READ GROUP one-stop*',
        'DESCRIBE TOPIC citizen.notifications.v1.one-stop',
        'DESCRIBE TOPIC citizen.notifications.v1.one-stop.dlq',
        'READ TOPIC citizen.notifications.v1.one-stop',
        'WRITE TOPIC citizen.notifications.v1.one-stop.dlq',
      ].sort(),
    );
    // A subscriber reads its own notifications and nobody else's.
    expect(rights(acls, 'military-personnel-db').filter((right) => right.startsWith('READ TOPIC'))).toEqual([
      'READ TOPIC citizen.discrepancies.v1',
      'READ TOPIC citizen.notifications.v1.military-personnel-db',
    ]);
    expect(rights(acls, 'national-population-db').filter((right) => right.startsWith('READ TOPIC'))).toEqual([
      'READ TOPIC citizen.discrepancies.v1',
    ]);
    // The operators' tools: audit:verify reads the anchors; the motlan CLI reads every declared
    // topic and dead letter, writes back to source topics only (redrive, never to a dead letter
    // other than the anchors' own twin of audit:verify's consumer), sees the other groups' offsets.
    const declared = [
      'access.audit.v1',
      'access.audit-anchors.v1',
      'citizen.facts.v1',
      'dossier.events.v1',
      'citizen.discrepancies.v1',
      ...['military-personnel-db', 'one-stop', 'bench-client'].map((c) => `citizen.notifications.v1.${c}`),
    ];
    expect(rights(acls, 'operator')).toEqual(
      [
        ...new Set([
          ...['audit-verify', 'operator-'].flatMap((g) => [
            `DELETE GROUP ${g}*`,
            `DESCRIBE GROUP ${g}*`,
            `READ GROUP ${g}*`,
          ]),
          ...['fact-registry', 'one-stop', 'military-personnel-db', 'national-population-db', 'bench'].map(
            (g) => `DESCRIBE GROUP ${g}*`,
          ),
          // replay: moves the mesh's groups' offsets (never bench's).
          ...['fact-registry', 'one-stop', 'military-personnel-db', 'national-population-db'].map(
            (g) => `READ GROUP ${g}*`,
          ),
          ...declared.flatMap((t) => [
            `DESCRIBE TOPIC ${t}`,
            `READ TOPIC ${t}`,
            `WRITE TOPIC ${t}`,
            `DESCRIBE TOPIC ${t}.dlq`,
            `READ TOPIC ${t}.dlq`,
          ]),
          'WRITE TOPIC access.audit-anchors.v1.dlq',
        ]),
      ].sort(),
    );
    expect(rights(acls, 'operator').filter((r) => r.startsWith('WRITE TOPIC') && r.endsWith('.dlq'))).toEqual(
      ['WRITE TOPIC access.audit-anchors.v1.dlq'],
    );
    // The web console: the CLI's reading and redrive rights, no replay; it publishes its own audit.
    expect(rights(acls, 'ops-console')).toEqual(
      [
        ...new Set([
          ...['audit-verify', 'ops-console-'].flatMap((g) => [
            `DELETE GROUP ${g}*`,
            `DESCRIBE GROUP ${g}*`,
            `READ GROUP ${g}*`,
          ]),
          ...['fact-registry', 'one-stop', 'military-personnel-db', 'national-population-db', 'bench'].map(
            (g) => `DESCRIBE GROUP ${g}*`,
          ),
          ...declared.flatMap((t) => [
            `DESCRIBE TOPIC ${t}`,
            `READ TOPIC ${t}`,
            `WRITE TOPIC ${t}`,
            `DESCRIBE TOPIC ${t}.dlq`,
            `READ TOPIC ${t}.dlq`,
          ]),
          'WRITE TOPIC access.audit-anchors.v1.dlq',
        ]),
      ].sort(),
    );
    // Nobody else, and never a wildcard.
    expect(new Set(acls.map((acl) => acl.principal))).toEqual(
      new Set(Object.keys(KafkaGrants).map((name) => `User:${name}`)),
    );
    expect(acls.some((acl) => acl.resourceName === '*' || acl.resourceType === Resource.CLUSTER)).toBe(false);
  });

  it('puts every topic and group under KAFKA_TOPIC_PREFIX, so a prefixed mesh gets the same rights and no more', () => {
    const prefix = 'test.mesh-1.';
    const acls = declaredAcls(prefix);
    expect(acls).toHaveLength(declaredAcls().length);
    expect(acls.every((acl) => acl.resourceName.startsWith(prefix))).toBe(true);
    expect(rights(acls, 'fact-registry')).toContain(`READ TOPIC ${prefix}${Topics.citizenFacts.name}`);
    expect(rights(acls, 'fact-registry')).toContain(`READ GROUP ${prefix}fact-registry*`);
  });

  it('keeps the test client to topics under test. and groups under test-', () => {
    expect(rights(testClientAcls(), 'test-client')).toEqual(
      [
        'DELETE GROUP test-*',
        'DESCRIBE GROUP test-*',
        'DESCRIBE TOPIC test.*',
        'READ GROUP test-*',
        'READ TOPIC test.*',
        'WRITE TOPIC test.*',
      ].sort(),
    );
  });
});
