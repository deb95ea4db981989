import type { EventHandler, IncomingEvent } from './event-consumer.ts';

/**
 * Idempotent consumption: an event id is applied at most once. Implementations record the id in
 * the same transaction as the change it causes (see @motlan/db's `pgProcessedEvents`), so a crash
 * can never leave one without the other.
 */
export interface ProcessedEventStore<Tx = void> {
  /** Runs `work` unless `eventId` was applied before; resolves true when it ran. */
  runOnce(eventId: string, work: (tx: Tx) => Promise<void>): Promise<boolean>;
}

/** In-memory store for unit tests and single-process tools. */
export function memoryProcessedEvents(): ProcessedEventStore & { readonly size: number } {
  const seen = new Set<string>();
  return {
    get size() {
      return seen.size;
    },
    async runOnce(eventId, work) {
      if (seen.has(eventId)) return false;
      await work();
      seen.add(eventId);
      return true;
    },
  };
}

/** Wraps an apply function so each event id is applied once, in the store's transaction. */
export function onceOnly<T, Tx>(
  store: ProcessedEventStore<Tx>,
  apply: (event: IncomingEvent<T>, tx: Tx) => Promise<void>,
): EventHandler<T> {
  return async (event) =>
    (await store.runOnce(event.envelope.eventId, (tx) => apply(event, tx))) ? undefined : 'duplicate';
}
