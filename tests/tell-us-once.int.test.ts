/**
 * Tell us once, end to end, on the mesh as production runs it (each part its own process, real
 * Kafka and PostgreSQL): a change recorded at the national population database reaches the
 * military personnel database and opens the one-stop dossiers without the citizen doing anything;
 * a death takes a man off the register; a disagreement between the two sources is told to both
 * data owners and closed when a source changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsTopic, prefixed, Topics } from '@motlan/kafka';
import { messageCodec, type factsV1 } from '@motlan/proto';
import {
  clientTls,
  eventually,
  httpsJson,
  readTopic,
  startMesh,
  TestResources,
  type Mesh,
} from '@motlan/testkit';

const resources = new TestResources();
let mesh: Mesh;

interface Member {
  personalId: string;
  commune: string;
}

beforeAll(async () => {
  mesh = await startMesh(resources, 'once', {
    seedPeople: 2000,
    oneStop: true,
    military: true,
    // Both adapters follow their upstream's change feed, as under `pnpm start`.
    adapterEnv: { CHANGE_FEED_INTERVAL_MS: '200' },
    serviceEnv: { 'military-personnel-adapter': { CHANGE_FEED_INTERVAL_MS: '200' } },
  });
  expect(await mesh.runToEnd('services/population-adapter/src/sync-cli.ts', mesh.adapterEnv)).toBe(0);
  expect(
    await mesh.runToEnd('services/military-personnel-adapter/src/sync-cli.ts', mesh.military!.adapterEnv),
  ).toBe(0);
  // Both subscribers are in place: the personnel database's stream, the one-stop shop's topic.
  await eventually(async () => {
    const status = (await (await fetch(`${mesh.military!.simulatorHttp}/admin/subscription`)).json()) as {
      connected: boolean;
    };
    const { rows } = await mesh.registryPool.query<{ client: string }>(
      'SELECT client FROM subscriptions WHERE deleted_at IS NULL',
    );
    const clients = rows.map((row) => row.client);
    return status.connected && clients.includes('one-stop') && clients.includes('military-personnel-db')
      ? true
      : undefined;
  }, 60_000);
}, 600_000);

afterAll(async () => {
  await resources.cleanup();
});

/** Well-formed personnel records with no seeded disagreement, of men registered and not serving. */
async function registeredMen(count: number): Promise<Member[]> {
  const { rows } = await mesh.military!.mpdbPool.query<{ personal_id: string; commune: string }>(
    `SELECT p.so_dinh_danh AS personal_id, p.record->>'XaDangKy' AS commune FROM personnel p
      WHERE NOT p.malformed AND p.record->>'TrangThaiPhucVu' IN ('SAN_SANG_NHAP_NGU', 'DU_BI_HANG_1', 'DU_BI_HANG_2')
        AND NOT EXISTS (SELECT 1 FROM seeded_truth t WHERE t.so_dinh_danh = p.so_dinh_danh)
      ORDER BY p.so_dinh_danh LIMIT $1`,
    [count],
  );
  expect(rows.length).toBe(count);
  return rows.map((row) => ({ personalId: row.personal_id, commune: row.commune }));
}

async function changeAtPopulation(type: string, personalId: string) {
  const response = await fetch(`${mesh.adapterEnv['NPDB_URL']}/admin/changes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type, personalId }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return Date.now();
}

const personnelRecord = async (personalId: string) =>
  (
    await mesh.military!.mpdbPool.query<{ record: Record<string, unknown>; version: number }>(
      'SELECT record, version FROM personnel WHERE so_dinh_danh = $1',
      [personalId],
    )
  ).rows[0]!;

describe('tell us once', () => {
  it('a move at the population database updates the personnel registry and opens the move-out and move-in dossiers; the citizen does nothing', async () => {
    const [man] = await registeredMen(1);
    const before = await personnelRecord(man!.personalId);
    await changeAtPopulation('CHUYEN_NOI_O', man!.personalId);

    // The registry learns the new permanent residence from the population database.
    const { rows } = await eventually(async () => {
      const answer = await mesh.registryPool.query<{ value: { wardCode: string }; fact_id: string }>(
        `SELECT h.value, h.fact_id FROM current_facts c JOIN fact_history h ON h.fact_id = c.fact_id
          WHERE c.subject = $1 AND c.type = 'residence.permanent' AND h.value->>'wardCode' <> $2`,
        [man!.personalId, man!.commune],
      );
      return answer.rowCount ? answer : undefined;
    }, 60_000);
    const newCommune = rows[0]!.value.wardCode;

    // The personnel database, told through its stream, moves his registration there: a feed entry of its own.
    const after = await eventually(async () => {
      const record = await personnelRecord(man!.personalId);
      return record.record['XaDangKy'] === newCommune ? record : undefined;
    }, 60_000);
    expect(after.version).toBe(before.version + 1);
    const { rows: feed } = await mesh.military!.mpdbPool.query<{ type: string }>(
      'SELECT loai_bien_dong AS type FROM changes WHERE so_dinh_danh = $1 ORDER BY cursor DESC LIMIT 1',
      [man!.personalId],
    );
    expect(feed[0]!.type).toBe('CHUYEN_NOI_DANG_KY');

    // The one-stop shop, told on its topic, opened both registrations for the officers to confirm.
    const dossiers = await eventually(async () => {
      const answer = await mesh.oneStop!.pool.query<{
        procedure_code: string;
        status: string;
        origin: { channel: string; notificationId: string };
      }>(
        `SELECT procedure_code, status, origin FROM dossiers WHERE applicant_personal_id = $1 ORDER BY procedure_code`,
        [man!.personalId],
      );
      return answer.rows.length === 2 ? answer.rows : undefined;
    }, 60_000);
    expect(dossiers.map((dossier) => dossier.procedure_code)).toEqual(['1.004224', '1.004226']);
    expect(dossiers.every((dossier) => dossier.origin.channel === 'notification')).toBe(true);
    expect(dossiers.every((dossier) => dossier.status === 'received')).toBe(true);

    // Each delivery was a disclosure: the citizen sees who was told, for which procedure.
    const disclosures = await eventually(async () => {
      const answer = await httpsJson(`${mesh.registryHttp}/v1/citizens/${man!.personalId}/disclosures`, {
        tls: clientTls('operator'),
      });
      const list = (
        answer.body as { disclosures: { client: string; purpose: string; factTypes: string[] }[] }
      ).disclosures;
      const told = list.filter((entry) => entry.factTypes.includes('residence.permanent'));
      return told.some((entry) => entry.client === 'military-personnel-db') &&
        told.some((entry) => entry.client === 'one-stop')
        ? told
        : undefined;
    }, 30_000);
    // Told under each subscription's purpose (the one-stop shop then also read facts to prefill).
    expect(
      disclosures.some((entry) => entry.client === 'military-personnel-db' && entry.purpose === '1.004222'),
    ).toBe(true);
    expect(disclosures.some((entry) => entry.client === 'one-stop' && entry.purpose === '1.004224')).toBe(
      true,
    );

    // On the one-stop shop's own topic, the notification carries the new fact and the one it superseded.
    const topic = prefixed(notificationsTopic('one-stop'), mesh.topicPrefix).name;
    const codec = messageCodec<factsV1.Notification__Output>('motlan.facts.v1.Notification');
    const messages = await readTopic(resources.kafka, topic, Number.MAX_SAFE_INTEGER, 4_000);
    const mine = messages
      .map((message) => codec.decode(message.value!))
      .filter((notification) => notification.fact!.subject!.personalId === man!.personalId);
    expect(mine.map((notification) => notification.fact!.id)).toContain(rows[0]!.fact_id);
    expect(mine.every((notification) => notification.supersedesFactId !== '')).toBe(true);
  });

  it('a death takes the man off the register', async () => {
    const [, man] = await registeredMen(2);
    await changeAtPopulation('KHAI_TU', man!.personalId);
    const record = await eventually(async () => {
      const current = await personnelRecord(man!.personalId);
      return current.record['TrangThaiPhucVu'] === 'DA_DUA_RA_KHOI_DANH_SACH' ? current : undefined;
    }, 60_000);
    expect(record.record['DonVi']).toBeNull();
    // Nothing is opened at the one-stop shop for a death.
    const { rows } = await mesh.oneStop!.pool.query(
      'SELECT 1 FROM dossiers WHERE applicant_personal_id = $1',
      [man!.personalId],
    );
    expect(rows).toHaveLength(0);
  });

  it('a name the two sources disagree on is told to both data owners, and closed when a source changes', async () => {
    const { rows: typos } = await mesh.military!.mpdbPool.query<{ personal_id: string }>(
      `SELECT t.so_dinh_danh AS personal_id FROM seeded_truth t JOIN personnel p USING (so_dinh_danh)
        WHERE t.kind = 'name_typo' AND NOT p.malformed ORDER BY 1 LIMIT 1`,
    );
    expect(typos).toHaveLength(1);
    const personalId = typos[0]!.personal_id;
    const list = async (owner: string) => {
      const answer = await httpsJson(
        `${mesh.registryHttp}/v1/discrepancies?factType=identity.full_name&state=open`,
        { tls: clientTls(owner) },
      );
      expect(answer.status).toBe(200);
      return (answer.body as { discrepancies: { personalId: string; id: string }[] }).discrepancies.filter(
        (entry) => entry.personalId === personalId,
      );
    };
    const [opened] = await list('military-personnel-db');
    expect(opened).toBeDefined();
    expect(await list('national-population-db')).toHaveLength(1);

    // The population database corrects the name; the personnel database takes it; the values agree.
    await changeAtPopulation('CAI_CHINH_HO_TEN', personalId);
    await eventually(
      async () => ((await list('military-personnel-db')).length === 0 ? true : undefined),
      90_000,
    );
    const codec = messageCodec<factsV1.DiscrepancyEvent__Output>(Topics.citizenDiscrepancies.payload);
    const events = (
      await readTopic(
        resources.kafka,
        prefixed(Topics.citizenDiscrepancies, mesh.topicPrefix).name,
        Number.MAX_SAFE_INTEGER,
        4_000,
      )
    )
      .map((message) => codec.decode(message.value!))
      .filter((event) => event.discrepancyId === opened!.id);
    // The population's new name first still disagrees (updated); the personnel database taking it resolves it.
    expect(events.map((event) => event.state)).toEqual([
      'DISCREPANCY_STATE_OPENED',
      'DISCREPANCY_STATE_UPDATED',
      'DISCREPANCY_STATE_RESOLVED',
    ]);
    expect(events[0]!.values.map((fact) => fact.provenance!.sourceSystem).sort()).toEqual([
      'military-personnel-db',
      'national-population-db',
    ]);
  });
});
