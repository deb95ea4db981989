import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoleOf } from '@motlan/db';
import { KafkaTestClient } from '@motlan/kafka';
import { devCertificates, testKafkaConfig, TestResources, uniqueName } from '@motlan/testkit';
import {
  MigrationsComplete,
  openServiceDeps,
  type RuntimeContext,
  type RuntimeTask,
  type ServiceDepsSettings,
} from '../src/index.ts';

// Production's split (issue 15 part 4): the migration login owns the schema and runs the DDL; the
// service logs in as a role that is only a member of its schema's application role.
const MIGRATIONS = fileURLToPath(new URL('./fixtures/migrations/', import.meta.url));
const POLICY = fileURLToPath(new URL('../../../infra/policies/access-policy.json', import.meta.url));
const PREFIX = `${KafkaTestClient.topicPrefix}${uniqueName('least-privilege')}.`;

const resources = new TestResources();
afterAll(() => resources.cleanup());

async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: resources.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A login role that is a member of the schema's application role and nothing else. */
async function serviceLogin(schema: string): Promise<string> {
  const login = `${schema}_login`;
  await asOwner((client) => client.query(`CREATE ROLE ${login} LOGIN IN ROLE ${appRoleOf(schema)}`));
  resources.defer(() => asOwner((client) => client.query(`DROP ROLE IF EXISTS ${login}`)));
  const url = new URL(resources.databaseUrl);
  url.username = login;
  return url.toString();
}

function context(task: RuntimeTask): { context: RuntimeContext; close: () => Promise<void> } {
  const closes: (() => Promise<void> | void)[] = [];
  return {
    context: {
      name: 'fact-registry',
      logger: resources.logger,
      registry: new Registry(),
      task,
      onClose: (_step, close) => void closes.push(close),
      readiness: () => undefined,
    },
    close: async () => {
      for (let close = closes.pop(); close; close = closes.pop()) await close();
    },
  };
}

function settings(overrides: Partial<ServiceDepsSettings>): ServiceDepsSettings {
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

/** A fresh schema name, dropped with its application role at cleanup. */
function freshSchema(): string {
  const schema = uniqueName('lp', '_').replaceAll('-', '_').toLowerCase();
  resources.defer(() =>
    asOwner(async (client) => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`DROP OWNED BY ${appRoleOf(schema)}`).catch(() => undefined);
      await client.query(`DROP ROLE IF EXISTS ${appRoleOf(schema)}`);
    }),
  );
  return schema;
}

describe('least privilege in PostgreSQL (a migration login, a service login)', () => {
  it('a migrate run applies the migrations as the migration login and stops there', async () => {
    const schema = freshSchema();
    const run = context('migrate');
    const migrated = openServiceDeps(
      settings({ DATABASE_MIGRATION_URL: resources.databaseUrl }),
      run.context,
      { schema, migrations: [MIGRATIONS] },
    );
    await expect(migrated).rejects.toBeInstanceOf(MigrationsComplete);
    const error = (await migrated.catch((caught: unknown) => caught)) as MigrationsComplete;
    expect(error.applied).toContain('1732199990000_runtime-probe');
    // Nothing else was opened: no pool, no producer to close.
    await run.close();
    const owner = await asOwner((client) =>
      client.query<{ owner: string }>(
        'SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = $1',
        [schema],
      ),
    );
    expect(owner.rows[0]?.owner).toBe(new URL(resources.databaseUrl).username);
  });

  it('the service login verifies its schema, writes its own tables, and can do nothing else', async () => {
    await resources.declaredTopics(PREFIX);
    const schema = freshSchema();
    await openServiceDeps(settings({}), context('migrate').context, {
      schema,
      migrations: [MIGRATIONS],
    }).catch((error: unknown) => {
      if (!(error instanceof MigrationsComplete)) throw error;
    });
    const other = await resources.schema(MIGRATIONS, 'lp_other');
    const loginUrl = await serviceLogin(schema);
    const run = context('serve');
    const deps = await openServiceDeps(
      settings({ DATABASE_URL: loginUrl, DATABASE_MIGRATIONS: 'verify' }),
      run.context,
      { schema, migrations: [MIGRATIONS] },
    );
    try {
      await deps.pool.query('INSERT INTO runtime_probe (id) VALUES (1)');
      expect((await deps.pool.query('SELECT id FROM runtime_probe')).rows).toEqual([{ id: 1 }]);
      // 42501 insufficient_privilege for each of: DDL in its own schema, another service's schema,
      // rewriting its audit trail, and the same after leaving the application role.
      const refused = [
        'CREATE TABLE smuggled (id int)',
        `SELECT * FROM ${other.name}.runtime_probe`,
        'UPDATE audit_log SET subject = subject',
        'DELETE FROM audit_log',
        'DROP TABLE runtime_probe',
        `RESET ROLE; CREATE TABLE ${schema}.smuggled (id int)`,
      ];
      for (const statement of refused) {
        await expect(deps.pool.query(statement), statement).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await run.close();
    }
  });

  it('DATABASE_MIGRATIONS=verify refuses to start a schema behind its migrations, naming them, and changes nothing', async () => {
    const schema = freshSchema();
    await openServiceDeps(settings({}), context('migrate').context, {
      schema,
      migrations: [MIGRATIONS],
    }).catch((error: unknown) => {
      if (!(error instanceof MigrationsComplete)) throw error;
    });
    const later = mkdtempSync(join(tmpdir(), 'motlan-later-'));
    writeFileSync(join(later, '1732199990100_later.sql'), '-- Up Migration\nCREATE TABLE later (id int);\n');
    const run = context('serve');
    await expect(
      openServiceDeps(
        settings({ DATABASE_URL: await serviceLogin(schema), DATABASE_MIGRATIONS: 'verify' }),
        run.context,
        { schema, migrations: [MIGRATIONS, later] },
      ),
    ).rejects.toMatchObject({
      code: 'MOTLAN_RUNTIME_SCHEMA_BEHIND',
      message: expect.stringContaining('1732199990100_later'),
    });
    await run.close();
    const tables = await asOwner((client) =>
      client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [
        schema,
        'later',
      ]),
    );
    expect(tables.rowCount).toBe(0);
  });
});
