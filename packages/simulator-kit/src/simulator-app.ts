import type { Pool } from '@motlan/db';
import { buildHttpApp, type HttpApp, type HttpAppSettings } from '@motlan/http';
import type { Logger } from '@motlan/logger';
import type { Registry } from 'prom-client';
import type { TSchema } from 'typebox';
import type { FaultInjector } from './faults.ts';

/** What a simulator's buildApp takes besides its config; `Changes` is its change generator. */
export interface SimulatorAppDeps<Changes> {
  pool: Pool;
  logger: Logger;
  registry?: Registry;
  faults?: FaultInjector;
  /** The change generator behind POST /admin/changes; main.ts also starts its ticks. */
  changes?: Changes;
  /** Clock for the simulator's auth (signature freshness, token expiry); Date.now by default. */
  now?: () => number;
}

export interface SimulatorHttpAppOptions {
  pool: Pool;
  logger: Logger;
  registry: Registry;
  openapi: HttpAppSettings['openapi'];
  /** The simulator's shared schemas (with `$id`), added before its routes. */
  schemas: readonly TSchema[];
  /** As in @motlan/http: off for an upstream that keeps what it is given. */
  textGate?: boolean;
}

/**
 * A simulator's HTTP app before its routes: @motlan/http's app (docs, health, metrics,
 * problem+json) that is ready while `SELECT 1` answers on the simulator's pool, with its
 * shared schemas added. Never listens.
 */
export async function buildSimulatorHttpApp(options: SimulatorHttpAppOptions): Promise<HttpApp> {
  const app = await buildHttpApp({
    logger: options.logger,
    registry: options.registry,
    openapi: options.openapi,
    readiness: {
      database: async () => {
        await options.pool.query('SELECT 1');
        return true;
      },
    },
    ...(options.textGate === undefined ? {} : { textGate: options.textGate }),
  });
  for (const schema of options.schemas) app.addSchema(schema);
  return app;
}
