import pg from 'pg';
import {
  createKafka,
  deleteTopics,
  ensureTopics,
  renamed,
  withDeadLetter,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import { appRoleOf, createPool, dropAppRole, migrate, type Pool } from '@motlan/db';
import { createLogger, type Logger } from '@motlan/logger';
import { testDatabaseUrl, testKafkaBrokers, uniqueName } from './test-env.ts';

/**
 * Real resources for one test file: fresh topics, consumer groups and schemas, each removed
 * by `cleanup()` (call it in afterAll/afterEach). Everything is created where it is used.
 */
export class TestResources {
  readonly logger: Logger = createLogger({ name: 'test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  readonly kafka: Kafka = createKafka({
    brokers: testKafkaBrokers(),
    clientId: uniqueName('test'),
    logger: this.logger,
  });
  readonly databaseUrl = testDatabaseUrl();
  private readonly cleanups: (() => Promise<void>)[] = [];

  /** Registers something to undo at cleanup (last registered, first undone). */
  defer(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  /** A fresh copy of a declared topic (and its dead-letter twin) under a unique name. */
  async topic<T>(definition: TopicDefinition<T>): Promise<TopicDefinition<T>> {
    const fresh = renamed(definition, uniqueName(`test.${definition.name}`, '.'));
    const created = withDeadLetter(fresh);
    await ensureTopics(this.kafka, created);
    this.defer(() =>
      deleteTopics(
        this.kafka,
        created.map((topic) => topic.name),
      ),
    );
    return fresh;
  }

  groupId(prefix = 'test-group'): string {
    return uniqueName(prefix);
  }

  /**
   * A fresh schema with the given migrations applied, and a pool whose search_path is it. With
   * migrations, the pool runs as the schema's application role, as a service's pool does (no
   * UPDATE/DELETE/TRUNCATE on append-only tables); `ownerPool` is the login's own, for what only
   * a database administrator may do.
   */
  async schema(
    migrationsDir?: string | string[],
    prefix = 'test',
  ): Promise<{ name: string; pool: Pool; ownerPool: Pool }> {
    const name = uniqueName(prefix, '_').replaceAll('-', '_').toLowerCase();
    if (migrationsDir) {
      await migrate({ url: this.databaseUrl, schema: name, dir: migrationsDir });
    } else {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      await client.connect();
      await client.query(`CREATE SCHEMA ${name}`);
      await client.end();
    }
    const settings = { url: this.databaseUrl, schema: name, applicationName: 'test', max: 5 };
    const ownerPool = createPool({ ...settings, ...(migrationsDir ? { max: 2 } : {}) });
    const pool = migrationsDir ? createPool({ ...settings, role: appRoleOf(name) }) : ownerPool;
    this.defer(async () => {
      await pool.end();
      if (ownerPool !== pool) await ownerPool.end();
      const client = new pg.Client({ connectionString: this.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await dropAppRole(client, name);
      await client.end();
    });
    return { name, pool, ownerPool };
  }

  async cleanup(): Promise<void> {
    while (this.cleanups.length > 0) {
      const cleanup = this.cleanups.pop()!;
      await cleanup().catch((error: unknown) => this.logger.warn({ err: error }, 'cleanup failed'));
    }
  }
}
