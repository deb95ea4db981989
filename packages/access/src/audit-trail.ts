import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '@motlan/domain';
import type { Pool } from '@motlan/db';

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

interface Pending {
  record: DisclosureRecord;
  resolve: (link: AuditLink) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends disclosures to the hash-chained audit table. Concurrent requests are group-committed:
 * while one batch is being written the next collects, then goes in one transaction, so each
 * request still waits for its own durable link without serialising on a lock per request.
 */
export class AuditTrail {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly pool: Pool) {}

  record(record: DisclosureRecord): Promise<AuditLink> {
    return new Promise<AuditLink>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
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
          const links = await this.write(batch.map((pending) => pending.record));
          batch.forEach((pending, index) => pending.resolve(links[index]!));
        } catch (error) {
          batch.forEach((pending) => pending.reject(error));
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async write(records: DisclosureRecord[]): Promise<AuditLink[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One writer at a time across processes: the chain has a single head.
      await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'))");
      const head = await client.query<{ sequence: string; hash: string }>(
        'SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1',
      );
      let sequence = Number(head.rows[0]?.sequence ?? 0);
      let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
      const occurredAt = new Date().toISOString();
      const links = records.map((record) => {
        sequence += 1;
        const unhashed = { ...record, sequence, auditId: randomUUID(), occurredAt, prevHash };
        const link: AuditLink = { ...unhashed, hash: linkHash(unhashed) };
        prevHash = link.hash;
        return link;
      });
      await client.query(
        `INSERT INTO audit_log (sequence, audit_id, subject, client, purpose, fact_types, outcome, occurred_at,
           request_id, prev_hash, hash)
         SELECT s, a, su, c, p, string_to_array(f, ','), o, t, r, ph, h
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::timestamptz[], $9::text[], $10::text[], $11::text[]) AS u(s, a, su, c, p, f, o, t, r, ph, h)`,
        [
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
        ],
      );
      await client.query('COMMIT');
      return links;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first link whose hash or back-link does not hold, if any. */
  firstBroken?: { sequence: number; reason: string };
}

/** Walks the chain in order, recomputing every hash; names the first broken link. */
export async function verifyAuditChain(pool: Pool, pageSize = 10_000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSequence = 1;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query<{
      sequence: string;
      audit_id: string;
      subject: string;
      client: string;
      purpose: string;
      fact_types: string[];
      outcome: 'granted' | 'denied';
      occurred_at: Date;
      request_id: string;
      prev_hash: string;
      hash: string;
    }>('SELECT * FROM audit_log WHERE sequence >= $1 ORDER BY sequence LIMIT $2', [
      expectedSequence,
      pageSize,
    ]);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const sequence = Number(row.sequence);
      const broken = (reason: string): ChainVerdict => ({
        ok: false,
        checked,
        firstBroken: { sequence, reason },
      });
      if (sequence !== expectedSequence) {
        return { ok: false, checked, firstBroken: { sequence: expectedSequence, reason: 'link missing' } };
      }
      if (row.prev_hash !== prevHash) return broken('does not point at the previous link');
      const recomputed = linkHash({
        sequence,
        auditId: row.audit_id,
        subject: row.subject,
        client: row.client,
        purpose: row.purpose,
        factTypes: row.fact_types,
        outcome: row.outcome,
        occurredAt: row.occurred_at.toISOString(),
        requestId: row.request_id,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) return broken('content does not match its hash');
      prevHash = row.hash;
      expectedSequence += 1;
      checked += 1;
    }
  }
}
