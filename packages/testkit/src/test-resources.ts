import pg from 'pg';
import type { KafkaConfig } from '@motlan/config';
import {
  createKafka,
  declaredAcls,
  deleteTopics,
  ensureTopics,
  KAFKA_ADMIN_IDENTITY,
  KafkaTestClient,
  provisionKafka,
  removeAcls,
  prefixed,
  renamed,
  withDeadLetter,
  type Kafka,
  type TopicDefinition,
} from '@motlan/kafka';
import { appRoleOf, createPool, dropAppRole, migrate, type Pool } from '@motlan/db';
import { createLogger, type Logger } from '@motlan/logger';
import { testDatabaseUrl, testKafkaConfig, uniqueName } from './test-env.ts';

/**
 * Real resources for one test file: fresh topics, consumer groups and schemas, each removed
 * by `cleanup()` (call it in afterAll/afterEach). Everything is created where it is used.
 *
 * On Kafka, test code acts as `test-client` (KafkaTestClient): it may read and write topics
 * under `test.` and use groups under `test-`, nothing else. Topics and ACLs are made, as by the
 * project's admin step, by `kafka-admin`.
 */
export class TestResources {
  readonly logger: Logger = createLogger({ name: 'test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  readonly kafkaConfig: KafkaConfig = testKafkaConfig();
  /** The test code's own client (principal `test-client`). */
  readonly kafka: Kafka = this.kafkaAs(KafkaTestClient.identity);
  /** The admin step's client (principal `kafka-admin`, a super user): topics and ACLs only. */
  readonly admin: Kafka = this.kafkaAs(KAFKA_ADMIN_IDENTITY);
  readonly databaseUrl = testDatabaseUrl();
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  /** Registers something to undo at cleanup (last registered, first undone); what it resolves with is ignored. */
  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  /**
   * A client acting as `identity` (its certificate in KAFKA_SSL_CERT_DIR), e.g. a service's, to
   * check what that principal may do; `overrides` change the security settings (a rogue cert).
   */
  kafkaAs(identity: string, overrides: Partial<KafkaConfig> = {}): Kafka {
    return createKafka({
      config: { ...this.kafkaConfig, ...overrides },
      identity,
      clientId: uniqueName(`test-${identity}`),
      logger: this.logger,
    });
  }

  /** A fresh copy of a declared topic (and its dead-letter twin) under a unique name. */
  async topic<T>(definition: TopicDefinition<T>): Promise<TopicDefinition<T>> {
    const fresh = renamed(definition, uniqueName(`${KafkaTestClient.topicPrefix}${definition.name}`, '.'));
    const created = withDeadLetter(fresh);
    await ensureTopics(this.admin, created);
    this.defer(() =>
      deleteTopics(
        this.admin,
        created.map((topic) => topic.name),
      ),
    );
    return fresh;
  }

  /**
   * Copies of the given declared topics (and their dead-letter twins) under `prefix`, as a service
   * configured with KAFKA_TOPIC_PREFIX=`prefix` names them; removed at cleanup. No ACLs: for code
   * acting as the test client (`prefix` starts with `test.`).
   */
  async topicsUnder(prefix: string, definitions: readonly TopicDefinition[]): Promise<void> {
    const created = definitions.flatMap((definition) => withDeadLetter(prefixed(definition, prefix)));
    await ensureTopics(this.admin, created);
    this.defer(() =>
      deleteTopics(
        this.admin,
        created.map((topic) => topic.name),
      ),
    );
  }

  /**
   * Every declared topic under `prefix` with exactly the declared ACLs (topic-access.ts), as the
   * admin step makes them for a mesh: service processes on these topics act as themselves.
   * Topics and ACLs are removed at cleanup. `prefix` starts with `test.` so test code reads them.
   */
  async declaredTopics(prefix: string): Promise<void> {
    const provisioned = await provisionKafka(this.admin, { ...this.kafkaConfig, KAFKA_TOPIC_PREFIX: prefix });
    this.defer(async () => {
      if (this.kafkaConfig.KAFKA_SECURITY === 'ssl') await removeAcls(this.admin, declaredAcls(prefix));
      await deleteTopics(this.admin, provisioned.created);
    });
  }

  /** A consumer group name of the test client's (under `test-`). */
  groupId(prefix = 'group'): string {
    return uniqueName(`${KafkaTestClient.groupPrefix}${prefix}`);
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
