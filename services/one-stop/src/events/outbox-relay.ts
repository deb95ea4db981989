import { Counter, Gauge, type Registry } from 'prom-client';
import { withTransaction, type Pool } from '@motlan/db';
import type { EventProducer, TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  key: string;
  event_type: string;
  payload: object;
  correlation_id: string;
  /** The writing request's W3C traceparent (NULL outside a trace). */
  traceparent: string | null;
}

export interface OutboxRelaySettings {
  pool: Pool;
  producer: EventProducer;
  /** Declared topic name → the topic to publish to (prefixed in tests and shared clusters). */
  topics: Record<string, TopicDefinition<object>>;
  logger: Logger;
  registry?: Registry;
  intervalMs?: number;
  /**
   * After a pass that found events but not a full batch, how long to let commits gather before the
   * next: under load, one pass (five statements and a produce) serves many commits, not one each.
   */
  lingerMs?: number;
}

/**
 * One relay publishes at a time (across instances of this service), so events leave in outbox
 * order. The lock is per schema: several meshes or tests may share one database.
 */
const RELAY_LOCK = 'motlan-one-stop-outbox';
const BATCH_SIZE = 500;

/**
 * Publishes the outbox to Kafka. The dossier change and its events commit in one transaction; the
 * relay then publishes pending events in order and marks them sent in the same database
 * transaction that selected them. A crash before the publish leaves them pending: published once
 * after the restart. A crash after the broker acknowledged but before the mark committed re-sends
 * them with the same event ids, which consumers de-duplicate.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;
  private readonly published: Counter | undefined;
  private readonly pending: Gauge | undefined;

  constructor(private readonly settings: OutboxRelaySettings) {
    const registers = settings.registry ? [settings.registry] : [];
    if (settings.registry) {
      this.published = new Counter({
        name: 'motlan_outbox_published_total',
        help: 'Outbox events published to Kafka, by topic',
        labelNames: ['topic'],
        registers,
      });
      this.pending = new Gauge({
        name: 'motlan_outbox_pending',
        help: 'Outbox events not yet published',
        registers,
        collect: async () => {
          const { rows } = await settings.pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
          );
          this.pending?.set(Number(rows[0]?.n ?? 0));
        },
      });
    }
  }

  /** Publishes one batch of pending events; resolves with how many. */
  async relayOnce(batchSize = BATCH_SIZE): Promise<number> {
    return withTransaction(this.settings.pool, async (tx) => {
      const { rows: lock } = await tx.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':' || $1)) AS locked",
        [RELAY_LOCK],
      );
      if (!lock[0]?.locked) return 0;
      const { rows } = await tx.query<OutboxRow>(
        'SELECT * FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1',
        [batchSize],
      );
      if (rows.length === 0) return 0;
      // Consecutive events of one topic go in one request; topics alternate in outbox order.
      for (let start = 0; start < rows.length;) {
        let end = start + 1;
        while (end < rows.length && rows[end]!.topic === rows[start]!.topic) end += 1;
        const group = rows.slice(start, end);
        const topic = this.settings.topics[group[0]!.topic];
        if (!topic) throw new TypeError(`outbox names an undeclared topic ${group[0]!.topic}`);
        await this.settings.producer.publish(
          topic,
          group.map((row) => ({
            key: row.key,
            value: row.payload,
            eventId: row.event_id,
            eventType: row.event_type,
            correlationId: row.correlation_id,
            // The publish continues the trace of the request that wrote the event.
            ...(row.traceparent ? { traceparent: row.traceparent } : {}),
          })),
        );
        this.published?.inc({ topic: group[0]!.topic }, group.length);
        start = end;
      }
      await tx.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
        rows.map((row) => row.seq),
      ]);
      return rows.length;
    });
  }

  /** Relays until nothing is pending (tests, shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (let sent = await this.relayOnce(); sent > 0; sent = await this.relayOnce()) total += sent;
    return total;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Asks for a relay pass now (after a commit) instead of at the next interval. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.wakeRequested = false;
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (error) {
        this.settings.logger.warn({ err: error }, 'outbox relay failed; will retry');
      }
      if (this.stopped || sent === BATCH_SIZE) continue;
      if (sent > 0 || this.wakeRequested) {
        await new Promise((resolve) => setTimeout(resolve, this.settings.lingerMs ?? 5));
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, this.settings.intervalMs ?? 200);
      });
      clearTimeout(this.timer);
      this.wakeUp = undefined;
    }
  }

  /** Stops after a last pass, so events committed before shutdown are not left behind. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.running;
    await this.drain().catch((error: unknown) =>
      this.settings.logger.warn({ err: error }, 'outbox not drained at shutdown; relayed after restart'),
    );
  }
}
