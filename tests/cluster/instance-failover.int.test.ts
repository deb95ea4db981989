/**
 * Issue 15, part 3: two instances of the fact registry in one consumer group and two of the
 * one-stop shop on one schema, side by side on the three-broker cluster; one of each is killed
 * (SIGKILL) in the middle of a load, and the other takes over.
 * - Registry: the population adapter's bulk sync is the load; one instance dies once facts
 *   flow, the other takes over its partitions (the group's assignment, timed), and every
 *   acknowledged fact is applied once (rows and event ids counted).
 * - One-stop: dossiers filed at both instances are the load; the test holds the outbox relay's
 *   lock until the first instance is dead, so it dies with events of its own unpublished (as a
 *   relay a batch behind would); the second relays them all, and every outbox event is on
 *   dossier.events.v1 once (its relay's counter and the topic counted).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_ID_HEADER } from '@motlan/access';
import { Headers, Topics } from '@motlan/kafka';
import {
  clientTls,
  eventually,
  groupAssignment,
  httpsJson,
  readTopic,
  startMesh,
  TestResources,
  type Mesh,
  type MeshInstance,
} from '@motlan/testkit';
import { metricOf, recordsOn } from './support.ts';

interface NpdbRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  NgayThangNamSinh: string;
}

const SEED_PEOPLE = 1_000;
const DOSSIERS = 120;
const ENTRY_PERMIT = '2.002102'; // every fact it needs comes from the population database
const IDEMPOTENCY_KEY = 'idempotency-key';

const resources = new TestResources();
let mesh: Mesh;
let secondRegistry: MeshInstance;
let secondOneStop: MeshInstance;

beforeAll(async () => {
  mesh = await startMesh(resources, 'instance_failover', { seedPeople: SEED_PEOPLE, oneStop: true });
  [secondRegistry, secondOneStop] = await Promise.all([
    mesh.startInstance('fact-registry'),
    mesh.startInstance('one-stop'),
  ]);
}, 240_000);

afterAll(async () => {
  await resources.cleanup();
});

const count = async (sql: string) => Number((await mesh.registryPool.query<{ n: string }>(sql)).rows[0]!.n);

describe('two instances of a service, one killed mid-load', () => {
  it('fact registry: the survivor takes over the partitions, each fact applied once', async () => {
    const factsTopic = `${mesh.topicPrefix}${Topics.citizenFacts.name}`;
    const groupId = `${mesh.topicPrefix}fact-registry`;
    const assignment = () => groupAssignment(resources.admin, groupId, factsTopic);
    // Both instances share the partitions.
    const shared = await eventually(
      async () => {
        const group = await assignment();
        const owned = Object.values(group.members);
        return group.state === 'Stable' && owned.length === 2 && owned.every((parts) => parts.length > 0)
          ? group
          : undefined;
      },
      90_000,
      250,
    );

    const sync = mesh.launch('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv, [
      '--page-size',
      '100',
      '--in-flight',
      '1',
    ]);
    await eventually(
      async () => ((await count('SELECT count(*) AS n FROM fact_history')) > 0 ? true : undefined),
      60_000,
    );
    const killedAt = Date.now();
    const appliedAtKill = await count('SELECT count(*) AS n FROM fact_history');
    // The second dies (the one-stop shop reads from the first).
    process.kill(secondRegistry.process.pid, 'SIGKILL');
    await secondRegistry.process.exited;

    // The survivor owns every partition.
    const takenOver = await eventually(
      async () => {
        const group = await assignment();
        const owned = Object.values(group.members);
        return group.state === 'Stable' &&
          owned.length === 1 &&
          owned[0]!.length === Topics.citizenFacts.partitions
          ? group
          : undefined;
      },
      120_000,
      250,
    );
    const takeoverMs = Date.now() - killedAt;

    const exit = await sync.exited;
    expect(exit.code, sync.tail().join('\n')).toBe(0);
    const acknowledged = Number(/synced \d+ citizens → (\d+) facts/.exec(sync.output())![1]);
    await eventually(
      async () =>
        (await count('SELECT count(*) AS n FROM fact_history')) >= acknowledged ? true : undefined,
      120_000,
      250,
    );
    const allAppliedMs = Date.now() - killedAt;
    const onTopic = await recordsOn(resources.admin, factsTopic);
    const figures = {
      factsInRegistry: await count('SELECT count(*) AS n FROM fact_history'),
      eventsProcessed: await count('SELECT count(*) AS n FROM processed_events'),
      eventIdsOnTopic: new Set(
        (await readTopic(resources.kafka, factsTopic, onTopic, 60_000)).map((record) =>
          record.headers?.[Headers.eventId]?.toString(),
        ),
      ).size,
    };
    const survivorDuplicates = await metricOf(mesh.registryHttp, 'motlan_kafka_messages_total', {
      topic: factsTopic,
      outcome: 'duplicate',
    });
    console.log(
      `registry failover: partitions ${JSON.stringify(Object.values(shared.members))} before the kill ` +
        `(after ${appliedAtKill} facts applied); the survivor owned all ${Topics.citizenFacts.partitions} ` +
        `${takeoverMs} ms after the SIGKILL; ${acknowledged} facts acknowledged, ${JSON.stringify(figures)}, ` +
        `${survivorDuplicates} redelivered to the survivor and skipped; all applied ${allAppliedMs} ms after the kill`,
    );
    expect(Object.keys(takenOver.members)).toHaveLength(1);
    expect(figures).toEqual({
      factsInRegistry: acknowledged,
      eventsProcessed: acknowledged,
      eventIdsOnTopic: acknowledged,
    });
  });

  it("one-stop: the survivor relays the dead instance's outbox, each event published once", async () => {
    const oneStop = mesh.oneStop!;
    const first = { url: oneStop.url, process: mesh.processes['one-stop']! };
    const eventsTopic = `${mesh.topicPrefix}${Topics.dossierEvents.name}`;
    const { rows } = await mesh.npdbPool.query<{ record: NpdbRecord }>(
      `SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' ORDER BY so_dinh_danh LIMIT ${DOSSIERS}`,
    );
    expect(rows).toHaveLength(DOSSIERS);

    // The relay's lock (outbox-relay.ts), held by the test until the first instance is dead.
    const holder = await oneStop.pool.connect();
    const lock = "hashtext(current_schema() || ':' || 'motlan-one-stop-outbox')";
    await holder.query(`SELECT pg_advisory_lock(${lock})`);

    const portal = clientTls('citizen-portal');
    let firstDead = false;
    const answeredBy = { first: 0, second: 0 };
    let clientErrors = 0;
    const file = async ({ record }: { record: NpdbRecord }, index: number) => {
      const fullName = [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten]
        .filter(Boolean)
        .join(' ');
      const day = record.NgayThangNamSinh;
      const applicant = {
        personalId: record.SoDinhDanh,
        fullName,
        dateOfBirth: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
      };
      const key = randomUUID();
      // Half the calls go to each instance; a call the first cannot answer goes to the second,
      // with the same key, as a load balancer retries.
      for (const target of index % 2 === 0 && !firstDead
        ? (['first', 'second'] as const)
        : (['second'] as const)) {
        const url = target === 'first' ? first.url : secondOneStop.url;
        try {
          const answer = await httpsJson(`${url}/v1/dossiers`, {
            method: 'POST',
            tls: portal,
            headers: { [APPLICANT_ID_HEADER]: applicant.personalId, [IDEMPOTENCY_KEY]: key },
            body: { procedureCode: ENTRY_PERMIT, applicant, documents: ['don-de-nghi'] },
          });
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
          answeredBy[target] += 1;
          return;
        } catch (error) {
          if (target === 'second') throw error;
          clientErrors += 1;
        }
      }
    };
    const inFlight = async (from: number, to: number) => {
      for (let i = from; i < to; i += 4)
        await Promise.all(rows.slice(i, Math.min(i + 4, to)).map((row, j) => file(row, i + j)));
    };

    await inFlight(0, DOSSIERS / 2);
    const pendingAtKill = async () =>
      Number(
        (
          await oneStop.pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
          )
        ).rows[0]!.n,
      );
    // The first instance dies while calls are in flight.
    await Promise.all([
      inFlight(DOSSIERS / 2, DOSSIERS),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        process.kill(first.process.pid, 'SIGKILL');
        await first.process.exited;
        firstDead = true;
      })(),
    ]);
    const pending = await pendingAtKill();
    const beforeRelease = await metricOf(secondOneStop.url, 'motlan_outbox_published_total');
    const releasedAt = Date.now();
    await holder.query(`SELECT pg_advisory_unlock(${lock})`);
    holder.release();

    await eventually(async () => ((await pendingAtKill()) === 0 ? true : undefined), 60_000, 100);
    const relayedMs = Date.now() - releasedAt;
    const { rows: outbox } = await oneStop.pool.query<{ topic: string; n: string }>(
      'SELECT topic, count(*) AS n FROM outbox GROUP BY topic',
    );
    const outboxEvents = Number(outbox.find((row) => row.topic === Topics.dossierEvents.name)?.n ?? 0);
    const total = outbox.reduce((sum, row) => sum + Number(row.n), 0);
    const onTopic = await recordsOn(resources.admin, eventsTopic);
    const eventIds = new Set(
      (await readTopic(resources.kafka, eventsTopic, onTopic, 30_000)).map((record) =>
        record.headers?.[Headers.eventId]?.toString(),
      ),
    );
    const relayedBySurvivor =
      (await metricOf(secondOneStop.url, 'motlan_outbox_published_total')) - beforeRelease;
    const dossiers = Number(
      (await oneStop.pool.query<{ n: string }>('SELECT count(*) AS n FROM dossiers')).rows[0]!.n,
    );
    console.log(
      `one-stop failover: ${answeredBy.first} dossiers filed at the first instance, ${answeredBy.second} at the ` +
        `second, ${clientErrors} calls to the first failed by the kill (sent again to the second); ` +
        `${pending} outbox events pending at the kill, relayed by the survivor in ${relayedMs} ms; ` +
        `${total} outbox events (${outboxEvents} on dossier.events.v1), ${onTopic} records on the topic, ` +
        `${eventIds.size} event ids; ${relayedBySurvivor} relayed by the survivor; ${dossiers} dossiers`,
    );
    expect(answeredBy.first).toBeGreaterThan(0);
    expect(dossiers).toBe(DOSSIERS);
    expect(pending).toBe(total); // nothing was relayed while the test held the lock
    expect(relayedBySurvivor).toBe(total); // the survivor relayed everything, the dead one's too
    expect({ onTopic, eventIds: eventIds.size }).toEqual({ onTopic: outboxEvents, eventIds: outboxEvents });
  });
});
