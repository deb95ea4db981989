import type { Pool } from '@motlan/db';
import type { HttpApp } from '@motlan/http';
import type { TestResources } from '@motlan/testkit';
import { signRequest } from '../src/auth/signature.ts';
import { MIGRATIONS_DIR } from '../src/migrations-dir.ts';

export const KEY_ID = 'motlan-dev';
export const SECRET = 'motlan-dev-secret';

export interface CallOptions {
  body?: unknown;
  /** Sign the request (default true); false sends no authentication headers. */
  sign?: boolean;
  secret?: string;
  keyId?: string;
  timestamp?: number;
  officer?: string | null;
  requestId?: string;
  /** The raw body to send instead of JSON.stringify(body). */
  rawBody?: string;
}

/** Calls the app through inject() as an integrator would: signed, with officer and request ids. */
export async function call(
  app: HttpApp,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: CallOptions = {},
) {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {};
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.sign !== false) {
    Object.assign(
      headers,
      signRequest({
        keyId: options.keyId ?? KEY_ID,
        secret: options.secret ?? SECRET,
        method,
        path: url,
        body: payload ?? '',
        ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
      }),
    );
  }
  if (options.officer !== null) headers['x-officer-id'] = options.officer ?? 'officer-0001';
  if (options.requestId) headers['x-request-id'] = options.requestId;
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
}

/**
 * A fresh schema with the simulator's migrations, removed at cleanup, and a pool on the login's
 * own role: the simulator stands in for a system we do not own and runs without our service roles
 * (its reset truncates tables and restarts their sequences, which only their owner may).
 */
export async function freshSchema(
  resources: TestResources,
  prefix: string,
): Promise<{ name: string; pool: Pool }> {
  const { name, ownerPool } = await resources.schema(MIGRATIONS_DIR, prefix);
  return { name, pool: ownerPool };
}
