import type { Pool, PoolClient } from '@motlan/db';

/**
 * Runs `work` on one connection of an owner pool with triggers off (session_replication_role =
 * replica, superuser only): what a database administrator can do and a service role cannot, e.g.
 * tamper with an append-only audit table to prove the verify command notices.
 */
export async function asAdministrator<R>(
  ownerPool: Pool,
  work: (client: PoolClient) => Promise<R>,
): Promise<R> {
  const client = await ownerPool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    return await work(client);
  } finally {
    await client.query('RESET session_replication_role').catch(() => undefined);
    client.release();
  }
}
