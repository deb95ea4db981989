import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { assertSchemaName } from './pool.ts';
import { applyAppRoleGrants } from './roles.ts';

/** Tables every service schema has (processed_events), applied before the service's own. */
const SHARED_MIGRATIONS = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface MigrateSettings {
  url: string;
  schema: string;
  /** Migration folders (`<timestamp>_<name>.sql` files with `-- Up Migration`), e.g. a kit's and the service's. */
  dir: string | string[];
  log?: (message: string) => void;
}

/**
 * Creates the service's schema if needed and applies its pending migrations inside it, under a
 * per-schema advisory lock so concurrent starts of one service wait for each other; then
 * (re)applies the grants of the schema's application role (`appRoleOf`), which the service's pool
 * runs as: append-only tables (an `append_only_guard` trigger) take no UPDATE, DELETE or TRUNCATE.
 */
export async function migrate(settings: MigrateSettings): Promise<string[]> {
  const schema = assertSchemaName(settings.schema);
  const client = new pg.Client({ connectionString: settings.url });
  await client.connect();
  try {
    // node-pg-migrate's own lock is global and fails at once when taken; ours is per schema and
    // waits, so services (and parallel tests) migrating different schemas do not collide.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`motlan-migrate:${schema}`]);
    const applied = await runner({
      dbClient: client,
      // Several folders need glob mode; files from all of them run in timestamp order.
      dir: [SHARED_MIGRATIONS, ...[settings.dir].flat()].map((dir) => `${dir.replace(/\/$/, '')}/*.sql`),
      useGlob: true,
      direction: 'up',
      schema,
      createSchema: true,
      migrationsSchema: schema,
      migrationsTable: 'schema_migrations',
      checkOrder: false,
      noLock: true,
      log: settings.log ?? (() => undefined),
      logger: undefined,
      verbose: false,
    });
    await applyAppRoleGrants(client, schema);
    return applied.map((migration) => migration.name);
  } finally {
    await client.end();
  }
}

/**
 * The migrations of `settings.dir` (and the shared ones) not yet applied to the schema, by name
 * (file name without `.sql`), in timestamp order; all of them when the schema has no migration
 * table yet. Reads only: the login needs no more than SELECT on `<schema>.schema_migrations`, which
 * every application role has — so a service that does not migrate can tell it is behind.
 */
export async function pendingMigrations(settings: Omit<MigrateSettings, 'log'>): Promise<string[]> {
  const schema = assertSchemaName(settings.schema);
  const wanted = [SHARED_MIGRATIONS, ...[settings.dir].flat()]
    .flatMap((dir) => readdirSync(dir).filter((file) => file.endsWith('.sql')))
    .map((file) => basename(file, '.sql'))
    .sort();
  const client = new pg.Client({ connectionString: settings.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query('SELECT to_regclass($1) AS present', [
      `${schema}.schema_migrations`,
    ]);
    if (!tables[0]?.present) return wanted;
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM ${schema}.schema_migrations`);
    const applied = new Set(rows.map((row) => row.name));
    return wanted.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}
