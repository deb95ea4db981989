import type { Pool, PoolClient } from './pool.ts';
import { withTransaction } from './pool.ts';

/**
 * PostgreSQL-backed idempotency (structurally a `ProcessedEventStore<PoolClient>` of
 * @motlan/kafka): the event id is inserted in the same transaction as the work, so the change
 * and the record of having made it commit together or not at all.
 */
export function pgProcessedEvents(pool: Pool) {
  return {
    runOnce(eventId: string, work: (tx: PoolClient) => Promise<void>): Promise<boolean> {
      return withTransaction(pool, async (tx) => {
        const inserted = await tx.query(
          'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING',
          [eventId],
        );
        if (inserted.rowCount === 0) return false;
        await work(tx);
        return true;
      });
    },
  };
}
