import type { Pool } from '@motlan/db';
import type { AuditAnchor } from './audit-anchors.ts';
import { GENESIS_HASH, linkHash } from './audit-trail.ts';

/** What is wrong with a chain; one name per kind of tampering the verify command tells apart. */
export type ChainBreak =
  /** A link's content no longer matches its hash (a changed link). */
  | 'changed'
  /** A link does not point at the hash of the one before it. */
  | 'unlinked'
  /** A sequence number is missing between two links (a deleted link). */
  | 'link-missing'
  /** The chain ends before the sequence anchored outside the database (a cut tail). */
  | 'cut'
  /** The chain is registered or anchored but has no links (a dropped chain). */
  | 'chain-missing'
  /** The link at an anchored sequence has another hash than the anchor (a recomputed chain). */
  | 'anchor-mismatch';

export interface ChainReport {
  chain: string;
  /** Links present and checked (up to the first break). */
  links: number;
  /** The highest sequence present, 0 when none. */
  head: number;
  /** The highest sequence anchored outside the database, if the chain was anchored. */
  anchored?: number;
  ok: boolean;
  broken?: { kind: ChainBreak; sequence: number; reason: string };
}

export interface AuditTrailVerdict {
  /** The schema checked. */
  store: string;
  ok: boolean;
  /** False when the schema has no audit_log table (nothing written there, nothing anchored for it). */
  present: boolean;
  /** Links verified, over every chain. */
  checked: number;
  chains: ChainReport[];
  /** Whether anchors were given (else only the database's own consistency was checked). */
  anchorsChecked: boolean;
}

const REASONS: Record<ChainBreak, string> = {
  changed: 'content does not match its hash',
  unlinked: 'does not point at the previous link',
  'link-missing': 'link missing',
  cut: 'chain ends before its anchored head',
  'chain-missing': 'chain has no links',
  'anchor-mismatch': 'hash differs from the anchored one',
};

/**
 * Checks the audit trail in the pool's schema: every chain's links are recomputed in order
 * (changed, unlinked and missing links), every registered chain must have links, and — given the
 * anchors read from access.audit-anchors.v1 (`readAuditAnchors`) — every chain anchored for this
 * schema must exist, reach its anchored sequence and have the anchored hash there. Anchors of
 * other schemas are ignored. Reports every chain; `ok` only when none is broken.
 */
export async function verifyAuditTrail(
  pool: Pool,
  options: {
    anchors?: AuditAnchor[];
    /** The pool's schema, named: a schema that does not exist then counts as one without a trail. */
    store?: string;
    pageSize?: number;
  } = {},
): Promise<AuditTrailVerdict> {
  const pageSize = options.pageSize ?? 10_000;
  const { rows: meta } = await pool.query<{ store: string; log: string | null; chains: string | null }>(
    `SELECT s.store, to_regclass(quote_ident(s.store) || '.audit_log')::text AS log,
       to_regclass(quote_ident(s.store) || '.audit_chains')::text AS chains
     FROM (SELECT coalesce($1, current_schema()) AS store) s`,
    [options.store ?? null],
  );
  const store = meta[0]!.store;
  const anchorsByChain = new Map<string, Map<number, string>>();
  for (const anchor of options.anchors ?? []) {
    if (anchor.store !== store) continue;
    const bySequence = anchorsByChain.get(anchor.chain) ?? new Map<number, string>();
    bySequence.set(anchor.sequence, anchor.hash);
    anchorsByChain.set(anchor.chain, bySequence);
  }
  const present = meta[0]!.log !== null;
  const names = new Set<string>(anchorsByChain.keys());
  if (present) {
    const registered = meta[0]!.chains ? 'UNION SELECT chain FROM audit_chains' : '';
    const { rows } = await pool.query<{ chain: string }>(
      `SELECT DISTINCT chain FROM audit_log ${registered}`,
    );
    rows.forEach((row) => names.add(row.chain));
  }
  const chains: ChainReport[] = [];
  for (const chain of [...names].sort()) {
    const anchored = anchorsByChain.get(chain) ?? new Map<number, string>();
    chains.push(
      present
        ? await verifyOneChain(pool, chain, anchored, pageSize)
        : withBreak({ chain, links: 0, head: 0 }, anchored, 'chain-missing', 1),
    );
  }
  return {
    store,
    ok: chains.every((report) => report.ok),
    present,
    checked: chains.reduce((sum, report) => sum + report.links, 0),
    chains,
    anchorsChecked: options.anchors !== undefined,
  };
}

export interface ChainVerdict {
  ok: boolean;
  /** Links verified, over every chain. */
  checked: number;
  chains: number;
  /** The first link whose hash or back-link does not hold, if any. */
  firstBroken?: { chain: string; sequence: number; reason: string };
}

/**
 * The database-only check (no anchors): walks every chain in order, recomputing every hash, and
 * names the first broken link. A cut tail or a recomputed chain needs the anchors: `verifyAuditTrail`.
 */
export async function verifyAuditChain(pool: Pool, pageSize = 10_000): Promise<ChainVerdict> {
  const verdict = await verifyAuditTrail(pool, { pageSize });
  const first = verdict.chains.find((report) => !report.ok);
  return {
    ok: verdict.ok,
    checked: verdict.checked,
    chains: verdict.chains.length,
    ...(first?.broken
      ? { firstBroken: { chain: first.chain, sequence: first.broken.sequence, reason: first.broken.reason } }
      : {}),
  };
}

interface LinkRow {
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
}

async function verifyOneChain(
  pool: Pool,
  chain: string,
  anchored: Map<number, string>,
  pageSize: number,
): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expected = 1;
  const report: Walked = { chain, links: 0, head: 0 };
  for (;;) {
    const { rows } = await pool.query<LinkRow>(
      'SELECT * FROM audit_log WHERE chain = $1 AND sequence >= $2 ORDER BY sequence LIMIT $3',
      [chain, expected, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const sequence = Number(row.sequence);
      if (sequence !== expected) return withBreak(report, anchored, 'link-missing', expected);
      if (row.prev_hash !== prevHash) return withBreak(report, anchored, 'unlinked', sequence);
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
      if (recomputed !== row.hash) return withBreak(report, anchored, 'changed', sequence);
      const anchoredHash = anchored.get(sequence);
      if (anchoredHash !== undefined && anchoredHash !== row.hash)
        return withBreak(report, anchored, 'anchor-mismatch', sequence);
      prevHash = row.hash;
      report.head = sequence;
      report.links += 1;
      expected += 1;
    }
  }
  if (report.links === 0) return withBreak(report, anchored, 'chain-missing', 1);
  const highest = Math.max(0, ...anchored.keys());
  if (highest > report.head) return withBreak(report, anchored, 'cut', report.head + 1);
  return finish(report, anchored, undefined);
}

type Walked = Pick<ChainReport, 'chain' | 'links' | 'head'>;

function withBreak(
  report: Walked,
  anchored: Map<number, string>,
  kind: ChainBreak,
  sequence: number,
): ChainReport {
  return finish(report, anchored, { kind, sequence, reason: REASONS[kind] });
}

function finish(report: Walked, anchored: Map<number, string>, broken: ChainReport['broken']): ChainReport {
  return {
    ...report,
    ...(anchored.size > 0 ? { anchored: Math.max(...anchored.keys()) } : {}),
    ok: broken === undefined,
    ...(broken ? { broken } : {}),
  };
}
