import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { ACCESS_MIGRATIONS, loadTlsMaterial, parsePolicy } from '@motlan/access';
import { withTransaction, type Pool } from '@motlan/db';
import { canonicalJson, contentHash, type Assurance } from '@motlan/domain';
import {
  createEventProducer,
  DiscrepancyEventTypes,
  Headers,
  headerText,
  Topics,
  type EventConsumer,
  type EventProducer,
  type TopicDefinition,
} from '@motlan/kafka';
import { messageCodec, type Fact__Output, type factsV1 } from '@motlan/proto';
import { clientTls, devCertificates, eventually, httpsJson, readTopic, TestResources } from '@motlan/testkit';
import { buildApp, type RegistryApp } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { MIGRATIONS } from '../src/migrations-dir.ts';
import { recordDiscrepancies } from '../src/store/record-discrepancies.ts';

const policy = parsePolicy({
  clients: {
    'one-stop': { mayDeclare: true, purposes: { 'first-registration': ['identity.full_name'] } },
    operator: { mayOperate: true, purposes: {} },
  },
});

const POPULATION = 'national-population-db';
const MILITARY = 'military-personnel-db';

let resources: TestResources;
let app: RegistryApp;
let pool: Pool;
let producer: EventProducer;
let factsTopic: TopicDefinition<Fact__Output>;
let discrepanciesTopic: TopicDefinition<factsV1.DiscrepancyEvent__Output>;
let httpsUrl: string;
const codec = messageCodec<factsV1.DiscrepancyEvent__Output>('motlan.facts.v1.DiscrepancyEvent');

beforeAll(async () => {
  resources = new TestResources();
  const schema = await resources.schema([ACCESS_MIGRATIONS, MIGRATIONS], 'registry-disc');
  pool = schema.pool;
  factsTopic = await resources.topic(Topics.citizenFacts);
  discrepanciesTopic = await resources.topic(Topics.citizenDiscrepancies);
  producer = await createEventProducer(resources.kafka, 'registry-disc-test');
  resources.defer(() => producer.disconnect());
  app = await buildApp(
    readConfig({ FACT_REGISTRY_GROUP: resources.groupId('registry-disc'), CONSUMER_CONCURRENCY: '4' }),
    {
      pool,
      kafka: resources.kafka,
      producer,
      logger: resources.logger,
      registry: new Registry(),
      policy,
      tls: loadTlsMaterial(devCertificates(), 'fact-registry'),
      factsTopic,
      auditTopic: await resources.topic(Topics.accessAudit),
      auditAnchorsTopic: await resources.topic(Topics.accessAuditAnchors),
      discrepanciesTopic,
    },
  );
  const consumer: EventConsumer = await app.startConsumer();
  resources.defer(() => consumer.stop());
  app.discrepancyRelay.start();
  resources.defer(() => app.discrepancyRelay.stop());
  httpsUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
  resources.defer(() => app.http.close());
}, 120_000);
afterAll(async () => {
  await resources?.cleanup();
});

let clock = Date.parse('2026-11-01T00:00:00Z');

/** A fact as the population adapter (authoritative) or the military adapter (verified) publishes it. */
function sourceFact(
  source: string,
  personalId: string,
  type: string,
  value: unknown,
  assurance: Assurance = source === POPULATION ? 'ASSURANCE_AUTHORITATIVE' : 'ASSURANCE_VERIFIED',
): Fact__Output {
  clock += 1_000;
  return {
    id: randomUUID(),
    subject: { personalId },
    type,
    valueJson: canonicalJson(value),
    provenance: {
      sourceSystem: source,
      assurance,
      sourceRecordRef: `${source}/${personalId}`,
      sourceRecordVersion: String(clock),
      observedAt: new Date(clock).toISOString(),
      validFrom: '',
      validUntil: '',
      dossierId: '',
      contentHash: contentHash(value),
    },
  };
}

const name = (full: string) => {
  const words = full.split(' ');
  return { family: words[0], middle: words.slice(1, -1).join(' '), given: words.at(-1), full };
};

/** Publishes facts (event id = fact id unless given) and waits until the registry applied them. */
async function apply(facts: Fact__Output[], eventIds = facts.map((fact) => fact.id)): Promise<void> {
  await producer.publish(
    factsTopic,
    facts.map((fact, index) => ({
      key: fact.subject!.personalId,
      value: fact,
      eventId: eventIds[index]!,
      eventType: 'fact.recorded',
    })),
  );
  await eventually(async () => {
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM processed_events WHERE event_id = ANY($1::text[])',
      [eventIds],
    );
    return rows[0]!.n === eventIds.length ? true : undefined;
  });
}

async function discrepanciesOf(personalId: string) {
  const { rows } = await pool.query<{ id: string; type: string; state: string; source_systems: string[] }>(
    'SELECT id, type, state, source_systems FROM discrepancies WHERE subject = $1 ORDER BY seq',
    [personalId],
  );
  return rows;
}

/** Every event on the fresh discrepancies topic so far, decoded, with key and event type. */
async function published(expected: number) {
  await app.discrepancyRelay.drain();
  const messages = await readTopic(resources.kafka, discrepanciesTopic.name, expected, 10_000);
  return messages.map((message) => ({
    key: message.key?.toString(),
    eventId: headerText(message.headers ?? {}, Headers.eventId),
    eventType: headerText(message.headers ?? {}, Headers.eventType),
    event: codec.decode(message.value!),
  }));
}

interface ListedDiscrepancy {
  id: string;
  cursor: string;
  personalId: string;
  state: string;
  sourceSystems: string[];
  values: { value: { full: string }; provenance: { sourceSystem: string } }[];
}
/** The answer of a GET: a discrepancy list, a report, or a problem (whichever the route gives). */
interface Answer {
  discrepancies: ListedDiscrepancy[];
  next?: string;
  counts: { sourceSystems: string[]; factType: string; open: number; resolved: number }[];
  code?: string;
}

const get = (path: string, client?: string) =>
  httpsJson(`${httpsUrl}${path}`, { tls: clientTls(client) }) as Promise<{ status: number; body: Answer }>;

const report = async (client = 'operator') => {
  const answer = await get('/v1/reports/discrepancies', client);
  expect(answer.status).toBe(200);
  return answer.body.counts;
};

const HUNG = '001090000101';

describe('discrepancies between authoritative sources', () => {
  it('opens one discrepancy when the population and military sources disagree, with an opened event carrying both values', async () => {
    await apply([
      sourceFact(POPULATION, HUNG, 'identity.full_name', name('Nguyễn Văn Hùng')),
      sourceFact(MILITARY, HUNG, 'identity.full_name', name('Nguyễn Văn Hùg')),
    ]);
    const rows = await discrepanciesOf(HUNG);
    expect(rows).toMatchObject([
      { type: 'identity.full_name', state: 'open', source_systems: [MILITARY, POPULATION] },
    ]);
    const events = await published(1);
    expect(events).toHaveLength(1);
    const [opened] = events;
    expect(opened).toMatchObject({ key: HUNG, eventType: DiscrepancyEventTypes.opened });
    expect(opened!.eventId).toBe(opened!.event.id);
    expect(opened!.event).toMatchObject({
      discrepancyId: rows[0]!.id,
      state: 'DISCREPANCY_STATE_OPENED',
      subject: { personalId: HUNG },
      factType: 'identity.full_name',
      resolvedAt: '',
    });
    expect(
      opened!.event.values.map((fact) => [fact.provenance!.sourceSystem, JSON.parse(fact.valueJson).full]),
    ).toEqual([
      [MILITARY, 'Nguyễn Văn Hùg'],
      [POPULATION, 'Nguyễn Văn Hùng'],
    ]);
    expect(opened!.event.values.map((fact) => fact.provenance!.assurance)).toEqual([
      'ASSURANCE_VERIFIED',
      'ASSURANCE_AUTHORITATIVE',
    ]);
    expect(await report()).toContainEqual({
      sourceSystems: [MILITARY, POPULATION],
      factType: 'identity.full_name',
      open: 1,
      resolved: 0,
    });
  });

  it('lists it to either data owner with both values, auditing each listed citizen', async () => {
    for (const owner of [MILITARY, POPULATION]) {
      const answer = await get('/v1/discrepancies?state=open&factType=identity.full_name', owner);
      expect(answer.status).toBe(200);
      const entry = answer.body.discrepancies.find((d) => d.personalId === HUNG)!;
      expect(entry).toMatchObject({ state: 'open', sourceSystems: [MILITARY, POPULATION] });
      expect(entry.values.map((fact) => fact.value.full)).toEqual(['Nguyễn Văn Hùg', 'Nguyễn Văn Hùng']);
      expect(entry.values[0]!.provenance).toMatchObject({ sourceSystem: MILITARY });
    }
    await app.trail.settle();
    const { rows } = await pool.query(
      `SELECT client, purpose, fact_types, outcome FROM audit_log WHERE subject = $1 ORDER BY sequence`,
      [HUNG],
    );
    expect(rows).toEqual([
      {
        client: MILITARY,
        purpose: 'discrepancy-report',
        fact_types: ['identity.full_name'],
        outcome: 'granted',
      },
      {
        client: POPULATION,
        purpose: 'discrepancy-report',
        fact_types: ['identity.full_name'],
        outcome: 'granted',
      },
    ]);
    const resolvedOnly = await get('/v1/discrepancies?state=resolved', MILITARY);
    expect(resolvedOnly.body.discrepancies).toEqual([]);
  });

  it('updates it when a source changes but still disagrees, and resolves it when corrected, in order per citizen', async () => {
    await apply([sourceFact(MILITARY, HUNG, 'identity.full_name', name('Nguyễn Văn Hùnng'))]);
    await apply([sourceFact(MILITARY, HUNG, 'identity.full_name', name('Nguyễn Văn Hùng'))]);
    const rows = await discrepanciesOf(HUNG);
    expect(rows).toMatchObject([{ state: 'resolved' }]);
    const events = (await published(3)).filter((entry) => entry.key === HUNG);
    expect(events.map((entry) => entry.eventType)).toEqual([
      DiscrepancyEventTypes.opened,
      DiscrepancyEventTypes.updated,
      DiscrepancyEventTypes.resolved,
    ]);
    expect(new Set(events.map((entry) => entry.event.discrepancyId))).toEqual(new Set([rows[0]!.id]));
    const resolved = events[2]!.event;
    expect(resolved.state).toBe('DISCREPANCY_STATE_RESOLVED');
    expect(resolved.resolvedAt).not.toBe('');
    expect(resolved.values.map((fact) => JSON.parse(fact.valueJson).full)).toEqual([
      'Nguyễn Văn Hùng',
      'Nguyễn Văn Hùng',
    ]);
    expect(events[1]!.event.values.map((fact) => JSON.parse(fact.valueJson).full)[0]).toBe(
      'Nguyễn Văn Hùnng',
    );
    expect(await report(MILITARY)).toContainEqual({
      sourceSystems: [MILITARY, POPULATION],
      factType: 'identity.full_name',
      open: 0,
      resolved: 1,
    });
  });

  it('opens none for a tolerated difference, nor for a self-declared value that disagrees', async () => {
    const tolerated = '001090000102';
    const declared = '001090000103';
    await apply([
      sourceFact(POPULATION, tolerated, 'identity.full_name', name('Nguyễn Văn An')),
      sourceFact(MILITARY, tolerated, 'identity.full_name', name('NGUYEN VAN AN')),
      sourceFact(POPULATION, tolerated, 'identity.date_of_birth', { date: '1990-05', precision: 'month' }),
      sourceFact(MILITARY, tolerated, 'identity.date_of_birth', { date: '1990-05-17' }),
      sourceFact(POPULATION, declared, 'identity.full_name', name('Trần Thị Mai')),
      sourceFact(
        'commune-military-command',
        declared,
        'identity.full_name',
        name('Trần Thị Lan'),
        'ASSURANCE_SELF_DECLARED',
      ),
    ]);
    expect(await discrepanciesOf(tolerated)).toEqual([]);
    expect(await discrepanciesOf(declared)).toEqual([]);
  });

  it('opens one for a birth day one day off', async () => {
    const dayOff = '001090000104';
    await apply([
      sourceFact(POPULATION, dayOff, 'identity.date_of_birth', { date: '1991-02-10' }),
      sourceFact(MILITARY, dayOff, 'identity.date_of_birth', { date: '1991-02-11' }),
    ]);
    expect(await discrepanciesOf(dayOff)).toMatchObject([{ type: 'identity.date_of_birth', state: 'open' }]);
  });

  it('changes nothing when the same facts are applied again', async () => {
    const replayed = '001090000105';
    const facts = [
      sourceFact(POPULATION, replayed, 'identity.full_name', name('Lê Văn Bình')),
      sourceFact(MILITARY, replayed, 'identity.full_name', name('Lê Văn Bìnhh')),
    ];
    await apply(facts);
    const before = await pool.query('SELECT * FROM discrepancies ORDER BY seq');
    const outboxBefore = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM discrepancy_outbox');
    // The same facts under new event ids (a re-sync): past the consumer's de-duplication.
    await apply(
      facts,
      facts.map(() => randomUUID()),
    );
    // And straight into the detection, as the single-event path would.
    expect(await withTransaction(pool, (tx) => recordDiscrepancies(tx, facts))).toBe(0);
    expect((await pool.query('SELECT * FROM discrepancies ORDER BY seq')).rows).toEqual(before.rows);
    expect(
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM discrepancy_outbox')).rows[0]!.n,
    ).toBe(outboxBefore.rows[0]!.n);
  });

  it('refuses the list to a client that is no source system, and to a caller with no certificate', async () => {
    const foreign = await get('/v1/discrepancies', 'one-stop');
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'MOTLAN_DISCREPANCIES_NOT_ALLOWED' });
    const anonymous = await get('/v1/discrepancies');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED' });
    const reportForeign = await get('/v1/reports/discrepancies', 'one-stop');
    expect(reportForeign.status).toBe(403);
    const badType = await get('/v1/discrepancies?factType=identity.blood_group', MILITARY);
    expect(badType.status).toBe(400);
  });

  it('lists every discrepancy to an operator (the operators’ console), auditing each under its name', async () => {
    // Hùng's was resolved above: an operator sees it beside the others, whatever the sources.
    const answer = await get('/v1/discrepancies?factType=identity.full_name', 'operator');
    expect(answer.status).toBe(200);
    const entry = answer.body.discrepancies.find((d) => d.personalId === HUNG)!;
    expect(entry).toMatchObject({ state: 'resolved', sourceSystems: [MILITARY, POPULATION] });
    await app.trail.settle();
    const { rows } = await pool.query(
      `SELECT purpose, fact_types FROM audit_log WHERE subject = $1 AND client = 'operator'`,
      [HUNG],
    );
    expect(rows).toEqual([{ purpose: 'discrepancy-report', fact_types: ['identity.full_name'] }]);
  });

  it('pages the list with a cursor', async () => {
    const first = await get('/v1/discrepancies?limit=1', MILITARY);
    expect(first.body.discrepancies).toHaveLength(1);
    expect(first.body.next).toBe(first.body.discrepancies[0]!.cursor);
    const second = await get(`/v1/discrepancies?limit=1&after=${first.body.next}`, MILITARY);
    expect(second.body.discrepancies).toHaveLength(1);
    expect(second.body.discrepancies[0]!.id).not.toBe(first.body.discrepancies[0]!.id);
  });
});
