import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MIGRATIONS } from '@motlan/access';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { pgProcessedEvents } from '@motlan/db';
import {
  createEventProducer,
  onceOnly,
  startEventConsumer,
  Topics,
  type EventConsumer,
  type EventProducer,
} from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import { eventually, TestResources, uniqueName } from '@motlan/testkit';
import { runCli } from '../src/index.ts';

const resources = new TestResources();
// The mesh's declared topics and ACLs under a prefix of our own, as the admin step makes them:
// the CLI reads them as `operator`, the consumer below runs as `fact-registry`.
const prefix = `${uniqueName('test.ops')}.`;
const factsTopic = prefix + Topics.citizenFacts.name;
const group = 'fact-registry-ops-test';
let producer: EventProducer;
// Where this test's --unmask is recorded (a fresh schema, not the mesh's operator_audit).
let auditSchema = '';
let auditPool: Awaited<ReturnType<TestResources['schema']>>['ownerPool'];

/** Runs `motlan <argv>` in-process against the prefixed topics; what it printed and its exit code. */
async function motlan(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return motlanUnder(prefix, argv);
}
async function motlanUnder(
  topicPrefix: string,
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { ...process.env, KAFKA_TOPIC_PREFIX: topicPrefix, OPERATOR_AUDIT_SCHEMA: auditSchema },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
const json = async (...argv: string[]) => {
  const run = await motlan(...argv, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
};

const fact = (personalId: string, type = 'identity.full_name'): Fact__Output => ({
  id: uniqueName('fact'),
  subject: { personalId },
  type,
  valueJson: JSON.stringify({ family: 'Nguyễn', given: 'An' }),
  provenance: {
    sourceSystem: 'national-population-db',
    assurance: 'ASSURANCE_AUTHORITATIVE',
    sourceRecordRef: 'NPDB-1',
    sourceRecordVersion: '1',
    observedAt: new Date().toISOString(),
    validFrom: '',
    validUntil: '',
    dossierId: '',
    contentHash: 'abc',
  },
});

beforeAll(async () => {
  await resources.declaredTopics(prefix);
  producer = await createEventProducer(resources.kafka, 'ops-cli-test');
  ({ name: auditSchema, ownerPool: auditPool } = await resources.schema(
    [ACCESS_MIGRATIONS],
    'ops_cli_audit',
  ));
});
afterAll(async () => {
  await producer.disconnect();
  await resources.cleanup();
});

describe('motlan (the operators’ CLI) on a real broker, as operator', () => {
  let poisonId = '';
  let goodId = '';
  let failing = true;
  const applied: string[] = [];
  const duplicates: string[] = [];
  let consumer: EventConsumer;

  beforeAll(async () => {
    const [poison, good] = await producer.publish({ ...Topics.citizenFacts, name: factsTopic }, [
      { key: '001099012345', value: fact('001099012345'), eventType: 'fact.recorded' },
      {
        key: '079203000123',
        value: fact('079203000123', 'residence.permanent'),
        eventType: 'fact.corrected',
      },
    ]);
    poisonId = poison!.eventId;
    goodId = good!.eventId;
    // A real consumer of the mesh's (fact-registry's identity and group) that cannot handle the
    // first event: it dead-letters it with its reason and goes on.
    // It de-duplicates by event id in PostgreSQL, as every consumer of the mesh does.
    const { pool } = await resources.schema(undefined, 'ops_cli');
    await pool.query(
      'CREATE TABLE processed_events (event_id text PRIMARY KEY, applied_at timestamptz DEFAULT now())',
    );
    const apply = onceOnly<Fact__Output, unknown>(pgProcessedEvents(pool), async (event) => {
      if (failing && event.envelope.eventId === poisonId) {
        throw new MotlanError(CommonErrors.validation, 'the registry refuses this fact');
      }
      applied.push(event.envelope.eventId);
    });
    consumer = await startEventConsumer<Fact__Output>({
      kafka: resources.kafkaAs('fact-registry'),
      groupId: prefix + group,
      topic: { ...Topics.citizenFacts, name: factsTopic },
      logger: resources.logger,
      fromBeginning: true,
      retry: { attempts: 1 },
      handler: async (event) => {
        const outcome = await apply(event);
        if (outcome === 'duplicate') duplicates.push(event.envelope.eventId);
        return outcome;
      },
    });
    await eventually(async () => (applied.includes(goodId) ? true : undefined));
  });
  afterAll(async () => {
    await consumer.stop();
  });

  it('topics: every declared topic under the prefix, with partitions, retention and message counts', async () => {
    const { topics } = await json('topics');
    const facts = topics.find((t: { topic: string }) => t.topic === 'citizen.facts.v1');
    expect(facts).toEqual({
      topic: 'citizen.facts.v1',
      exists: true,
      partitions: 12,
      retentionMs: '-1',
      cleanupPolicy: 'delete',
      messages: 2,
      payload: 'motlan.common.v1.Fact',
    });
    expect(topics.map((t: { topic: string }) => t.topic)).toContain('citizen.notifications.v1.one-stop.dlq');
    expect(topics.every((t: { exists: boolean }) => t.exists)).toBe(true);
    const text = await motlan('topics');
    expect(text.stdout).toMatch(/citizen\.facts\.v1\s+12\s+forever\s+2\s+motlan\.common\.v1\.Fact/);
  });

  it('tail: records decoded with the schema named, envelope headers, personal values masked unless --unmask', async () => {
    const { records, masked } = await json('tail', 'citizen.facts.v1');
    expect(masked).toBe(true);
    expect(records).toHaveLength(2);
    const poison = records.find(
      (r: { headers: Record<string, string> }) => r.headers['motlan-event-id'] === poisonId,
    );
    expect(poison.decodedWith).toBe('motlan.common.v1.Fact');
    expect(poison.headers).toMatchObject({
      'motlan-event-type': 'fact.recorded',
      'motlan-schema': 'motlan.common.v1.Fact',
      'motlan-producer': 'ops-cli-test',
    });
    expect(poison.key).toBe('001*********');
    expect(poison.value.subject.personalId).toBe('[REDACTED]');
    expect(poison.value.valueJson).toBe('[REDACTED]');
    expect(poison.value.type).toBe('identity.full_name');
    expect(JSON.stringify(records)).not.toContain('001099012345');

    const clear = await json(
      'tail',
      'citizen.facts.v1',
      '--unmask',
      '--reason',
      'test of the decoding',
      '--key',
      '001099012345',
    );
    expect(clear.records).toHaveLength(1);
    expect(clear.records[0].key).toBe('001099012345');
    expect(clear.records[0].value.subject.personalId).toBe('001099012345');
    expect(JSON.parse(clear.records[0].value.valueJson)).toEqual({ family: 'Nguyễn', given: 'An' });

    const byType = await json('tail', 'citizen.facts.v1', '--type', 'fact.corrected');
    expect(
      byType.records.map((r: { headers: Record<string, string> }) => r.headers['motlan-event-id']),
    ).toEqual([goodId]);
    expect((await json('tail', 'citizen.facts.v1', '--since', '2999-01-01T00:00:00Z')).records).toEqual([]);
    expect((await json('tail', 'citizen.facts.v1', '--from', 'end', '--limit', '1')).records).toHaveLength(1);
  });

  it('dlq: lists the dead letter with its reason, shows it decoded, redrives it once to its source topic', async () => {
    const list = await eventually(async () => {
      const result = await json('dlq', 'list', '--topic', 'citizen.facts.v1');
      return result.deadLetters.length > 0 ? result : undefined;
    });
    expect(list.deadLetters).toHaveLength(1);
    const letter = list.deadLetters[0];
    expect(letter).toMatchObject({
      topic: 'citizen.facts.v1',
      position: '0:0',
      eventId: poisonId,
      eventType: 'fact.recorded',
      errorCode: 'MOTLAN_VALIDATION_FAILED',
      error: 'the registry refuses this fact',
      attempts: 1,
      consumerGroup: prefix + group,
    });
    // Every declared topic's dead letters, when no topic is named.
    expect((await json('dlq', 'list')).deadLetters).toEqual(list.deadLetters);

    const shown = await json('dlq', 'show', 'citizen.facts.v1', letter.position);
    expect(shown.deadLetter).toEqual(letter);
    expect(shown.record.decodedWith).toBe('motlan.common.v1.Fact');
    expect(shown.record.headers['motlan-dlq-original-topic']).toBe(factsTopic);
    expect(shown.record.value.subject.personalId).toBe('[REDACTED]');
    // In clear only with a reason, and recorded: one link naming the dead letter, read back.
    const clear = await json(
      'dlq',
      'show',
      'citizen.facts.v1',
      letter.position,
      '--unmask',
      '--reason',
      'OPS-9',
    );
    expect(clear.record.value.subject.personalId).toBe('001099012345');
    expect(clear.unmaskAudit).toMatchObject({ schema: auditSchema, links: 1 });
    const { rows } = await auditPool.query<{ subject: string; purpose: string; fact_types: string[] }>(
      'SELECT subject, purpose, fact_types FROM audit_log WHERE request_id = $1',
      [clear.unmaskAudit.requestId],
    );
    expect(rows).toEqual([
      {
        subject: '001099012345',
        purpose: 'OPS-9',
        fact_types: ['identity.full_name', `citizen.facts.v1.dlq ${letter.position}`],
      },
    ]);

    const dry = await json('dlq', 'redrive', 'citizen.facts.v1', '--all', '--dry-run');
    expect(dry).toEqual({
      dryRun: true,
      redriven: [
        { from: '0:0', to: 'citizen.facts.v1', eventId: poisonId, eventType: 'fact.recorded', written: null },
      ],
    });
    expect(
      (await json('topics')).topics.find((t: { topic: string }) => t.topic === 'citizen.facts.v1').messages,
    ).toBe(2);

    failing = false;
    const done = await json('dlq', 'redrive', 'citizen.facts.v1', '--offset', letter.position);
    expect(done.redriven).toHaveLength(1);
    expect(done.redriven[0]).toMatchObject({ from: '0:0', eventId: poisonId });
    expect(done.redriven[0].written).toMatch(/^\d+:\d+$/);
    await eventually(async () => (applied.includes(poisonId) ? true : undefined));
    // The same event (same id, same envelope) applied once; the record on the source topic is the original.
    expect(applied.filter((id) => id === poisonId)).toHaveLength(1);
    const redriven = await json(
      'tail',
      'citizen.facts.v1',
      '--from',
      'end',
      '--limit',
      '1',
      '--type',
      'fact.recorded',
    );
    const [partition, offset] = done.redriven[0].written.split(':');
    expect(redriven.records.at(-1)).toMatchObject({
      partition: Number(partition),
      offset,
      decodedWith: 'motlan.common.v1.Fact',
    });
    expect(redriven.records.at(-1).headers['motlan-event-id']).toBe(poisonId);
    expect(Object.keys(redriven.records.at(-1).headers).some((h) => h.startsWith('motlan-dlq-'))).toBe(false);

    // Redriven again (the dead letter is still listed): the consumer sees the same event id and
    // applies nothing.
    expect((await json('dlq', 'redrive', 'citizen.facts.v1', '--all')).redriven).toHaveLength(1);
    await eventually(async () => (duplicates.includes(poisonId) ? true : undefined));
    expect(applied.filter((id) => id === poisonId)).toHaveLength(1);

    const text = await motlan('dlq', 'redrive', 'citizen.facts.v1', '--all', '--dry-run');
    expect(text.stdout).toContain(
      `would redrive citizen.facts.v1.dlq 0:0 (fact.recorded ${poisonId}) to citizen.facts.v1`,
    );
  });

  it('lag: per group and partition, committed and end offsets; the consumer caught up has lag 0', async () => {
    const { partitions } = await eventually(async () => {
      const result = await json('lag', '--group', group);
      const total = result.partitions.reduce((sum: number, p: { lag: number }) => sum + p.lag, 0);
      return result.partitions.length > 0 && total === 0 ? result : undefined;
    });
    expect(
      partitions.every(
        (p: { group: string; topic: string }) => p.group === group && p.topic === 'citizen.facts.v1',
      ),
    ).toBe(true);
    for (const p of partitions) expect(p.committed).toBe(p.end);
    // Two published, one redriven twice.
    expect(partitions.reduce((sum: number, p: { end: string }) => sum + Number(p.end), 0)).toBe(4);
  });

  it('bad usage exits 2 with a clear message; a missing dead letter exits 1', async () => {
    const unknown = await motlan('tail', 'no.such.topic.v1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('MOTLAN_OPS_TOPIC_UNKNOWN');
    expect(unknown.stderr).toContain('"no.such.topic.v1" is not a declared topic');

    const neither = await motlan('dlq', 'redrive', 'citizen.facts.v1', '--json');
    expect(neither.code).toBe(2);
    expect(JSON.parse(neither.stderr)).toEqual({
      error: {
        code: 'MOTLAN_OPS_USAGE',
        message: 'dlq redrive needs exactly one of --offset <partition:offset> or --all',
      },
    });
    const badPosition = await motlan('dlq', 'show', 'citizen.facts.v1', 'zero');
    expect(badPosition.code).toBe(2);
    expect(badPosition.stderr).toContain('position must be partition:offset');

    for (const argv of [
      ['frobnicate'],
      ['tail'],
      ['tail', 'citizen.facts.v1', '--limit', '0'],
      ['tail', 'citizen.facts.v1', '--from', 'middle'],
      ['lag', '--since', 'x'],
    ]) {
      const run = await motlan(...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr, argv.join(' ')).toMatch(/error: /);
    }

    // Topics the operator has no grant on (no ACLs under this prefix): refused, said so, exit 1.
    const refused = await motlanUnder(`${uniqueName('test.ops-none')}.`, [
      'dlq',
      'list',
      '--topic',
      'citizen.facts.v1',
      '--json',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(JSON.parse(refused.stderr).error).toMatchObject({ code: 'MOTLAN_PERMISSION_DENIED' });
    expect(JSON.parse(refused.stderr).error.message).toContain('KafkaGrants.operator');

    const missing = await motlan('dlq', 'show', 'citizen.facts.v1', '0:999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('MOTLAN_OPS_DEAD_LETTER_NOT_FOUND');
  });

  it('--help on the CLI and on every subcommand, with the exit codes', async () => {
    for (const argv of [
      [],
      ['topics'],
      ['lag'],
      ['tail'],
      ['dlq'],
      ['dlq', 'list'],
      ['dlq', 'show'],
      ['dlq', 'redrive'],
    ]) {
      const run = await motlan(...argv, '--help');
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stdout, argv.join(' ')).toContain('Exit codes: 0 done; 1 the command failed');
    }
    expect((await motlan('tail', '--help')).stdout.replace(/\s+/g, ' ')).toContain(
      'only for operators allowed to see them; audited (--reason required)',
    );
  });
});
