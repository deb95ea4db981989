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

/**
 * On the first SIGTERM or SIGINT: `close` (stop ticks, close the app, end the pool), then exit 0;
 * exit 1 with the error logged when closing fails. A second signal while closing does nothing.
 */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await close();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

/** Runs a process's main; an error it throws is printed to stderr and the process exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
