import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoleOf } from '@motlan/db';
import { KafkaTestClient } from '@motlan/kafka';
import { devCertificates, testKafkaConfig, TestResources, uniqueName } from '@motlan/testkit';
import type { ReadinessCheck } from '@motlan/http';
import { openServiceDeps, type RuntimeContext, type ServiceDepsSettings } from '../src/index.ts';

const MIGRATIONS = fileURLToPath(new URL('./fixtures/migrations/', import.meta.url));
const POLICY = fileURLToPath(new URL('../../../infra/policies/access-policy.json', import.meta.url));

const resources = new TestResources();
afterAll(() => resources.cleanup());

function contextFor(name: string) {
  const closes: { name: string; close: () => Promise<void> | void }[] = [];
  const checks = new Map<string, ReadinessCheck>();
  const context: RuntimeContext = {
    name,
    logger: resources.logger,
    registry: new Registry(),
    onClose: (step, close) => void closes.push({ name: step, close }),
    readiness: (check, run) => void checks.set(check, run),
  };
  return { context, closes, checks };
}

// Topics of its own, with the declared ACLs for their principals: an idempotent producer's
// InitProducerId is authorized by WRITE on some topic, and must not depend on another test's ACLs.
const PREFIX = `${KafkaTestClient.topicPrefix}${uniqueName('runtime')}.`;

function settings(overrides: Partial<ServiceDepsSettings> = {}): ServiceDepsSettings {
  return {
    ...testKafkaConfig(),
    KAFKA_TOPIC_PREFIX: PREFIX,
    DATABASE_URL: resources.databaseUrl,
    DATABASE_POOL_SIZE: 2,
    MTLS_CERT_DIR: devCertificates(),
    ACCESS_POLICY_FILE: POLICY,
    ...overrides,
  };
}

describe('openServiceDeps (real PostgreSQL and Kafka)', () => {
  it('migrates the audit trail and the service tables, opens pool and producer under its name, prefixes topics, and registers their close', async () => {
    await resources.declaredTopics(PREFIX);
    const { name: schema } = await resources.schema(undefined, 'runtime');
    const { context, closes, checks } = contextFor('fact-registry');
    const deps = await openServiceDeps(settings(), context, { schema, migrations: [MIGRATIONS] });
    try {
      const tables = await deps.pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      const names = tables.rows.map((row) => row.table_name);
      expect(names).toContain('runtime_probe');
      expect(names).toContain('audit_log');
      const role = await deps.pool.query<{ role: string; app: string }>(
        `SELECT current_user AS role, current_setting('application_name') AS app`,
      );
      expect(role.rows[0]).toEqual({ role: appRoleOf(schema), app: 'fact-registry' });
      expect(deps.tls.cert.toString()).toContain('BEGIN CERTIFICATE');
      expect(deps.factsTopic.name).toBe(`${PREFIX}citizen.facts.v1`);
      expect(deps.auditTopic.name).toBe(`${PREFIX}access.audit.v1`);
      expect(deps.auditAnchorsTopic.name).toBe(`${PREFIX}access.audit-anchors.v1`);
      expect(deps.registry).toBe(context.registry);
      // /ready's kafka check: the broker answers under the service's identity.
      expect([...checks.keys()]).toEqual(['kafka']);
      expect(await checks.get('kafka')!()).toBe(true);
    } finally {
      expect(closes.map((close) => close.name)).toEqual(['pool', 'producer', 'kafka readiness']);
      for (const close of closes.reverse()) await close.close();
    }
    await expect(deps.pool.query('SELECT 1')).rejects.toThrow();
  });

  it('a missing certificate fails before a pool or producer is opened', async () => {
    const { name: schema } = await resources.schema(undefined, 'runtime');
    const { context, closes } = contextFor('no-such-identity');
    await expect(openServiceDeps(settings(), context, { schema, migrations: [] })).rejects.toThrow();
    expect(closes).toEqual([]);
  });
});
