import { createPool, migrate, type Pool } from '@motlan/db';
import type { Logger } from '@motlan/logger';

export interface OpenSchemaOptions {
  /** PostgreSQL URL (DATABASE_URL). */
  url: string;
  /** The simulator's own schema; created and migrated first. */
  schema: string;
  /** The simulator's migrations folder. */
  migrationsDir: string;
  /** Pool size (DATABASE_POOL_SIZE). */
  max: number;
  /** PostgreSQL application_name, e.g. `sim-national-population-db`. */
  applicationName: string;
  /** Told which migrations were applied (info); nothing is logged without it. */
  logger?: Logger;
}

/** Migrates the simulator's schema (logging what was applied), then opens a pool on it (main and seed CLI). */
export async function openSchema(options: OpenSchemaOptions): Promise<Pool> {
  const applied = await migrate({ url: options.url, schema: options.schema, dir: options.migrationsDir });
  if (applied.length > 0) options.logger?.info({ migrations: applied }, 'migrations applied');
  return createPool({
    url: options.url,
    schema: options.schema,
    max: options.max,
    applicationName: options.applicationName,
  });
}
