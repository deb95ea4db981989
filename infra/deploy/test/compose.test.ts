import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KafkaGrants } from '@motlan/kafka';
import { BROKERS } from '../src/compose/compose-file.ts';
import { DEPLOY_ROOT } from '../src/repo-root.ts';
import { workloads } from '../src/workloads.ts';
import { validateCompose } from './support/compose-validation.ts';

type Service = {
  environment: Record<string, string>;
  depends_on: Record<string, { condition: string }>;
  healthcheck?: unknown;
  secrets: string[];
  build?: { args: Record<string, string> };
};
const compose = parse(readFileSync(join(DEPLOY_ROOT, 'compose/compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};

describe('compose.yaml', () => {
  it('is valid by the Compose Specification’s schema, its dependencies and secrets resolve', () => {
    expect(validateCompose(compose)).toEqual([]);
  });

  it('runs three KRaft brokers with replication 3 and min.insync.replicas 2, mutual TLS and ACLs', () => {
    for (const broker of BROKERS) {
      const env = compose.services[broker]!.environment;
      expect(env).toMatchObject({
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093',
        KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_SSL_CLIENT_AUTH: 'required',
        KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false',
      });
      expect(compose.services[broker]!.healthcheck).toBeDefined();
    }
  });

  it('starts every workload after the setup job and its callees are healthy, with its certificate as a secret', () => {
    for (const workload of workloads) {
      const service = compose.services[workload.name]!;
      expect(service.depends_on['setup']).toEqual({ condition: 'service_completed_successfully' });
      for (const call of workload.calls) {
        expect(service.depends_on[call.workload]).toEqual({ condition: 'service_healthy' });
      }
      expect(service.secrets).toEqual(
        expect.arrayContaining(['ca.pem', `${workload.name}.pem`, `${workload.name}-key.pem`]),
      );
      expect(service.healthcheck).toBeDefined();
      expect(service.build?.args['SERVICE']).toBe(workload.folder);
    }
    expect(compose.services['setup']!.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
    });
  });

  it('bakes no secret in: the database password comes from the environment, certificates from files', () => {
    const text = readFileSync(join(DEPLOY_ROOT, 'compose/compose.yaml'), 'utf8');
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(compose.services['postgres']!.environment['POSTGRES_PASSWORD']).toBe(
      '${MOTLAN_DB_PASSWORD:?set MOTLAN_DB_PASSWORD}',
    );
    for (const secret of Object.values(compose.secrets))
      expect(secret.file).toMatch(/^\.\.\/\.\.\/certs\/\.certs\//);
    // Every Kafka identity a container presents has its ACLs in topic-access.ts (or is a broker or the admin).
    const identities = Object.keys(compose.secrets)
      .filter((name) => name.endsWith('-key.pem'))
      .map((name) => name.replace(/-key\.pem$/, ''));
    for (const identity of identities) {
      expect(
        identity in KafkaGrants ||
          [...BROKERS, 'kafka-admin'].includes(identity) ||
          workloads.some((w) => w.name === identity),
      ).toBe(true);
    }
  });

  it('the validator rejects an unknown key, a bad dependency condition and a dependency on no service', () => {
    const broken = structuredClone(compose);
    broken.services['one-stop']!.depends_on['fact-registry'] = { condition: 'when_ready' };
    expect(validateCompose(broken).join('\n')).toMatch(
      /depends_on\/fact-registry\/condition must be equal to one of the allowed values/,
    );

    const typo = structuredClone(compose);
    Object.assign(typo.services['one-stop']!, { helthcheck: {} });
    expect(validateCompose(typo).join('\n')).toMatch(/must NOT have additional properties.*helthcheck/);

    const dangling = structuredClone(compose);
    dangling.services['one-stop']!.depends_on['registry'] = { condition: 'service_healthy' };
    expect(validateCompose(dangling)).toEqual(['/services/one-stop/depends_on names no service registry']);
  });
});
