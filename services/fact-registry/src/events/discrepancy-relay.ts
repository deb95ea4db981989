import { Counter, type Registry } from 'prom-client';
import { withTransaction, type Pool } from '@motlan/db';
import type { EventProducer, TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { factsV1 } from '@motlan/proto';

interface OutboxRow {
  seq: string;
  event_id: string;
  subject: string;
  event_type: string;
  payload: factsV1.DiscrepancyEvent__Output;
}

export interface DiscrepancyRelaySettings {
  pool: Pool;
  producer: EventProducer;
  /** citizen.discrepancies.v1 with KAFKA_TOPIC_PREFIX (tests give a fresh topic). */
  topic: TopicDefinition<factsV1.DiscrepancyEvent__Output>;
  logger: Logger;
  registry?: Registry;
  /** Idle poll interval (ms). */
  intervalMs?: number;
}

/** One relay publishes at a time per schema (several registries or tests may share a database). */
const RELAY_LOCK = 'motlan-fact-registry-discrepancy-outbox';
const BATCH_SIZE = 500;

/**
 * Publishes `discrepancy_outbox` to citizen.discrepancies.v1: key = personal ID, event id = the
 * outbox row's id, event type `discrepancy.opened|updated|resolved`. Pending rows are selected in
 * seq order and marked in the same transaction once the broker acknowledged them: a crash in
 * between re-sends them with the same event ids (at-least-once; consumers de-duplicate). Each
 * citizen's rows are written by one partition's consumer in commit order, so order per citizen holds.
 */
export class DiscrepancyRelay {
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly published: Counter | undefined;

  constructor(private readonly settings: DiscrepancyRelaySettings) {
    if (settings.registry) {
      this.published = new Counter({
        name: 'motlan_discrepancy_events_published_total',
        help: 'Discrepancy events published to citizen.discrepancies.v1, by event type',
        labelNames: ['event_type'],
        registers: [settings.registry],
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
        `SELECT seq, event_id, subject, event_type, payload FROM discrepancy_outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      await this.settings.producer.publish(
        this.settings.topic,
        rows.map((row) => ({
          key: row.subject,
          value: row.payload,
          eventId: row.event_id,
          eventType: row.event_type,
          correlationId: row.payload.discrepancyId,
        })),
      );
      for (const row of rows) this.published?.inc({ event_type: row.event_type });
      await tx.query('UPDATE discrepancy_outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
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

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (error) {
        this.settings.logger.warn({ err: error }, 'discrepancy relay failed; will retry');
      }
      if (this.stopped || sent === BATCH_SIZE) continue;
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
      this.settings.logger.warn(
        { err: error },
        'discrepancy outbox not drained at shutdown; relayed after restart',
      ),
    );
  }
}
