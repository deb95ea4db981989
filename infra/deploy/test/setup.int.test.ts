import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { allTopics, declaredAcls, deleteTopics, KafkaTestClient, removeAcls } from '@motlan/kafka';
import { dropAppRole } from '@motlan/db';
import { TestResources, uniqueName } from '@motlan/testkit';
import { REPO_ROOT } from '../src/repo-root.ts';
import { migrationPlan, provisionDeclaredTopics, runMigrations } from '../src/setup.ts';
import { workloads } from '../src/workloads.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: resources.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('the setup job', () => {
  it('migrates every service schema once (a second run applies nothing), the audit trail in each', async () => {
    // Fresh schemas in place of the real ones, through the variables each service reads.
    const env = Object.fromEntries(
      workloads
        .filter((w) => w.migrations.length > 0)
        .map((w) => [w.schema.variable, uniqueName('test_setup', '_')]),
    );
    const plan = migrationPlan(REPO_ROOT, env);
    resources.defer(async () => {
      const client = new pg.Client({ connectionString: resources.databaseUrl });
      await client.connect();
      for (const entry of plan) {
        await client.query(`DROP SCHEMA IF EXISTS ${entry.schema} CASCADE`);
        await dropAppRole(client, entry.schema);
      }
      await client.end();
    });

    const first = await runMigrations(resources.databaseUrl, plan, resources.logger);
    for (const entry of plan) {
      expect(first[entry.schema]!.length, entry.schema).toBeGreaterThan(0);
      const tables = await query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [entry.schema],
      );
      expect(tables.map((t) => t.table_name)).toContain('audit_log');
    }
    const registry = plan.find((entry) => entry.workload === 'fact-registry')!;
    const registryTables = await query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [registry.schema],
    );
    expect(registryTables.map((t) => t.table_name)).toContain('fact_history');

    const second = await runMigrations(resources.databaseUrl, plan, resources.logger);
    expect(Object.values(second).flat()).toEqual([]);
  });

  it('creates every declared topic with its partitions, and the declared ACLs, under a prefix', async () => {
    const prefix = `${uniqueName(KafkaTestClient.topicPrefix + 'setup', '.')}.`;
    const expected = allTopics(prefix);
    resources.defer(async () => {
      await removeAcls(resources.admin, declaredAcls(prefix));
      await deleteTopics(
        resources.admin,
        expected.map((topic) => topic.name),
      );
    });

    const result = await provisionDeclaredTopics(resources.admin, prefix);
    expect(result.created.sort()).toEqual(expected.map((topic) => topic.name).sort());
    expect(result.acls).toBe('applied');

    const admin = resources.admin.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: expected.map((topic) => topic.name) });
      for (const topic of expected) {
        const found = metadata.topics.find((t) => t.name === topic.name);
        expect(found?.partitions.length, topic.name).toBe(topic.partitions);
      }
      const acls = await admin.describeAcls({
        resourceType: 2, // TOPIC
        resourceName: `${prefix}citizen.facts.v1`,
        resourcePatternType: 3, // LITERAL
        operation: 1, // ANY
        permissionType: 1, // ANY
      });
      const principals = acls.resources.flatMap((resource) => resource.acls.map((acl) => acl.principal));
      expect(new Set(principals)).toEqual(
        new Set([
          'User:population-adapter',
          'User:military-personnel-adapter',
          'User:fact-registry',
          'User:one-stop',
          'User:operator',
          'User:ops-console',
        ]),
      );
    } finally {
      await admin.disconnect();
    }

    // Idempotent: a second run creates nothing.
    expect((await provisionDeclaredTopics(resources.admin, prefix)).created).toEqual([]);
  });
});
