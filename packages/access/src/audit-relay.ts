import type { Pool } from '@motlan/db';
import {
  accessEventTypeOf,
  EventTypes,
  Topics,
  type EventProducer,
  type TopicDefinition,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { auditV1 } from '@motlan/proto';

const BATCH_SIZE = 500;

export type AuditLinksTopic = TopicDefinition<auditV1.AccessAudited__Output>;
export type AuditAnchorsTopic = TopicDefinition<auditV1.AuditAnchor__Output>;

/** Where a relay publishes: the links (access.audit.v1) and the chain heads (access.audit-anchors.v1). */
export interface AuditRelayTopics {
  links?: AuditLinksTopic;
  /** Default: the anchors topic beside `links` (same KAFKA_TOPIC_PREFIX); required for other names. */
  anchors?: AuditAnchorsTopic;
}

/**
 * The anchors topic that goes with an audit links topic: the declared one under the same prefix.
 * Throws a TypeError for a links topic of another name (a test's fresh topic): give both then.
 */
export function anchorsTopicFor(links: AuditLinksTopic): AuditAnchorsTopic {
  if (!links.name.endsWith(Topics.accessAudit.name)) {
    throw new TypeError(
      `No anchors topic goes with audit topic ${links.name}: pass { links, anchors } to AuditRelay`,
    );
  }
  const prefix = links.name.slice(0, links.name.length - Topics.accessAudit.name.length);
  return { ...Topics.accessAuditAnchors, name: prefix + Topics.accessAuditAnchors.name };
}

interface LinkRow {
  chain: string;
  sequence: string;
  audit_id: string;
  subject: string;
  client: string;
  purpose: string;
  fact_types: string[];
  // audit_log's CHECK constraint admits these two only.
  outcome: 'granted' | 'denied';
  occurred_at: Date;
  request_id: string;
  hash: string;
  /** The disclosing request's W3C traceparent (NULL outside a trace). */
  traceparent: string | null;
  published_through: string;
}

/**
 * Publishes the audit trail: links to access.audit.v1 (the table is the outbox; audit_relay_progress
 * holds, per chain, the last sequence sent, so audit_log itself is never updated), and after each
 * batch the head it reached of every chain in it to the compacted access.audit-anchors.v1. The
 * anchors are what `verifyAuditTrail` checks the database against; they are published before the
 * progress moves, so a link counts as relayed only once its chain's head covering it is anchored.
 * A crash between publish and progress re-sends the same audit ids (consumers recognise them) and
 * re-anchors the same heads. Nothing here is on a request's path: a batch every `intervalMs`.
 */
export class AuditRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly links: AuditLinksTopic;
  private readonly anchors: AuditAnchorsTopic;
  private store: string | undefined;

  /**
   * @param topics the links topic alone (its anchors topic is the declared one under the same
   *   prefix, see `anchorsTopicFor`), or both; default access.audit.v1 and access.audit-anchors.v1.
   */
  constructor(
    private readonly pool: Pool,
    private readonly producer: EventProducer,
    private readonly discloser: string,
    private readonly logger: Logger,
    topics: AuditLinksTopic | AuditRelayTopics = {},
    private readonly intervalMs = 200,
    /**
     * After a pass that sent links but not a full batch, how long to let more gather: at a few
     * hundred reads a second, one pass (a select, a produce, an update) then carries several links
     * instead of one each. Nobody waits on this path; the reads were durable when they were answered.
     */
    private readonly lingerMs = 20,
  ) {
    const given: AuditRelayTopics = 'name' in topics ? { links: topics as AuditLinksTopic } : topics;
    this.links = given.links ?? Topics.accessAudit;
    this.anchors = given.anchors ?? anchorsTopicFor(this.links);
  }

  /** Publishes one batch of unsent links and anchors the heads they reach; resolves with how many. */
  async relayOnce(batchSize = BATCH_SIZE): Promise<number> {
    this.store ??= (await this.pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    const { rows: candidates } = await this.pool.query<LinkRow>(
      `SELECT l.*, p.published_through FROM audit_relay_progress p
         CROSS JOIN LATERAL (SELECT * FROM audit_log l WHERE l.chain = p.chain AND l.sequence > p.published_through
           ORDER BY l.sequence LIMIT $1) l
       ORDER BY l.recorded_at, l.sequence LIMIT $1`,
      [batchSize],
    );
    const rows = contiguous(candidates);
    if (rows.length === 0) return 0;
    const heads = new Map<string, LinkRow>();
    for (const row of rows) heads.set(row.chain, row);
    const anchoredAt = new Date().toISOString();
    await Promise.all([
      this.producer.publish(
        this.links,
        rows.map((row) => ({
          key: row.subject,
          eventId: row.audit_id,
          eventType: accessEventTypeOf(row.outcome),
          // The link's publish continues the trace of the request that disclosed.
          ...(row.traceparent ? { traceparent: row.traceparent } : {}),
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
      ),
      this.producer.publish(
        this.anchors,
        [...heads.values()].map((head) => ({
          key: head.chain,
          eventType: EventTypes.accessAuditAnchored,
          value: {
            chain: head.chain,
            discloser: this.discloser,
            store: this.store!,
            sequence: head.sequence,
            hash: head.hash,
            occurredAt: head.occurred_at.toISOString(),
            anchoredAt,
          },
        })),
      ),
    ]);
    await this.pool.query(
      `UPDATE audit_relay_progress p SET published_through = GREATEST(p.published_through, v.s)
       FROM unnest($1::text[], $2::bigint[]) AS v(c, s) WHERE p.chain = v.c`,
      [[...heads.keys()], [...heads.values()].map((head) => head.sequence)],
    );
    return rows.length;
  }

  /** Links written but not yet relayed (and so not yet anchored), over every chain. */
  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT coalesce(sum(h.head - p.published_through), 0) AS n FROM audit_relay_progress p
         CROSS JOIN LATERAL (SELECT max(sequence) AS head FROM audit_log l WHERE l.chain = p.chain) h`,
    );
    return Number(rows[0]!.n);
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

  /** Stops after a last batch, so links written before shutdown are relayed and anchored. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.relayOnce().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'audit relay: last batch before shutdown failed'),
    );
  }
}

/** Per chain, only the links that follow on from its progress without a gap, in sequence order. */
function contiguous(rows: LinkRow[]): LinkRow[] {
  const next = new Map<string, bigint>();
  return [...rows]
    .sort((a, b) => a.chain.localeCompare(b.chain) || Number(BigInt(a.sequence) - BigInt(b.sequence)))
    .filter((row) => {
      const expected = next.get(row.chain) ?? BigInt(row.published_through) + 1n;
      if (BigInt(row.sequence) !== expected) return false;
      next.set(row.chain, expected + 1n);
      return true;
    });
}
