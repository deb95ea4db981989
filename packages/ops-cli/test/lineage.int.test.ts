import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MIGRATIONS } from '@motlan/access';
import { contentHash } from '@motlan/domain';
import { createEventProducer, Topics, type TopicDefinition } from '@motlan/kafka';
import { TestResources, uniqueName } from '@motlan/testkit';
import { runCli } from '../src/index.ts';

// The registry's own migrations, applied to a fresh schema: the CLI reads that schema, as it
// would the running registry's (the path is data; the CLI imports nothing of the service).
const REGISTRY_MIGRATIONS = fileURLToPath(
  new URL('../../../services/fact-registry/migrations/', import.meta.url),
);
const resources = new TestResources();
// citizen.facts.v1 under a prefix of our own: where lineage looks for the fact's record.
const prefix = `${uniqueName('test.ops-lineage')}.`;
const traceId = 'a'.repeat(32);
let schema = '';
let auditSchema = '';
const subject = '001099012345';
const value = { family: 'Nguyễn', given: 'An' };

async function motlan(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--registry-schema', schema], {
    env: {
      ...process.env,
      DATABASE_URL: resources.databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      OPERATOR_AUDIT_SCHEMA: auditSchema,
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  await resources.declaredTopics(prefix);
  auditSchema = (await resources.schema([ACCESS_MIGRATIONS], 'ops_lineage_audit')).name;
  const { name, ownerPool } = await resources.schema([ACCESS_MIGRATIONS, REGISTRY_MIGRATIONS], 'ops_lineage');
  schema = name;
  const insert = (
    id: string,
    stored: unknown,
    hash: string,
    observed: string,
    recorded: string,
    source = 'national-population-db',
  ) =>
    ownerPool.query(
      `INSERT INTO fact_history (fact_id, subject, type, value, assurance, source_system, source_record_ref,
         source_record_version, observed_at, valid_from, valid_until, dossier_id, content_hash, recorded_at)
       VALUES ($1, $2, 'identity.full_name', $3, 3, $4, 'NPDB-7', '2', $5, '', '', '', $6, $7)`,
      [id, subject, JSON.stringify(stored), source, observed, hash, recorded],
    );
  await insert('fact-old', value, contentHash(value), '2026-11-01T00:00:00Z', '2026-11-01T00:00:05Z');
  const newer = { family: 'Nguyễn', given: 'Bình' };
  await insert(
    'fact-new',
    newer,
    contentHash(value),
    '2026-11-20T00:00:00Z',
    '2026-11-20T00:00:05Z',
    'one-stop',
  );
  await ownerPool.query(
    `INSERT INTO current_facts (subject, type, fact_id, assurance, observed_at, content_hash)
     VALUES ($1, 'identity.full_name', 'fact-new', 3, '2026-11-20T00:00:00Z', $2)`,
    [subject, contentHash(value)],
  );
  const disclose = (id: string, types: string[], at: string, who = subject) =>
    ownerPool.query(
      `INSERT INTO disclosure_log (audit_id, subject, discloser, client, purpose, fact_types, outcome, occurred_at, request_id)
       VALUES ($1, $2, 'fact-registry', 'one-stop', '1.001234', $3, 'granted', $4, $1)`,
      [id, who, types, at],
    );
  await disclose('before', ['identity.full_name'], '2026-10-01T00:00:00Z');
  await disclose('after', ['identity.full_name', 'residence.permanent'], '2026-11-10T00:00:00Z');
  await disclose('other-type', ['residence.permanent'], '2026-11-11T00:00:00Z');
  await disclose('other-citizen', ['identity.full_name'], '2026-11-12T00:00:00Z', '079203000123');
  // fact-new's record on citizen.facts.v1 (its event id is the fact id), among others of the same
  // citizen; fact-old's was never written.
  const producer = await createEventProducer(resources.kafka, 'ops-cli-test');
  const record = (eventId: string) => ({
    key: subject,
    eventId,
    eventType: 'fact.recorded',
    traceparent: `00-${eventId === 'fact-new' ? traceId : 'b'.repeat(32)}-${'c'.repeat(16)}-01`,
    value: { id: eventId, subject: { personalId: subject }, type: 'identity.full_name', valueJson: '{}' },
  });
  const facts: TopicDefinition<object> = { ...Topics.citizenFacts, name: prefix + Topics.citizenFacts.name };
  await producer.publish(facts, [record('other-1'), record('fact-new'), record('other-2')]);
  await producer.disconnect();
}, 60_000);
afterAll(() => resources.cleanup());

describe('motlan lineage', () => {
  it('shows a superseded fact: provenance, its hash recomputed and matching, who superseded it, who read it since, masked', async () => {
    const run = await motlan('lineage', 'fact-old', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      factId: 'fact-old',
      type: 'identity.full_name',
      value: '[REDACTED]',
      provenance: {
        sourceSystem: 'national-population-db',
        sourceRecordRef: 'NPDB-7',
        sourceRecordVersion: '2',
        observedAt: '2026-11-01T00:00:00.000Z',
      },
      contentHash: { stored: contentHash(value), recomputed: contentHash(value), matches: true },
      current: false,
      supersededBy: { factId: 'fact-new', sourceSystem: 'one-stop' },
      kafkaPosition: null,
    });
    expect(out.kafkaSearch).toMatch(
      /^not found: searched at most 5000 records per partition from 2026-10-31T23:59:05\.000Z$/,
    );
    expect(out.subject).not.toContain(subject);
    expect(out.disclosures).toEqual([
      {
        occurredAt: '2026-11-10T00:00:00.000Z',
        client: 'one-stop',
        purpose: '1.001234',
        outcome: 'granted',
        discloser: 'fact-registry',
      },
    ]);
    expect(run.stdout).not.toContain('An"');
  });

  it('shows the current fact in clear under --unmask, and a stored hash that does not match its value', async () => {
    const run = await motlan('lineage', 'fact-new', '--unmask', '--reason', 'ticket OPS-7', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ subject, value: { given: 'Bình' }, current: true, supersededBy: null });
    expect(out.unmaskAudit).toMatchObject({ schema: auditSchema, links: 1 });
    expect(out.contentHash.matches).toBe(false);
    expect(out.disclosures).toEqual([]);
    const text = await motlan('lineage', 'fact-new');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('content hash DOES NOT MATCH');
    expect(text.stdout).toMatch(/kafka {8}citizen\.facts\.v1 \d+:1, written \S+, trace a{32}/);
  });

  it("finds the fact's record on citizen.facts.v1: the subject's partition, its offset and trace id", async () => {
    const out = JSON.parse((await motlan('lineage', 'fact-new', '--json')).stdout);
    expect(out.kafkaSearch).toBe('found');
    expect(out.kafkaPosition).toMatchObject({
      topic: 'citizen.facts.v1',
      offset: '1',
      eventType: 'fact.recorded',
      traceId,
    });
    // All three went to the partition of their one key; a search that reads one record finds nothing.
    const short = JSON.parse((await motlan('lineage', 'fact-new', '--search-limit', '1', '--json')).stdout);
    expect(short.kafkaPosition).toBeNull();
    expect(short.kafkaSearch).toContain('not found: searched at most 1 records per partition');
  });

  it('exits 1 naming MOTLAN_OPS_FACT_NOT_FOUND for an unknown fact id', async () => {
    const run = await motlan('lineage', 'no-such-fact', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr).error.code).toBe('MOTLAN_OPS_FACT_NOT_FOUND');
  });
});
