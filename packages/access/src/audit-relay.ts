import type { Pool } from '@motlan/db';
import { Topics, type EventProducer, type TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { auditV1 } from '@motlan/proto';

const BATCH_SIZE = 500;

/**
 * The audit table doubles as a transactional outbox: links are written with the request, and
 * this relay publishes them to access.audit.v1 afterwards, marking them sent. A crash between
 * publish and mark re-sends the same audit ids, which consumers recognise.
 */
export class AuditRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly producer: EventProducer,
    private readonly discloser: string,
    private readonly logger: Logger,
    private readonly topic: TopicDefinition<auditV1.AccessAudited__Output> = Topics.accessAudit,
    private readonly intervalMs = 200,
    /**
     * After a pass that sent links but not a full batch, how long to let more gather: at a few
     * hundred reads a second, one pass (a select, a produce, an update) then carries several links
     * instead of one each. Nobody waits on this path; the reads were durable when they were answered.
     */
    private readonly lingerMs = 20,
  ) {}

  /** Publishes one batch of unsent links; resolves with how many. */
  async relayOnce(batchSize = BATCH_SIZE): Promise<number> {
    const { rows } = await this.pool.query<{
      chain: string;
      sequence: string;
      audit_id: string;
      subject: string;
      client: string;
      purpose: string;
      fact_types: string[];
      outcome: string;
      occurred_at: Date;
      request_id: string;
      hash: string;
    }>('SELECT * FROM audit_log WHERE NOT published ORDER BY recorded_at, sequence LIMIT $1', [batchSize]);
    if (rows.length === 0) return 0;
    await this.producer.publish(
      this.topic,
      rows.map((row) => ({
        key: row.subject,
        eventId: row.audit_id,
        eventType: `access.${row.outcome}`,
        value: {
          auditId: row.audit_id,
          personalId: row.subject,
          client: row.client,
          purpose: row.purpose,
          factTypes: row.fact_types,
          outcome: row.outcome,
          occurredAt: row.occurred_at.toISOString(),
          requestId: row.request_id,
          discloser: this.discloser,
          sequence: row.sequence,
          hash: row.hash,
        },
      })),
    );
    await this.pool.query('UPDATE audit_log SET published = true WHERE audit_id = ANY($1::text[])', [
      rows.map((row) => row.audit_id),
    ]);
    return rows.length;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (error) {
        this.logger.warn({ err: error }, 'audit relay failed; will retry');
      }
      const pause = sent === BATCH_SIZE ? 0 : sent > 0 ? this.lingerMs : this.intervalMs;
      if (!this.stopped) this.timer = setTimeout(() => (this.running = tick()), pause);
    };
    this.running = tick();
  }

  /** Stops after a last batch, so links written before shutdown are not left behind. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.relayOnce().catch(() => undefined);
  }
}
