import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestResources } from '@motlan/testkit';
import { appRoleOf, migrate } from '../src/index.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'motlan-db-test-'));
  resources.defer(async () => rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe("a schema's application role", () => {
  it('covers tables a later migration adds: append-only ones take no UPDATE, DELETE or TRUNCATE', async () => {
    const first = migrationsDir({
      '1800000000000_notes.sql': '-- Up Migration\nCREATE TABLE notes (id int PRIMARY KEY, body text);\n',
    });
    const { name, pool } = await resources.schema(first, 'db_role');
    await pool.query("INSERT INTO notes VALUES (1, 'a')");
    await pool.query("UPDATE notes SET body = 'b'");

    const later = migrationsDir({
      '1800000000001_ledger.sql': `-- Up Migration
CREATE TABLE ledger (id bigserial PRIMARY KEY, entry text NOT NULL);
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
`,
    });
    await migrate({ url: resources.databaseUrl, schema: name, dir: [first, later] });

    const { rows } = await pool.query<{ user: string }>('SELECT current_user AS user');
    expect(rows[0]!.user).toBe(appRoleOf(name));
    await pool.query("INSERT INTO ledger (entry) VALUES ('x')");
    for (const statement of ["UPDATE ledger SET entry = 'y'", 'DELETE FROM ledger', 'TRUNCATE ledger']) {
      await expect(pool.query(statement), statement).rejects.toMatchObject({ code: '42501' });
    }
    await expect(pool.query('DELETE FROM schema_migrations')).rejects.toMatchObject({ code: '42501' });
    await expect(pool.query('CREATE TABLE sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
    await pool.query('DELETE FROM notes');
    expect((await pool.query('SELECT entry FROM ledger')).rows).toEqual([{ entry: 'x' }]);
  });
});

describe('appRoleOf', () => {
  it('stays within the 63-character identifier limit, distinct per schema', () => {
    expect(appRoleOf('fact_registry')).toBe('fact_registry_app');
    const long = (tail: string) => `${'s'.repeat(60)}${tail}`;
    expect(appRoleOf(long('a')).length).toBeLessThanOrEqual(63);
    expect(appRoleOf(long('a'))).not.toBe(appRoleOf(long('b')));
  });
});
