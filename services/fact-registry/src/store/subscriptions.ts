import type { Pool } from '@motlan/db';

/** How a subscription's notifications reach its client (the wire's Delivery, as REST spells it). */
export type Delivery = 'kafka' | 'grpc-stream';

/** A subscription as stored: who, under which purpose, which types, for which citizens, how. */
export interface StoredSubscription {
  id: string;
  client: string;
  purpose: string;
  factTypes: string[];
  /** The source system whose registrants it covers. */
  citizensHeldBy: string;
  delivery: Delivery;
  createdAt: Date;
}

interface SubscriptionRow {
  id: string;
  client: string;
  purpose: string;
  fact_types: string[];
  citizens_held_by: string;
  delivery: Delivery;
  created_at: Date;
}

const toSubscription = (row: SubscriptionRow): StoredSubscription => ({
  id: row.id,
  client: row.client,
  purpose: row.purpose,
  factTypes: row.fact_types,
  citizensHeldBy: row.citizens_held_by,
  delivery: row.delivery,
  createdAt: row.created_at,
});

export async function insertSubscription(
  pool: Pool,
  subscription: Omit<StoredSubscription, 'createdAt'>,
): Promise<StoredSubscription> {
  const { rows } = await pool.query<SubscriptionRow>(
    `INSERT INTO subscriptions (id, client, purpose, fact_types, citizens_held_by, delivery)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [
      subscription.id,
      subscription.client,
      subscription.purpose,
      subscription.factTypes,
      subscription.citizensHeldBy,
      subscription.delivery,
    ],
  );
  return toSubscription(rows[0]!);
}

/** The client's live subscriptions, oldest first. */
export async function clientSubscriptions(pool: Pool, client: string): Promise<StoredSubscription[]> {
  const { rows } = await pool.query<SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE client = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [client],
  );
  return rows.map(toSubscription);
}

/** One live subscription of this client; undefined when it does not exist, was deleted or is another's. */
export async function clientSubscription(
  pool: Pool,
  client: string,
  id: string,
): Promise<StoredSubscription | undefined> {
  const { rows } = await pool.query<SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE id = $1 AND client = $2 AND deleted_at IS NULL`,
    [id, client],
  );
  return rows[0] ? toSubscription(rows[0]) : undefined;
}

/** Ends a live subscription of this client; false when there is none to end. */
export async function deleteSubscription(pool: Pool, client: string, id: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE subscriptions SET deleted_at = now() WHERE id = $1 AND client = $2 AND deleted_at IS NULL`,
    [id, client],
  );
  return rowCount === 1;
}
