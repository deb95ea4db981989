/**
 * Issue 15, part 3: one broker of three stopped in the middle of a bulk sync, then started again.
 * The population adapter's initial sync publishes every seeded citizen's facts (idempotent
 * producer, acks=all) to citizen.facts.v1 (replication factor 3, min.insync.replicas 2) while
 * the fact registry consumes them; the broker leading partition 0 of the facts topic goes down
 * once the registry has applied its first facts and comes back once the sync has published more.
 * Then every fact is applied exactly once and none is lost, counted three ways: the sync's own
 * summary (what the brokers acknowledged), the event ids on the topic, and the registry's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Headers, Topics } from '@motlan/kafka';
import {
  eventually,
  localClusterFromEnv,
  readTopic,
  startMesh,
  TestResources,
  type ClusterNode,
  type Mesh,
} from '@motlan/testkit';
import { durabilityOf, leaderOf, metricOf, recordsOn } from './support.ts';

const SEED_PEOPLE = 2_000;
/** The fact types every citizen's record yields (map-record.ts; the others depend on the record). */
const ALWAYS = [
  'identity.full_name',
  'identity.date_of_birth',
  'identity.ethnicity',
  'identity.religion',
  'identity.vital_status',
  'residence.birth_registration',
  'residence.place_of_origin',
  'residence.permanent',
  'residence.current',
  'family.father',
  'family.mother',
  'family.spouse',
];

const resources = new TestResources();
const cluster = localClusterFromEnv();
let mesh: Mesh;

beforeAll(async () => {
  mesh = await startMesh(resources, 'broker_failover', { seedPeople: SEED_PEOPLE });
}, 180_000);

afterAll(async () => {
  await resources.cleanup();
});

const count = async (sql: string, params: unknown[] = []) =>
  Number((await mesh.registryPool.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('a broker stopped in the middle of a bulk sync', () => {
  it('loses no acknowledged fact and applies each exactly once', async () => {
    const factsTopic = `${mesh.topicPrefix}${Topics.citizenFacts.name}`;
    expect(await durabilityOf(resources.admin, factsTopic)).toEqual({
      replicas: Array.from({ length: Topics.citizenFacts.partitions }, () => 3),
      minIsr: '2',
    });
    expect(await count('SELECT count(*) AS n FROM fact_history')).toBe(0);
    const seeded = Number(
      (await mesh.npdbPool.query<{ n: string }>('SELECT count(*) AS n FROM citizens')).rows[0]!.n,
    );

    const started = Date.now();
    // Pages of 200 citizens, one at a time: the sync is still publishing when the broker goes.
    const sync = mesh.launch('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv, [
      '--page-size',
      '200',
      '--in-flight',
      '1',
    ]);
    let syncEnded = false;
    void sync.exited.then(() => (syncEnded = true));
    const victim = (await leaderOf(resources.admin, factsTopic)) as ClusterNode;
    await eventually(async () => {
      if (syncEnded)
        throw new Error(`the sync ended before the registry applied a fact:\n${sync.tail().join('\n')}`);
      return (await count('SELECT count(*) AS n FROM fact_history')) > 0 ? true : undefined;
    }, 60_000);
    const stoppedAt = Date.now();
    const publishedBeforeStop = await recordsOn(resources.admin, factsTopic);
    await cluster.stop(victim);
    const stopMs = Date.now() - stoppedAt;
    // The sync goes on with two brokers (min.insync.replicas 2) for a while, then the third returns.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const publishedWhileDown = (await recordsOn(resources.admin, factsTopic)) - publishedBeforeStop;
    const syncRunning = !syncEnded;
    const startingAt = Date.now();
    await cluster.start(victim);
    const [startMs, downMs] = [Date.now() - startingAt, Date.now() - stoppedAt];

    const exit = await sync.exited;
    expect(exit.code, sync.tail().join('\n')).toBe(0);
    const summary = /synced (\d+) citizens → (\d+) facts/.exec(sync.output());
    expect(summary, sync.tail().join('\n')).not.toBeNull();
    const [records, acknowledged] = [Number(summary![1]), Number(summary![2])];
    expect(records).toBe(seeded);

    // Every acknowledged fact on the topic. A send spanning the three brokers fails as a whole
    // when one of them goes, and the sync sends it again: the partitions that had taken it hold
    // those records twice, with the same event ids (fact ids derive from record versions).
    const onTopic = await recordsOn(resources.admin, factsTopic);
    const read = await readTopic(resources.kafka, factsTopic, onTopic, 60_000);
    const eventIds = new Set(read.map((record) => record.headers?.[Headers.eventId]?.toString()));
    // ... and in the registry once, with each citizen's always-present facts.
    const applied = await eventually(
      async () => {
        const rows = await count('SELECT count(*) AS n FROM fact_history');
        return rows >= acknowledged ? rows : undefined;
      },
      120_000,
      250,
    ).catch(() => count('SELECT count(*) AS n FROM fact_history'));
    const allAppliedMs = Date.now() - started;
    const figures = {
      read: read.length,
      eventIdsOnTopic: eventIds.size,
      factsInRegistry: applied,
      eventsProcessed: await count('SELECT count(*) AS n FROM processed_events'),
      duplicatesSkipped: await metricOf(mesh.registryHttp, 'motlan_kafka_messages_total', {
        topic: factsTopic,
        outcome: 'duplicate',
      }),
    };
    console.log(
      `broker failover: node ${victim} (leader of partition 0) stopped in ${stopMs} ms, started again in ` +
        `${startMs} ms, down ${downMs} ms in all; ${publishedBeforeStop} facts published before its stop, ` +
        `${publishedWhileDown} while it stopped and the 3 s after, the sync ${syncRunning ? 'still running' : 'done'} ` +
        `when it started again; ` +
        `${seeded} citizens → ${acknowledged} facts acknowledged, ${onTopic} records on the topic; ` +
        `${JSON.stringify(figures)}; all applied ${allAppliedMs} ms after the sync started`,
    );
    // The outage fell in the middle of the sync: facts were published before and during it.
    expect(publishedBeforeStop).toBeGreaterThan(0);
    expect(publishedWhileDown).toBeGreaterThan(0);
    expect(figures).toEqual({
      read: onTopic,
      eventIdsOnTopic: acknowledged,
      factsInRegistry: acknowledged,
      eventsProcessed: acknowledged,
      duplicatesSkipped: expect.any(Number),
    });
    expect(figures.duplicatesSkipped).toBeGreaterThanOrEqual(onTopic - acknowledged);
    const perType = await mesh.registryPool.query<{ type: string; facts: string; subjects: string }>(
      `SELECT type, count(*) AS facts, count(DISTINCT subject) AS subjects FROM fact_history
        WHERE type = ANY($1::text[]) GROUP BY type ORDER BY type`,
      [ALWAYS],
    );
    expect(perType.rows).toEqual(
      [...ALWAYS].sort().map((type) => ({ type, facts: String(seeded), subjects: String(seeded) })),
    );
  });
});
