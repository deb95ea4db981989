import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MIGRATIONS, AuditRelay, AuditTrail } from '@motlan/access';
import { createEventProducer, prefixed, Topics, type EventProducer } from '@motlan/kafka';
import type { Pool } from '@motlan/db';
import { asAdministrator, TestResources, uniqueName } from '@motlan/testkit';
import { runCli } from '../src/index.ts';

const resources = new TestResources();
// The declared topics under a prefix of our own: the CLI reads the anchors there as `operator`.
const prefix = `${uniqueName('test.audit')}.`;
let producer: EventProducer;
let schema: string;
let pool: Pool;
let ownerPool: Pool;
let chain: string;

async function motlan(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { ...process.env, KAFKA_TOPIC_PREFIX: prefix },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  await resources.declaredTopics(prefix);
  producer = await createEventProducer(resources.kafka, 'ops-cli-audit-test');
  resources.defer(() => producer.disconnect());
  ({ name: schema, pool, ownerPool } = await resources.schema(ACCESS_MIGRATIONS, 'ops_audit'));
  const trail = new AuditTrail(pool, 'test-discloser');
  for (let index = 1; index <= 4; index += 1) {
    await trail.record({
      subject: `0790${String(index).padStart(8, '0')}`,
      client: 'one-stop',
      purpose: '1.001234',
      factTypes: ['identity.full_name'],
      outcome: 'granted',
      requestId: `request-${index}`,
    });
  }
  chain = trail.chain;
  const relay = new AuditRelay(pool, producer, 'test-discloser', resources.logger, {
    links: prefixed(Topics.accessAudit, prefix),
    anchors: prefixed(Topics.accessAuditAnchors, prefix),
  });
  while ((await relay.relayOnce()) > 0);
});
afterAll(() => resources.cleanup());

describe('motlan audit verify', () => {
  it('exits 0 on an intact trail checked against the anchors on Kafka, and names the chain', async () => {
    const run = await motlan('audit', 'verify', '--schema', schema, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, anchorsTopic: `${prefix}${Topics.accessAuditAnchors.name}` });
    expect(out.trails).toHaveLength(1);
    expect(out.trails[0]).toMatchObject({ store: schema, ok: true, checked: 4, anchorsChecked: true });
    expect(out.trails[0].chains).toEqual([
      expect.objectContaining({ chain, head: 4, anchored: 4, ok: true }),
    ]);
    const text = await motlan('audit', 'verify', '--schema', schema);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${schema}: intact — 1 chain, 4 links verified`);
  });

  it('exits 1 with the verdict when a link was changed, and 1 with an error when it cannot check', async () => {
    await asAdministrator(ownerPool, (db) =>
      db.query("UPDATE audit_log SET client = 'someone-else' WHERE chain = $1 AND sequence = 2", [chain]),
    );
    const run = await motlan('audit', 'verify', '--schema', schema, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(false);
    expect(out.trails[0].chains[0]).toMatchObject({ ok: false, broken: { kind: 'changed', sequence: 2 } });
    const text = await motlan('audit', 'verify', '--schema', schema);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('BROKEN (changed) at link 2');

    const unreachable = await motlan(
      'audit',
      'verify',
      '--schema',
      schema,
      '--database-url',
      'postgres://motlan@127.0.0.1:1/motlan',
      '--json',
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    expect(JSON.parse(unreachable.stderr).error.message).toMatch(/ECONNREFUSED/);
  });

  it('exits 1 naming MOTLAN_CONFIG_INVALID on a malformed database URL, and prints its help with exit 0', async () => {
    const bad = await motlan('audit', 'verify', '--database-url', 'mysql://x', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr).error.code).toBe('MOTLAN_CONFIG_INVALID');
    const help = await motlan('audit', 'verify', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--schema <schema>');
    expect(help.stdout).toContain('1 a chain is broken');
  });
});
