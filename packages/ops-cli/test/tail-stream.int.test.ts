import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MIGRATIONS } from '@motlan/access';
import { createEventProducer, Topics, type EventProducer } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import { TestResources, uniqueName } from '@motlan/testkit';
import { runCli } from '../src/index.ts';

const resources = new TestResources();
const prefix = `${uniqueName('test.ops-stream')}.`;
const factsTopic = { ...Topics.citizenFacts, name: prefix + Topics.citizenFacts.name };
// One key: every record on one partition, so the order the scan reads them in is the offset order.
const subject = '001099012345';
const TOTAL = 3_000;
let producer: EventProducer;
let auditSchema = '';
let auditPool: Awaited<ReturnType<TestResources['schema']>>['ownerPool'];
const sinceAt = { time: '' };

async function motlan(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string; writes: string[] }> {
  const writes: string[] = [];
  let stderr = '';
  const code = await runCli(argv, {
    env: {
      ...process.env,
      DATABASE_URL: resources.databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      OPERATOR_AUDIT_SCHEMA: auditSchema,
      MOTLAN_OPERATOR: 'lan.tran',
      ...env,
    },
    stdout: (text) => writes.push(text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout: writes.join(''), stderr, writes };
}

const fact = (i: number): Fact__Output => ({
  id: `fact-${i}`,
  subject: { personalId: subject },
  type: 'identity.full_name',
  valueJson: JSON.stringify({ family: 'Nguyễn', given: `An ${i}` }),
  provenance: {
    sourceSystem: 'national-population-db',
    assurance: 'ASSURANCE_AUTHORITATIVE',
    sourceRecordRef: `NPDB-${i}`,
    sourceRecordVersion: '1',
    observedAt: new Date().toISOString(),
    validFrom: '',
    validUntil: '',
    dossierId: '',
    contentHash: 'abc',
  },
});
// Every tenth record is a correction: 300 matches of --type fact.corrected among 3000.
const events = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, n) => {
    const i = from + n;
    return { key: subject, value: fact(i), eventType: i % 10 === 9 ? 'fact.corrected' : 'fact.recorded' };
  });

beforeAll(async () => {
  await resources.declaredTopics(prefix);
  producer = await createEventProducer(resources.kafka, 'ops-cli-test');
  for (let i = 0; i < TOTAL - 100; i += 500)
    await producer.publish(factsTopic, events(i, Math.min(i + 500, TOTAL - 100)));
  // The last hundred a moment later: what --since sees.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  sinceAt.time = new Date().toISOString();
  await producer.publish(factsTopic, events(TOTAL - 100, TOTAL));
  const created = await resources.schema([ACCESS_MIGRATIONS], 'ops_unmask');
  auditSchema = created.name;
  auditPool = created.ownerPool;
}, 120_000);
afterAll(async () => {
  await producer.disconnect();
  await resources.cleanup();
});

describe('motlan tail with a filter: streamed, memory bounded by --limit', () => {
  it('--from beginning stops consuming at the limit-th match: 5 matches read 50 records of 3000', async () => {
    const run = await motlan([
      'tail',
      'citizen.facts.v1',
      '--type',
      'fact.corrected',
      '--limit',
      '5',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.scanned).toBe(50);
    expect(out.records.map((r: { offset: string }) => r.offset)).toEqual(['9', '19', '29', '39', '49']);
  });

  it('as text, each match is written as it is found, before the closing line', async () => {
    const run = await motlan(['tail', 'citizen.facts.v1', '--type', 'fact.corrected', '--limit', '3']);
    expect(run.code).toBe(0);
    expect(run.writes).toHaveLength(4);
    expect(run.writes[0]).toMatch(/^citizen\.facts\.v1 \d+:9 /);
    expect(run.writes[2]).toMatch(/^citizen\.facts\.v1 \d+:29 /);
    expect(run.writes[3]).toBe('3 matching records on citizen.facts.v1 (30 read)\n');
  });

  it('--from end reads to the end keeping only the latest limit matches', async () => {
    const out = JSON.parse(
      (
        await motlan([
          'tail',
          'citizen.facts.v1',
          '--type',
          'fact.corrected',
          '--from',
          'end',
          '--limit',
          '2',
          '--json',
        ])
      ).stdout,
    );
    expect(out.scanned).toBe(TOTAL);
    expect(out.records.map((r: { offset: string }) => r.offset)).toEqual(['2989', '2999']);
  });

  it('--since starts at the broker time index: only the last hundred are read', async () => {
    const out = JSON.parse(
      (await motlan(['tail', 'citizen.facts.v1', '--since', sinceAt.time, '--limit', '1000', '--json']))
        .stdout,
    );
    expect(out.scanned).toBe(100);
    expect(out.records).toHaveLength(100);
    expect(out.records[0].offset).toBe(String(TOTAL - 100));
  });
});

describe('--unmask is audited', () => {
  it('needs --reason (exit 2, nothing read)', async () => {
    for (const argv of [
      ['tail', 'citizen.facts.v1', '--unmask'],
      ['dlq', 'show', 'citizen.facts.v1', '0:0', '--unmask'],
      ['lineage', 'fact-1', '--unmask', '--reason', ' '],
    ]) {
      const run = await motlan([...argv, '--json']);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout, argv.join(' ')).toBe('');
      expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'MOTLAN_OPS_USAGE' });
    }
  });

  it('records who unmasked what and why in the operators’ chain, relays it to access.audit.v1 and anchors it', async () => {
    const reason = 'ticket OPS-42: citizen asked why her name changed';
    const run = await motlan([
      'tail',
      'citizen.facts.v1',
      '--key',
      subject,
      '--limit',
      '2',
      '--unmask',
      '--reason',
      reason,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.records[0].key).toBe(subject);
    expect(out.unmaskAudit).toMatchObject({
      schema: auditSchema,
      client: 'operator/lan.tran',
      links: 1,
      relayed: true,
    });
    // Read back from the audit trail itself.
    const { rows } = await auditPool.query(
      'SELECT l.subject, l.client, l.purpose, l.fact_types, l.outcome, l.request_id, c.discloser FROM audit_log l JOIN audit_chains c USING (chain)',
    );
    expect(rows).toEqual([
      {
        subject,
        client: 'operator/lan.tran',
        purpose: reason,
        fact_types: [
          'identity.full_name',
          `citizen.facts.v1 ${out.records[0].partition}:0`,
          `citizen.facts.v1 ${out.records[0].partition}:1`,
        ],
        outcome: 'granted',
        request_id: out.unmaskAudit.requestId,
        discloser: 'operator',
      },
    ]);
    // On access.audit.v1, where the registry's disclosure log (the citizen's view) takes it from.
    const audit = JSON.parse((await motlan(['tail', 'access.audit.v1', '--json'])).stdout);
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0].value).toMatchObject({
      client: 'operator/lan.tran',
      purpose: reason,
      discloser: 'operator',
      requestId: out.unmaskAudit.requestId,
    });
    // The chain is anchored: audit verify checks it against access.audit-anchors.v1.
    const verify = JSON.parse((await motlan(['audit', 'verify', '--schema', auditSchema, '--json'])).stdout);
    expect(verify.trails[0]).toMatchObject({
      store: auditSchema,
      ok: true,
      present: true,
      anchorsChecked: true,
    });
    expect(verify.trails[0].chains[0]).toMatchObject({ ok: true, links: 1, anchored: 1 });
  });

  it('records nothing when nothing was shown', async () => {
    const before = (await auditPool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const run = await motlan([
      'tail',
      'citizen.facts.v1',
      '--key',
      '079203000123',
      '--unmask',
      '--reason',
      'x',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('unmasked: nothing was shown, so nothing was recorded');
    expect((await auditPool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });

  it('shows nothing in clear when the use cannot be recorded (fail closed, exit 1)', async () => {
    const run = await motlan(
      ['tail', 'citizen.facts.v1', '--key', subject, '--limit', '1', '--unmask', '--reason', 'x', '--json'],
      { DATABASE_URL: 'postgres://motlan@127.0.0.1:1/motlan' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('An 0');
  });
});
