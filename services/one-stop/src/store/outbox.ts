import type { PoolClient } from '@motlan/db';
import { activeTraceparent } from '@motlan/kafka';

export interface OutboxEvent {
  eventId: string;
  /** The declared topic name (unprefixed), e.g. `dossier.events.v1`. */
  topic: string;
  key: string;
  eventType: string;
  /** The payload message as an object (encoded with the topic's protobuf message when relayed). */
  payload: object;
  correlationId: string;
}

export const OUTBOX_COLUMNS = 'event_id, topic, key, event_type, payload, correlation_id, traceparent';

/**
 * An event's row values, with the traceparent of the context that writes it (the request's), so
 * the relay's publish continues that trace; called inside the request, before its statement runs.
 */
export function outboxParams(event: OutboxEvent): unknown[] {
  return [
    event.eventId,
    event.topic,
    event.key,
    event.eventType,
    JSON.stringify(event.payload),
    event.correlationId,
    activeTraceparent() ?? null,
  ];
}

/** Writes events in the caller's transaction: they exist if and only if the change committed. */
export async function enqueue(tx: PoolClient, events: readonly OutboxEvent[]): Promise<void> {
  for (const event of events) {
    await tx.query(
      `INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      outboxParams(event),
    );
  }
}
