import pg from 'pg';
import { instrumentPostgres } from '@motlan/telemetry';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface PoolSettings {
  url: string;
  /** The service's own schema; unqualified table names resolve to it. */
  schema: string;
  max?: number;
  applicationName: string;
  /**
   * The role every connection switches to (SET ROLE on connect), e.g. `appRoleOf(schema)` for a
   * service: its rights, not the login's, then apply. Unset: the login's own role.
   */
  role?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`Not a safe schema name: ${schema}`);
  return schema;
}

// Queries become spans of the caller's trace (@motlan/telemetry; none outside a trace).
instrumentPostgres(pg);

export function createPool(settings: PoolSettings): Pool {
  return new pg.Pool({
    connectionString: settings.url,
    max: settings.max ?? 10,
    application_name: settings.applicationName,
    options:
      `-c search_path=${assertSchemaName(settings.schema)},public` +
      (settings.role ? ` -c role=${assertSchemaName(settings.role)}` : ''),
    idleTimeoutMillis: 30_000,
  });
}

/** Runs `work` in one transaction; rolls back on any error. */
export async function withTransaction<R>(pool: Pool, work: (client: PoolClient) => Promise<R>): Promise<R> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
