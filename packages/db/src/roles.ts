import { createHash } from 'node:crypto';
import type pg from 'pg';
import { assertSchemaName } from './pool.ts';

/** The trigger function (migrations/0000000000001) whose presence on a table marks it append-only. */
export const APPEND_ONLY_GUARD = 'append_only_guard';

const MAX_IDENTIFIER = 63;

/**
 * The application role of a schema: `<schema>_app` (shortened with a hash past PostgreSQL's
 * 63-character identifier limit). The service's pool runs as it (`createPool({ role })`).
 */
export function appRoleOf(schema: string): string {
  assertSchemaName(schema);
  const role = `${schema}_app`;
  if (role.length <= MAX_IDENTIFIER) return role;
  const digest = createHash('sha256').update(schema).digest('hex').slice(0, 8);
  return `${schema.slice(0, MAX_IDENTIFIER - 13)}_${digest}_app`;
}

/**
 * Creates the schema's application role if needed and (re)applies its grants: every table and
 * sequence of the schema may be read and written, except that append-only tables (those with an
 * `append_only_guard` trigger) may only be read and inserted into, and the migration table only
 * read. Run after every migration, so tables added later are covered the same way.
 *
 * The role cannot log in: a service connects with the owner's login and switches to it (SET ROLE
 * on connect), so no second password exists. Outside development the login that migrates needs
 * CREATEROLE (or the role created beforehand) and membership in the role.
 */
export async function applyAppRoleGrants(client: pg.Client, schemaName: string): Promise<string> {
  const schema = assertSchemaName(schemaName);
  const role = appRoleOf(schema);
  await client.query(`DO $$ BEGIN
      CREATE ROLE ${role} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  const { rows } = await client.query<{ relname: string }>(
    `SELECT DISTINCT c.relname FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE n.nspname = $1 AND p.proname = $2 AND NOT t.tgisinternal`,
    [schema, APPEND_ONLY_GUARD],
  );
  const appendOnly = rows.map((row) => `${schema}.${quoteIdent(row.relname)}`);
  const statements = [
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${schema}.schema_migrations FROM ${role}`,
    ...appendOnly.map((table) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${role}`),
  ];
  await client.query(statements.join(';\n'));
  return role;
}

/** Drops a schema's application role (after its schema is dropped), e.g. when a test cleans up. */
export async function dropAppRole(client: pg.Client, schemaName: string): Promise<void> {
  const role = appRoleOf(schemaName);
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!rowCount) return;
  await client.query(`DROP OWNED BY ${role}`);
  await client.query(`DROP ROLE ${role}`);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
