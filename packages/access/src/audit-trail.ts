import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '@motlan/domain';
import type { Pool } from '@motlan/db';
import { activeTraceparent } from '@motlan/kafka';

/** The audit table's migration; apply it with the service's own. */
export const ACCESS_MIGRATIONS = fileURLToPath(new URL('../migrations/', import.meta.url));

export const GENESIS_HASH = '0'.repeat(64);

export interface DisclosureRecord {
  subject: string;
  client: string;
  purpose: string;
  factTypes: string[];
  outcome: 'granted' | 'denied';
  requestId: string;
}

export interface AuditLink extends DisclosureRecord {
  chain: string;
  sequence: number;
  auditId: string;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

/** The hash of one link: its content and the previous link's hash, canonically encoded. */
export function linkHash(link: Omit<AuditLink, 'hash'>): string {
  const { sequence, auditId, subject, client, purpose, factTypes, outcome, occurredAt, requestId, prevHash } =
    link;
  const content = {
    sequence,
    auditId,
    subject,
    client,
    purpose,
    factTypes,
    outcome,
    occurredAt,
    requestId,
    prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Registers the chain ($1) of discloser $14 with the statement that writes its first links. */
const REGISTER_CHAIN = `WITH registered AS (
    INSERT INTO audit_chains (chain, discloser) VALUES ($1, $14) ON CONFLICT DO NOTHING
  ), progress AS (
    INSERT INTO audit_relay_progress (chain) VALUES ($1) ON CONFLICT DO NOTHING
  )`;

interface Pending {
  record: DisclosureRecord;
  /** The recording request's W3C traceparent, kept beside the link for the relay's publish. */
  traceparent: string | undefined;
  resolve: (link: AuditLink) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends disclosures to the hash-chained audit table. Each trail (one per process) writes its
 * own chain, whose head it keeps in memory: a batch is one INSERT, with no lock shared between
 * instances. Concurrent requests are group-committed — while one batch is written the next
 * collects — so each request waits for its own durable link without a round trip of its own.
 *
 * A new process opens a new chain; its first INSERT also registers the chain (audit_chains), and
 * the AuditRelay anchors its head outside the database (access.audit-anchors.v1), so a chain that
 * later disappears is still named by both. What this guarantees, and its limit: README.md.
 */
export class AuditTrail {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private head = { sequence: 0, hash: GENESIS_HASH };
  /** This trail's chain: the discloser plus a random id, new on every start. */
  readonly chain: string;

  constructor(
    private readonly pool: Pool,
    private readonly discloser = 'motlan',
  ) {
    this.chain = `${discloser}:${randomUUID()}`;
  }

  record(record: DisclosureRecord): Promise<AuditLink> {
    return new Promise<AuditLink>((resolve, reject) => {
      this.queue.push({ record, traceparent: activeTraceparent(), resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  /** Resolves when everything recorded so far is written. */
  async settle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const links = await this.write(
            batch.map((pending) => pending.record),
            batch.map((pending) => pending.traceparent ?? null),
          );
          batch.forEach((pending, index) => pending.resolve(links[index]!));
        } catch (error) {
          batch.forEach((pending) => pending.reject(error));
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async write(records: DisclosureRecord[], traceparents: (string | null)[]): Promise<AuditLink[]> {
    let { sequence, hash: prevHash } = this.head;
    const occurredAt = new Date().toISOString();
    const links = records.map((record) => {
      sequence += 1;
      const unhashed = {
        ...record,
        chain: this.chain,
        sequence,
        auditId: randomUUID(),
        occurredAt,
        prevHash,
      };
      const link: AuditLink = { ...unhashed, hash: linkHash(unhashed) };
      prevHash = link.hash;
      return link;
    });
    // A chain's first batch also registers it (audit_chains, audit_relay_progress) in the same
    // statement: no extra round trip, and no chain can hold links without being registered.
    const register = this.head.sequence === 0;
    await this.pool.query(
      `${register ? REGISTER_CHAIN : ''}
       INSERT INTO audit_log (chain, sequence, audit_id, subject, client, purpose, fact_types, outcome, occurred_at,
         request_id, prev_hash, hash, traceparent)
       SELECT $1, s, a, su, c, p, string_to_array(f, ','), o, t, r, ph, h, tp
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS u(s, a, su, c, p, f, o, t, r, ph, h, tp)`,
      [
        this.chain,
        links.map((link) => link.sequence),
        links.map((link) => link.auditId),
        links.map((link) => link.subject),
        links.map((link) => link.client),
        links.map((link) => link.purpose),
        links.map((link) => link.factTypes.join(',')),
        links.map((link) => link.outcome),
        links.map((link) => link.occurredAt),
        links.map((link) => link.requestId),
        links.map((link) => link.prevHash),
        links.map((link) => link.hash),
        traceparents,
        ...(register ? [this.discloser] : []),
      ],
    );
    // The head moves only once the links are stored, so a failed write leaves no gap.
    this.head = { sequence, hash: prevHash };
    return links;
  }
}
