import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventProducer, KafkaTestClient, Topics, type EventProducer } from '@motlan/kafka';
import type { Pool } from '@motlan/db';
import { asAdministrator, TestResources } from '@motlan/testkit';
import {
  ACCESS_MIGRATIONS,
  AuditRelay,
  AuditTrail,
  DisclosureGuard,
  linkHash,
  parsePolicy,
  readAuditAnchors,
  verifyAuditChain,
  verifyAuditTrail,
  type AuditAnchorsTopic,
  type AuditLinksTopic,
  type ChainReport,
} from '../src/index.ts';

const resources = new TestResources();
let producer: EventProducer;
let links: AuditLinksTopic;
let anchors: AuditAnchorsTopic;

beforeAll(async () => {
  producer = await createEventProducer(resources.kafka, 'access-test');
  resources.defer(() => producer.disconnect());
  links = await resources.topic(Topics.accessAudit);
  anchors = await resources.topic(Topics.accessAuditAnchors);
});
afterAll(() => resources.cleanup());

function disclosure(index: number) {
  return {
    subject: `0790${String(index).padStart(8, '0')}`,
    client: 'one-stop',
    purpose: '1.001234',
    factTypes: ['identity.full_name'],
    outcome: 'granted' as const,
    requestId: `request-${index}`,
  };
}

/** A trail (one chain) with `count` links, as one process would write them. */
async function chainOf(pool: Pool, count: number): Promise<string> {
  const trail = new AuditTrail(pool, 'test-discloser');
  for (let index = 1; index <= count; index += 1) await trail.record(disclosure(index));
  return trail.chain;
}

function relayOf(pool: Pool): AuditRelay {
  return new AuditRelay(pool, producer, 'test-discloser', resources.logger, { links, anchors });
}

const byChain = (reports: ChainReport[], chain: string) => reports.find((report) => report.chain === chain);

describe('audit trail anchored outside the database', () => {
  let pool: Pool;
  let ownerPool: Pool;
  let chains: Record<string, string>;

  beforeAll(async () => {
    ({ pool, ownerPool } = await resources.schema(ACCESS_MIGRATIONS, 'audit'));
    chains = {};
    for (const name of ['intact', 'changed', 'middle', 'cut', 'dropped', 'recomputed'])
      chains[name] = await chainOf(pool, 6);
    const relay = relayOf(pool);
    while ((await relay.relayOnce()) > 0);
    expect(await relay.backlog()).toBe(0);
  });

  it('anchors the head of every chain, and an untouched trail verifies against the anchors', async () => {
    const read = await readAuditAnchors(resources.kafka, anchors, undefined, KafkaTestClient.groupPrefix);
    const mine = read.filter((anchor) => Object.values(chains).includes(anchor.chain));
    expect(new Set(mine.map((anchor) => anchor.chain)).size).toBe(6);
    expect(mine.every((anchor) => anchor.sequence === 6 && anchor.discloser === 'test-discloser')).toBe(true);
    const verdict = await verifyAuditTrail(pool, { anchors: read });
    expect(verdict).toMatchObject({ ok: true, present: true, checked: 36, anchorsChecked: true });
    expect(verdict.chains.every((chain) => chain.anchored === 6 && chain.head === 6)).toBe(true);
  });

  it('names each kind of tampering by a database administrator, chain by chain', async () => {
    await asAdministrator(ownerPool, async (db) => {
      await db.query("UPDATE audit_log SET client = 'someone-else' WHERE chain = $1 AND sequence = 2", [
        chains['changed'],
      ]);
      await db.query('DELETE FROM audit_log WHERE chain = $1 AND sequence = 3', [chains['middle']]);
      await db.query('DELETE FROM audit_log WHERE chain = $1 AND sequence > 4', [chains['cut']]);
      await db.query('DELETE FROM audit_log WHERE chain = $1', [chains['dropped']]);
      await db.query('DELETE FROM audit_chains WHERE chain = $1', [chains['dropped']]);
      await db.query('DELETE FROM audit_relay_progress WHERE chain = $1', [chains['dropped']]);
      await recompute(db, chains['recomputed']!);
    });

    // The database alone sees only what breaks the hashes: the cut tail, the dropped chain (once its
    // registration is gone too) and the recomputed chain look intact to it.
    const alone = await verifyAuditTrail(pool);
    expect(byChain(alone.chains, chains['cut']!)).toMatchObject({ ok: true, head: 4 });
    expect(byChain(alone.chains, chains['dropped']!)).toBeUndefined();
    expect(byChain(alone.chains, chains['recomputed']!)).toMatchObject({ ok: true, head: 6 });

    const verdict = await verifyAuditTrail(pool, {
      anchors: await readAuditAnchors(resources.kafka, anchors, undefined, KafkaTestClient.groupPrefix),
    });
    expect(verdict.ok).toBe(false);
    const report = (name: string) => byChain(verdict.chains, chains[name]!);
    expect(report('intact')).toMatchObject({ ok: true, head: 6, anchored: 6 });
    expect(report('changed')).toMatchObject({ ok: false, broken: { kind: 'changed', sequence: 2 } });
    expect(report('middle')).toMatchObject({ ok: false, broken: { kind: 'link-missing', sequence: 3 } });
    expect(report('cut')).toMatchObject({
      ok: false,
      head: 4,
      anchored: 6,
      broken: { kind: 'cut', sequence: 5 },
    });
    expect(report('dropped')).toMatchObject({ ok: false, links: 0, broken: { kind: 'chain-missing' } });
    expect(report('recomputed')).toMatchObject({
      ok: false,
      broken: { kind: 'anchor-mismatch', sequence: 6 },
    });
  });
});

describe('chains across restarts', () => {
  it('registers every chain with its first links, so one whose links vanish is named even before it is anchored', async () => {
    const { pool, ownerPool } = await resources.schema(ACCESS_MIGRATIONS, 'audit_restart');
    const first = await chainOf(pool, 3);
    const second = await chainOf(pool, 2); // the same service, restarted: a new chain
    expect(second).not.toBe(first);
    await asAdministrator(ownerPool, (db) => db.query('DELETE FROM audit_log WHERE chain = $1', [first]));
    const verdict = await verifyAuditChain(pool);
    expect(verdict).toMatchObject({
      ok: false,
      chains: 2,
      firstBroken: { chain: first, reason: 'chain has no links' },
    });
  });

  it('flags chains anchored for a schema whose audit table is gone', async () => {
    const { pool, ownerPool, name } = await resources.schema(ACCESS_MIGRATIONS, 'audit_gone');
    const chain = await chainOf(pool, 2);
    await relayOf(pool).relayOnce();
    const read = await readAuditAnchors(resources.kafka, anchors, undefined, KafkaTestClient.groupPrefix);
    await ownerPool.query('DROP TABLE audit_log, audit_chains');
    const verdict = await verifyAuditTrail(pool, { anchors: read, store: name });
    expect(verdict).toMatchObject({
      ok: false,
      present: false,
      chains: [{ chain, anchored: 2, broken: { kind: 'chain-missing' } }],
    });
  });
});

describe("the service's database role", () => {
  let pool: Pool;
  let ownerPool: Pool;

  beforeAll(async () => {
    ({ pool, ownerPool } = await resources.schema(ACCESS_MIGRATIONS, 'audit_role'));
  });

  it('writes, relays and reads the trail through the service pool', async () => {
    const trail = new AuditTrail(pool, 'test-discloser');
    const guard = new DisclosureGuard(parsePolicy({ clients: {} }), trail);
    await expect(
      guard.authorize({ ...disclosure(1), factTypes: ['identity.full_name'] }),
    ).rejects.toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
    await trail.record(disclosure(2));
    const relay = relayOf(pool);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.backlog()).toBe(0);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, checked: 2 });
  });

  it.each([
    ["UPDATE audit_log SET client = 'x'"],
    ['DELETE FROM audit_log'],
    ['TRUNCATE audit_log'],
    ["UPDATE audit_chains SET discloser = 'x'"],
    ['DELETE FROM audit_chains'],
    ['TRUNCATE audit_chains'],
  ])('refuses %s with permission denied', async (statement) => {
    await expect(pool.query(statement)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/permission denied/),
    });
  });

  it('is stopped by the append-only trigger even as the schema owner', async () => {
    await expect(ownerPool.query("UPDATE audit_log SET client = 'x'")).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(ownerPool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(ownerPool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const { rows } = await ownerPool.query('SELECT count(*)::int AS n FROM audit_log');
    expect(rows[0].n).toBe(2);
  });
});

/**
 * What a careful administrator would do: change link 2, then recompute every hash after it, so the
 * chain is consistent in itself.
 */
async function recompute(db: { query: Pool['query'] }, chain: string): Promise<void> {
  const { rows } = await db.query('SELECT * FROM audit_log WHERE chain = $1 ORDER BY sequence', [chain]);
  let prevHash = rows[0].prev_hash as string;
  for (const row of rows) {
    const link = {
      chain,
      sequence: Number(row.sequence),
      auditId: row.audit_id,
      subject: row.subject,
      client: Number(row.sequence) === 2 ? 'someone-else' : row.client,
      purpose: row.purpose,
      factTypes: row.fact_types,
      outcome: row.outcome,
      occurredAt: (row.occurred_at as Date).toISOString(),
      requestId: row.request_id,
      prevHash,
    };
    const hash = linkHash(link);
    await db.query(
      'UPDATE audit_log SET client = $3, prev_hash = $4, hash = $5 WHERE chain = $1 AND sequence = $2',
      [chain, link.sequence, link.client, prevHash, hash],
    );
    prevHash = hash;
  }
}
