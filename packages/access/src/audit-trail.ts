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

interface Pending {
  record: DisclosureRecord;
  resolve: (link: AuditLink) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends disclosures to the hash-chained audit table. Each trail (one per process) writes its
 * own chain, whose head it keeps in memory: a batch is one INSERT, with no lock shared between
 * instances. Concurrent requests are group-committed — while one batch is written the next
 * collects — so each request waits for its own durable link without a round trip of its own.
 */
export class AuditTrail {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private head = { sequence: 0, hash: GENESIS_HASH };
  /** This trail's chain: the discloser plus a random id, new on every start. */
  readonly chain: string;

  constructor(
    private readonly pool: Pool,
    discloser = 'motlan',
  ) {
    this.chain = `${discloser}:${randomUUID()}`;
  }

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
    await this.pool.query(
      `INSERT INTO audit_log (chain, sequence, audit_id, subject, client, purpose, fact_types, outcome, occurred_at,
         request_id, prev_hash, hash)
       SELECT $1, s, a, su, c, p, string_to_array(f, ','), o, t, r, ph, h
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::timestamptz[], $10::text[], $11::text[], $12::text[]) AS u(s, a, su, c, p, f, o, t, r, ph, h)`,
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
      ],
    );
    // The head moves only once the links are stored, so a failed write leaves no gap.
    this.head = { sequence, hash: prevHash };
    return links;
  }
}

export interface ChainVerdict {
  ok: boolean;
  /** Links verified, over every chain. */
  checked: number;
  chains: number;
  /** The first link whose hash or back-link does not hold, if any. */
  firstBroken?: { chain: string; sequence: number; reason: string };
}

/** Walks every chain in order, recomputing every hash; names the first broken link. */
export async function verifyAuditChain(pool: Pool, pageSize = 10_000): Promise<ChainVerdict> {
  const { rows: chains } = await pool.query<{ chain: string }>(
    'SELECT DISTINCT chain FROM audit_log ORDER BY chain',
  );
  let checked = 0;
  for (const { chain } of chains) {
    const verdict = await verifyOneChain(pool, chain, pageSize);
    checked += verdict.checked;
    if (verdict.broken)
      return { ok: false, checked, chains: chains.length, firstBroken: { chain, ...verdict.broken } };
  }
  return { ok: true, checked, chains: chains.length };
}

async function verifyOneChain(
  pool: Pool,
  chain: string,
  pageSize: number,
): Promise<{ checked: number; broken?: { sequence: number; reason: string } }> {
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
    }>('SELECT * FROM audit_log WHERE chain = $1 AND sequence >= $2 ORDER BY sequence LIMIT $3', [
      chain,
      expectedSequence,
      pageSize,
    ]);
    if (rows.length === 0) return { checked };
    for (const row of rows) {
      const sequence = Number(row.sequence);
      if (sequence !== expectedSequence)
        return { checked, broken: { sequence: expectedSequence, reason: 'link missing' } };
      if (row.prev_hash !== prevHash)
        return { checked, broken: { sequence, reason: 'does not point at the previous link' } };
      const recomputed = linkHash({
        chain,
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
      if (recomputed !== row.hash)
        return { checked, broken: { sequence, reason: 'content does not match its hash' } };
      prevHash = row.hash;
      expectedSequence += 1;
      checked += 1;
    }
  }
}
