import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MIGRATIONS } from '@motlan/access';
import { createEventProducer, prefixed, Topics, type TopicDefinition } from '@motlan/kafka';
import { TestResources, uniqueName } from '@motlan/testkit';
import { runCli, type MeshTrace } from '../src/index.ts';

// The services' own migrations applied to fresh schemas: the CLI reads them as it would the
// running services' (the paths are data; the CLI imports nothing of a service).
const migrations = (service: string) =>
  fileURLToPath(new URL(`../../../services/${service}/migrations/`, import.meta.url));

const resources = new TestResources();
const prefix = `${uniqueName('test.ops-trace')}.`;
const schemas = { oneStop: '', registry: '', adapter: '' };
const applicant = '001099012345';
const dossierId = randomUUID();
const code = 'MT-20261201-000042';
const intake = `req-intake-${randomUUID()}`;
const decision = `req-decide-${randomUUID()}`;
const traceOf = (request: string) => (request === intake ? '1'.repeat(32) : '2'.repeat(32));
const steps = { received: randomUUID(), resolved: randomUUID() };
const resultFact = `fact-${randomUUID()}`;

async function motlan(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return motlanUnder(prefix, argv);
}
async function motlanUnder(
  topicPrefix: string,
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exit = await runCli(
    [
      ...argv,
      '--one-stop-schema',
      schemas.oneStop,
      '--registry-schema',
      schemas.registry,
      '--audit-schema',
      schemas.registry,
      '--audit-schema',
      schemas.adapter,
    ],
    {
      env: { ...process.env, DATABASE_URL: resources.databaseUrl, KAFKA_TOPIC_PREFIX: topicPrefix },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    },
  );
  return { code: exit, stdout, stderr };
}

beforeAll(async () => {
  await resources.declaredTopics(prefix);
  const oneStop = await resources.schema([ACCESS_MIGRATIONS, migrations('one-stop')], 'ops_trace_os');
  const registry = await resources.schema([ACCESS_MIGRATIONS, migrations('fact-registry')], 'ops_trace_fr');
  // An audit schema with nothing of it: read, nothing found. Another with no tables at all: a note.
  schemas.adapter = (await resources.schema(undefined, 'ops_trace_pa')).name;
  schemas.oneStop = oneStop.name;
  schemas.registry = registry.name;
  const db = oneStop.ownerPool;

  // A dossier received on one request (the prefill read identity facts from the registry) and
  // resolved on another, which issued a result fact; one-stop's outbox carried both steps and the fact.
  await db.query(
    `INSERT INTO dossiers (id, code, procedure_code, unit_code, applicant_personal_id, status, received_at, due_at,
       required_count, prefilled_count, facts, documents, result_fact_id, updated_at)
     VALUES ($1, $2, '1.001234', '00001', $3, 'resolved', '2026-12-01T01:00:00Z', '2026-12-10T10:00:00Z', 3, 2,
       '[]', '[]', $4, '2026-12-01T01:05:00Z')`,
    [dossierId, code, applicant, resultFact],
  );
  await db.query(
    `INSERT INTO dossier_history (dossier_id, sequence, event_id, event_type, from_status, to_status, actor, reason, occurred_at)
     VALUES ($1, 1, $2, 'dossier.received', NULL, 'received', $3, NULL, '2026-12-01T01:00:00Z'),
            ($1, 2, $4, 'dossier.resolved', 'received', 'resolved', 'officer:00001/hoa', NULL, '2026-12-01T01:05:00Z')`,
    [dossierId, steps.received, `applicant:${applicant}`, steps.resolved],
  );
  const outbox = [
    {
      id: steps.received,
      topic: 'dossier.events.v1',
      key: dossierId,
      type: 'dossier.received',
      request: intake,
      at: '2026-12-01T01:00:00Z',
    },
    {
      id: steps.resolved,
      topic: 'dossier.events.v1',
      key: dossierId,
      type: 'dossier.resolved',
      request: decision,
      at: '2026-12-01T01:05:00Z',
    },
    {
      id: resultFact,
      topic: 'citizen.facts.v1',
      key: applicant,
      type: 'fact.recorded',
      request: decision,
      at: '2026-12-01T01:05:00Z',
    },
  ];
  for (const o of outbox) {
    await db.query(
      `INSERT INTO outbox (event_id, topic, key, event_type, payload, correlation_id, created_at, published_at)
       VALUES ($1, $2, $3, $4, '{}', $5, $6, $6::timestamptz + interval '150 milliseconds')`,
      [o.id, o.topic, o.key, o.type, o.request, o.at],
    );
  }
  // The relay's records on Kafka, with the request's trace context.
  const producer = await createEventProducer(resources.kafka, 'one-stop');
  for (const o of outbox) {
    const topic: TopicDefinition<object> =
      o.topic === 'dossier.events.v1' ? Topics.dossierEvents : Topics.citizenFacts;
    await producer.publish(prefixed(topic, prefix), [
      {
        key: o.key,
        eventId: o.id,
        eventType: o.type,
        correlationId: o.request,
        traceparent: `00-${traceOf(o.request)}-${'3'.repeat(16)}-01`,
        value: { id: o.id },
      },
    ]);
  }
  await producer.disconnect();
  await registry.ownerPool.query(
    `INSERT INTO fact_history (fact_id, subject, type, value, assurance, source_system, source_record_ref,
       source_record_version, observed_at, valid_from, valid_until, dossier_id, content_hash, recorded_at)
     VALUES ($1, $2, 'military.registration', '{}', 3, 'one-stop', $3, '1', '2026-12-01T01:05:00Z', '', '', $4, 'h',
       '2026-12-01T01:05:01Z')`,
    [resultFact, applicant, code, dossierId],
  );
  // The registry's audit trail: the prefill's read, answered for the intake request (a link as
  // AuditTrail writes it; its hash does not matter to a trace).
  await registry.ownerPool.query(
    `WITH chain AS (INSERT INTO audit_chains (chain, discloser) VALUES ('fact-registry:1', 'fact-registry'))
     INSERT INTO audit_log (chain, sequence, audit_id, subject, client, purpose, fact_types, outcome, occurred_at,
       request_id, prev_hash, hash)
     VALUES ('fact-registry:1', 1, $1, $2, 'one-stop', '1.001234', '{identity.full_name,identity.date_of_birth}',
       'granted', '2026-12-01T00:59:59.900Z', $3, '0', '0')`,
    [randomUUID(), applicant, intake],
  );
}, 120_000);
afterAll(() => resources.cleanup());

describe('motlan trace', () => {
  it('a dossier code: its steps, the records they produced (topic, partition, offset, trace id), the fact it caused and the disclosures of its requests, in time order', async () => {
    const run = await motlan('trace', code, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const trace = JSON.parse(run.stdout) as MeshTrace;
    expect(trace.query).toEqual({ kind: 'dossier', value: code });
    expect(trace.dossier).toMatchObject({
      id: dossierId,
      code,
      procedureCode: '1.001234',
      status: 'resolved',
    });
    expect(trace.requestIds.sort()).toEqual([intake, decision].sort());
    expect(trace.traceIds.sort()).toEqual([traceOf(intake), traceOf(decision)].sort());
    expect(trace.hops.map((h) => [h.kind, h.service, h.eventId, h.requestId])).toEqual([
      ['disclosure', 'fact-registry', expect.any(String), intake],
      ['dossier-step', 'one-stop', steps.received, intake],
      ['record-produced', 'one-stop', steps.received, intake],
      ['dossier-step', 'one-stop', steps.resolved, decision],
      ['record-produced', 'one-stop', steps.resolved, decision],
      ['record-produced', 'one-stop', resultFact, decision],
      ['fact-recorded', 'fact-registry', resultFact, decision],
    ]);
    const [disclosure, received, receivedRecord, , , factRecord, factStored] = trace.hops;
    expect(disclosure!.what).toBe('granted one-stop identity.full_name, identity.date_of_birth for 1.001234');
    expect(received!.what).toMatch(/^dossier\.received: \(new\) → received by applicant:001\*+$/);
    expect(received!.traceId).toBe(traceOf(intake));
    expect(receivedRecord).toMatchObject({
      at: '2026-12-01T01:00:00.150Z',
      sinceStartMs: 250,
      traceId: traceOf(intake),
      kafka: {
        topic: 'dossier.events.v1',
        offset: '0',
        eventType: 'dossier.received',
        correlationId: intake,
      },
    });
    expect(factRecord!.kafka).toMatchObject({
      topic: 'citizen.facts.v1',
      offset: '0',
      traceId: traceOf(decision),
    });
    expect(factStored!.what).toBe('military.registration from one-stop stored (fact_history)');
    expect(trace.durationMs).toBe(301_100);
    expect(trace.notes).toEqual([`${schemas.adapter} has no audit_log, audit_chains: not read`]);
    expect(run.stdout).not.toContain(applicant);

    const text = await motlan('trace', code);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`trace of dossier ${code}: 7 hops over 301100 ms`);
    expect(text.stdout).toMatch(
      /dossier\.received published to dossier\.events\.v1 \d+:0\s+dossier\.events\.v1 \d+:0\s+1{32}/,
    );
  });

  it('a request id: what carried it, and the dossier it acted on', async () => {
    const trace = JSON.parse((await motlan('trace', decision, '--json')).stdout) as MeshTrace;
    expect(trace.query).toEqual({ kind: 'request', value: decision });
    expect(trace.dossier?.code).toBe(code);
    expect(trace.requestIds).toEqual([decision]);
    expect(trace.traceIds).toEqual([traceOf(decision)]);
    expect(trace.hops.map((h) => h.kind)).toEqual([
      'dossier-step',
      'record-produced',
      'record-produced',
      'fact-recorded',
    ]);
    expect(trace.hops.every((h) => h.requestId === decision)).toBe(true);

    // The intake request: its disclosure is found by its request id alone.
    const first = JSON.parse((await motlan('trace', intake, '--json')).stdout) as MeshTrace;
    expect(first.hops.map((h) => h.kind)).toEqual(['disclosure', 'dossier-step', 'record-produced']);
  });

  it('a bounded search says how far it looked for records it did not find', async () => {
    const trace = JSON.parse(
      (await motlan('trace', code, '--search-limit', '1', '--json')).stdout,
    ) as MeshTrace;
    // Both dossier events share one key, so one partition: the first is found, the second is not.
    expect(
      trace.hops.find((h) => h.eventId === steps.resolved && h.kind === 'record-produced')?.kafka,
    ).toBeNull();
    expect(trace.notes).toContain(
      '1 record(s) of dossier.events.v1 not found: searched at most 1 records per partition from 2026-12-01T00:59:00.000Z',
    );
  });

  it('without Kafka (a refused right) the databases still answer, positions left out with a note', async () => {
    const run = await motlanUnder(`${uniqueName('test.ops-none')}.`, ['trace', code, '--json']);
    expect(run.code).toBe(0);
    const trace = JSON.parse(run.stdout) as MeshTrace;
    expect(trace.hops).toHaveLength(7);
    expect(trace.hops.every((h) => h.kafka === null && h.traceId === null)).toBe(true);
    expect(
      trace.notes.some((n) =>
        n.startsWith('Kafka positions not looked up: Kafka refused the operator identity'),
      ),
    ).toBe(true);
  });

  it('nothing kept exits 1 (MOTLAN_OPS_TRACE_NOT_FOUND); neither a request id nor a dossier code exits 2', async () => {
    const unknown = await motlan('trace', 'MT-20261201-999999', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error.code).toBe('MOTLAN_OPS_TRACE_NOT_FOUND');
    expect(JSON.parse(unknown.stderr).error.message).toContain(
      `no dossier MT-20261201-999999 in ${schemas.oneStop}.dossiers`,
    );
    const noRequest = await motlan('trace', `req-${randomUUID()}`, '--json');
    expect(noRequest.code).toBe(1);
    const bad = await motlan('trace', 'two words', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.code).toBe('MOTLAN_OPS_USAGE');
    const help = await motlan('trace', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 done; 1 the command failed');
    expect(help.stdout).toContain('<request-id|dossier-code>');
  });
});
