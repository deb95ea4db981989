import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { createEventProducer, Topics, type EventProducer } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import { eventually, TestResources, uniqueName } from '@motlan/testkit';
import { runCli } from '../src/index.ts';

const resources = new TestResources();
const prefix = `${uniqueName('test.replay')}.`;
const factsTopic = prefix + Topics.citizenFacts.name;
// A group of the mesh's (fact-registry's identity and group prefix), under our prefix.
const group = 'fact-registry-replay-test';
let producer: EventProducer;
let consumer: Consumer;
let partition = -1;
let midway = '';

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

const fact = (): Fact__Output => ({
  id: uniqueName('fact'),
  subject: { personalId: '001099012345' },
  type: 'identity.full_name',
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
const publish = (count: number) =>
  producer.publish(
    { ...Topics.citizenFacts, name: factsTopic },
    Array.from({ length: count }, () => ({ key: '001099012345', value: fact(), eventType: 'fact.recorded' })),
  );

/** The group's committed offset on the records' partition, as the broker has it. */
async function committed(): Promise<string | undefined> {
  const admin = resources.admin.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId: prefix + group, topics: [factsTopic] });
    return entry?.partitions.find((p) => p.partition === partition)?.offset;
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  await resources.declaredTopics(prefix);
  producer = await createEventProducer(resources.kafka, 'ops-cli-replay-test');
  resources.defer(() => producer.disconnect());
  await publish(3);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  midway = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await publish(2);
  // One key: every record on one partition.
  const admin = resources.admin.admin();
  await admin.connect();
  partition = (await admin.fetchTopicOffsets(factsTopic)).find((p) => p.high === '5')!.partition;
  await admin.disconnect();
  // A running consumer of the group that has read all five records.
  consumer = resources.kafkaAs('fact-registry').consumer({ groupId: prefix + group, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: factsTopic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
  await eventually(async () => ((await committed()) === '5' ? true : undefined), 30_000);
});
afterAll(async () => {
  await consumer.disconnect();
  await resources.cleanup();
});

describe('motlan replay', () => {
  it('refuses while the group has a running consumer, and moves nothing', async () => {
    const run = await motlan('replay', group, '--from', '0', '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'MOTLAN_OPS_REPLAY_GROUP_ACTIVE' });
    expect(JSON.parse(run.stderr).error.message).toContain('stop its consumers');
    expect(await committed()).toBe('5');
    await consumer.disconnect();
  });

  it('under --dry-run prints where the offsets would go and changes nothing', async () => {
    const run = await motlan('replay', group, '--from', '1', '--dry-run', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ group, dryRun: true });
    expect(out.partitions).toContainEqual({
      topic: Topics.citizenFacts.name,
      partition,
      from: '5',
      to: '1',
      toRead: 4,
    });
    expect(await committed()).toBe('5');
  });

  it('sets an offset, and the first record written at or after an instant', async () => {
    const byOffset = await motlan('replay', group, '--from', '1');
    expect(byOffset.code).toBe(0);
    expect(byOffset.stdout).toContain(`Moved the committed offsets of ${group}`);
    expect(await committed()).toBe('1');

    const byTime = await motlan('replay', group, '--from', midway, '--topic', 'citizen.facts.v1', '--json');
    expect(byTime.code).toBe(0);
    expect(JSON.parse(byTime.stdout).partitions).toContainEqual({
      topic: Topics.citizenFacts.name,
      partition,
      from: '1',
      to: '3',
      toRead: 2,
    });
    expect(await committed()).toBe('3');

    // Past the end: the partition's end (nothing left to read).
    const pastEnd = await motlan('replay', group, '--from', '99', '--json');
    expect(pastEnd.code).toBe(0);
    expect(await committed()).toBe('5');
  });

  it('exits 2 on a malformed --from, an undeclared topic or a group with no offsets and no --topic; 1 for a group the operator may not move', async () => {
    const malformed = await motlan('replay', group, '--from', 'yesterday');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('an ISO 8601 instant');
    const unknown = await motlan('replay', group, '--from', '0', '--topic', 'no.such.v1', '--json');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr).error.code).toBe('MOTLAN_OPS_TOPIC_UNKNOWN');
    const none = await motlan('replay', 'fact-registry-never-ran', '--from', '0', '--json');
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stderr).error.code).toBe('MOTLAN_OPS_REPLAY_NO_TOPIC');
    expect(await committed()).toBe('5');
    const foreign = await motlan('replay', 'bench-client-x', '--from', '0', '--json');
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.stderr).error).toMatchObject({ code: 'MOTLAN_PERMISSION_DENIED' });
    expect(JSON.parse(foreign.stderr).error.message).toContain('replaysGroups');
    const help = await motlan('replay', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--from <offset|instant>');
  });
});
