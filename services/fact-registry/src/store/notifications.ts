import type { Pool, PoolClient } from '@motlan/db';
import type { factsV1 } from '@motlan/proto';
import { toFact, type HistoryRow } from './fact-queries.ts';

/** A current fact that changed value: (subject, type) is now `factId`, which superseded `supersedesFactId`. */
export interface FactChange {
  subject: string;
  type: string;
  factId: string;
  /** The fact it replaced as current; undefined when it is the first of its type for the subject. */
  supersedesFactId: string | undefined;
}

/**
 * In the transaction that applied the changes: one notification per change and live subscription
 * of its type whose citizens include the subject (the registry holds a fact about them from the
 * subscription's `citizens_held_by` source). The id is derived from (subscription, fact), so a
 * replayed fact makes no second notification and a subscriber sees one id however often it is
 * delivered. Returns how many were made.
 */
export async function recordNotifications(tx: PoolClient, changes: readonly FactChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO notifications (id, subscription_id, subject, fact_id, supersedes_fact_id, kafka)
     SELECT md5(s.id::text || ':' || c.fact_id)::uuid, s.id, c.subject, c.fact_id, NULLIF(c.supersedes, ''),
       s.delivery = 'kafka'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS c(subject, type, fact_id, supersedes, ord)
     JOIN subscriptions s ON s.deleted_at IS NULL AND c.type = ANY (s.fact_types)
     WHERE EXISTS (SELECT 1 FROM fact_history h WHERE h.subject = c.subject AND h.source_system = s.citizens_held_by)
     ORDER BY c.ord, s.id
     ON CONFLICT (id) DO NOTHING`,
    [
      changes.map((change) => change.subject),
      changes.map((change) => change.type),
      changes.map((change) => change.factId),
      changes.map((change) => change.supersedesFactId ?? ''),
    ],
  );
  return rowCount ?? 0;
}

/**
 * A position in a subscription's stream: the writing transaction's id and the row's sequence,
 * as text `<xid>.<seq>`. Rows are read in this order and only once every transaction that began
 * writing before theirs has ended, so nothing committed later can land behind a cursor already
 * handed out.
 */
export interface Cursor {
  xid: string;
  seq: string;
}

const CURSOR = /^([0-9]{1,20})\.([0-9]{1,19})$/;

export const START: Cursor = { xid: '0', seq: '0' };

/** The largest xid8 (unsigned 64-bit) and bigint (signed 64-bit) PostgreSQL takes. */
const MAX_XID = 2n ** 64n - 1n;
const MAX_SEQ = 2n ** 63n - 1n;

/** Parses a cursor handed out before; undefined when the text is not one (or out of range). */
export function parseCursor(text: string): Cursor | undefined {
  const match = CURSOR.exec(text);
  if (!match || BigInt(match[1]!) > MAX_XID || BigInt(match[2]!) > MAX_SEQ) return undefined;
  return { xid: match[1]!, seq: match[2]! };
}

export const formatCursor = (cursor: Cursor): string => `${cursor.xid}.${cursor.seq}`;

interface NotificationRow extends HistoryRow {
  seq: string;
  xid: string;
  notification_id: string;
  subscription_id: string;
  supersedes_fact_id: string | null;
  changed_at: Date;
  purpose: string;
  client: string;
}

/** A notification with what delivering it needs: to whom, under which purpose. */
export interface PendingNotification {
  notification: factsV1.Notification__Output;
  client: string;
  seq: string;
}

function toPending(row: NotificationRow): PendingNotification {
  return {
    client: row.client,
    seq: row.seq,
    notification: {
      id: row.notification_id,
      subscriptionId: row.subscription_id,
      cursor: formatCursor({ xid: row.xid, seq: row.seq }),
      purpose: row.purpose,
      fact: toFact(row),
      supersedesFactId: row.supersedes_fact_id ?? '',
      changedAt: row.changed_at.toISOString(),
    },
  };
}

const SELECT_NOTIFICATIONS = `SELECT n.seq::text AS seq, n.xid::text AS xid, n.id AS notification_id, n.subscription_id,
       n.supersedes_fact_id, n.changed_at, s.purpose, s.client, h.*
     FROM notifications n
     JOIN subscriptions s ON s.id = n.subscription_id
     JOIN fact_history h ON h.fact_id = n.fact_id`;

/** Up to `limit` notifications of one subscription after `after`, in stream order, of settled transactions only. */
export async function notificationsAfter(
  pool: Pool,
  subscriptionId: string,
  after: Cursor,
  limit: number,
): Promise<PendingNotification[]> {
  const { rows } = await pool.query<NotificationRow>(
    `${SELECT_NOTIFICATIONS}
     WHERE n.subscription_id = $1 AND (n.xid, n.seq) > ($2::xid8, $3::bigint)
       AND n.xid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY n.xid, n.seq LIMIT $4`,
    [subscriptionId, after.xid, after.seq, limit],
  );
  return rows.map(toPending);
}

/**
 * The Kafka relay's turn, inside its transaction: false when another relay holds the turn (one
 * relay publishes at a time, so order per citizen holds across registry instances).
 */
export async function takeRelayTurn(tx: PoolClient): Promise<boolean> {
  const { rows } = await tx.query<{ taken: boolean }>(
    "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':motlan-notification-relay')) AS taken",
  );
  return rows[0]!.taken;
}

/** Up to `limit` notifications due on Kafka topics, in stream order. */
export async function unpublishedNotifications(
  tx: PoolClient,
  limit: number,
): Promise<PendingNotification[]> {
  const { rows } = await tx.query<NotificationRow>(
    `${SELECT_NOTIFICATIONS}
     WHERE n.kafka AND n.published_at IS NULL ORDER BY n.xid, n.seq LIMIT $1`,
    [limit],
  );
  return rows.map(toPending);
}

export async function markPublished(tx: PoolClient, seqs: readonly string[]): Promise<void> {
  if (seqs.length === 0) return;
  await tx.query(`UPDATE notifications SET published_at = now() WHERE seq = ANY($1::bigint[])`, [seqs]);
}
