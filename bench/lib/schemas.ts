import pg from 'pg';
import { dropAppRole } from '@motlan/db';

/**
 * A schema name no run has used: `<prefix>_<time>_<random>`, valid for every service's schema
 * setting (lower case, digits, underscores).
 */
export function freshSchemaName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Drops the schemas a bench created, with everything in them, and the application role each got
 * from its migrations (a service started on it, or `migrate`); reports what it could not drop.
 */
export async function dropSchemas(databaseUrl: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    for (const schema of schemas) {
      await client
        .query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`)
        .then(() => dropAppRole(client, schema))
        .catch((error: Error) => console.warn(`bench: could not drop schema ${schema}: ${error.message}`));
    }
  } finally {
    await client.end();
  }
}
