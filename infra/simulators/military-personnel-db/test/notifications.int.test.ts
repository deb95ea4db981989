import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Registry } from 'prom-client';
import { loadTlsMaterial } from '@motlan/access';
import type { Pool } from '@motlan/db';
import { splitFullName } from '@motlan/domain';
import { devCertificates, TestResources } from '@motlan/testkit';
import { buildApp } from '../src/app.ts';
import { loadSimulatorConfig } from '../src/config.ts';
import type { HoSoQuanNhan } from '../src/domain/record.ts';
import { factSubscriptionsClient } from '../src/notifications/fact-subscriptions-client.ts';
import { NotificationSubscriber } from '../src/notifications/notification-subscriber.ts';
import { ChangesStore } from '../src/store/changes-store.ts';
import { NotificationsStore } from '../src/store/notifications-store.ts';
import { FactRegistryFake } from './fact-registry-fake.ts';
import { seededSchemas } from './helpers.ts';

const PURPOSE = '1.004222';
const resources = new TestResources();
const certDir = devCertificates();
let pool: Pool;
let registry: FactRegistryFake;
let subscriber: NotificationSubscriber | undefined;
let metrics: Registry;

interface Truth {
  ma_dinh_danh_quan_nhan: string;
  so_dinh_danh: string;
  kind: string;
  true_value: string;
}

const record = async (personalId: string) =>
  (
    await pool.query<{ record: HoSoQuanNhan }>('SELECT record FROM personnel WHERE so_dinh_danh = $1', [
      personalId,
    ])
  ).rows[0]!.record;

const feedOf = async (personalId: string) =>
  (
    await pool.query<{ loai_bien_dong: string; version: number }>(
      `SELECT loai_bien_dong, (record->>'PhienBan')::int AS version FROM changes
        WHERE so_dinh_danh = $1 ORDER BY cursor`,
      [personalId],
    )
  ).rows;

function newSubscriber(): NotificationSubscriber {
  metrics = new Registry();
  const store = new NotificationsStore(pool, new ChangesStore(pool));
  return new NotificationSubscriber({
    api: factSubscriptionsClient({
      address: `127.0.0.1:${registry.port}`,
      tls: loadTlsMaterial(certDir, 'military-personnel-db'),
    }),
    store,
    purpose: PURPOSE,
    logger: resources.logger,
    registry: metrics,
    retry: { initialMs: 50, maxMs: 200 },
  });
}

const address = (wardCode: string) => ({
  provinceCode: '01',
  wardCode,
  detail: 'Số 5 ngõ 12',
  unitsVersion: 'current-2025',
});

const nameValue = (full: string) => {
  const parts = splitFullName(full);
  return { ...parts, full };
};

/** dd/MM/yyyy → the catalog's yyyy-MM-dd. */
const isoOf = (dmy: string) => `${dmy.slice(6, 10)}-${dmy.slice(3, 5)}-${dmy.slice(0, 2)}`;

async function appliedValue(type: string): Promise<number> {
  const metric = await metrics.getSingleMetric('mpdb_sim_notifications_applied_total')?.get();
  return metric?.values.find((value) => value.labels['type'] === type)?.value ?? 0;
}

beforeAll(async () => {
  const { personnel } = await seededSchemas(resources, { people: 2_000 });
  pool = personnel.pool;
  registry = new FactRegistryFake(certDir, resources.logger);
  await registry.start();
}, 120_000);

afterAll(async () => {
  await subscriber?.stop();
  await registry?.stop();
  await resources.cleanup();
});

describe('the personnel database as a subscriber of fact notifications', () => {
  let moved: HoSoQuanNhan;
  let died: HoSoQuanNhan;
  let misnamed: Truth;
  let misdated: Truth;
  const stranger = '001099000001';
  let subscriptionId: string;

  it('subscribes once, catches up from the beginning and applies each change once, in order', async () => {
    const wellFormed = (
      await pool.query<{ record: HoSoQuanNhan }>(
        `SELECT record FROM personnel WHERE NOT malformed AND record->>'TrangThaiPhucVu' = 'TAI_NGU'
          AND so_dinh_danh NOT IN (SELECT so_dinh_danh FROM seeded_truth) ORDER BY seq LIMIT 2`,
      )
    ).rows.map((row) => row.record);
    [moved, died] = wellFormed as [HoSoQuanNhan, HoSoQuanNhan];
    const truths = (
      await pool.query<Truth>(
        'SELECT ma_dinh_danh_quan_nhan, so_dinh_danh, kind, true_value FROM seeded_truth ORDER BY ma_dinh_danh_quan_nhan',
      )
    ).rows;
    misnamed = truths.find((truth) => truth.kind === 'name_typo' || truth.kind === 'old_name')!;
    misdated = truths.find((truth) => truth.kind === 'wrong_birth_day')!;
    expect(misnamed).toBeDefined();
    expect(misdated).toBeDefined();
    expect(await pool.query('SELECT 1 FROM personnel WHERE so_dinh_danh = $1', [stranger])).toHaveProperty(
      'rowCount',
      0,
    );

    // Published before the subscriber first connects: it catches up from the start. The
    // subscription does not exist yet either, so the log is filled once it is made.
    subscriber = newSubscriber();
    subscriber.start();
    await vi.waitFor(() => expect(registry.openStreams).toBe(1), { timeout: 10_000 });
    expect(registry.creates).toEqual([
      {
        client: 'military-personnel-db',
        request: expect.objectContaining({
          purpose: PURPOSE,
          delivery: 'DELIVERY_GRPC_STREAM',
          factTypes: [
            'identity.full_name',
            'identity.date_of_birth',
            'identity.vital_status',
            'residence.permanent',
          ],
        }) as unknown,
      },
    ]);
    subscriptionId = registry.subscriptions[0]!.id;
    expect(registry.streamRequests).toEqual([{ client: 'military-personnel-db', subscriptionId, after: '' }]);

    const newCommune = moved.XaDangKy === '00004' ? '00007' : '00004';
    const move = registry.publish(
      subscriptionId,
      moved.SoDinhDanh,
      'residence.permanent',
      address(newCommune),
    );
    registry.publish(subscriptionId, died.SoDinhDanh, 'identity.vital_status', {
      status: 'deceased',
      dateOfDeath: '2026-11-20',
    });
    registry.publish(
      subscriptionId,
      misnamed.so_dinh_danh,
      'identity.full_name',
      nameValue(misnamed.true_value),
    );
    registry.publish(subscriptionId, misdated.so_dinh_danh, 'identity.date_of_birth', {
      date: isoOf(misdated.true_value),
    });
    registry.publish(subscriptionId, stranger, 'residence.permanent', address('00004'));
    registry.redeliver(move);
    // A second move of the same citizen after the first: applied after it (order per citizen).
    const last = registry.publish(subscriptionId, moved.SoDinhDanh, 'residence.permanent', address('00010'));

    await vi.waitFor(async () => expect((await subscriber!.status()).cursor).toBe(last.cursor), {
      timeout: 10_000,
    });

    expect(await record(moved.SoDinhDanh)).toMatchObject({ XaDangKy: '00010', PhienBan: moved.PhienBan + 2 });
    expect(await feedOf(moved.SoDinhDanh)).toEqual([
      { loai_bien_dong: 'CHUYEN_NOI_DANG_KY', version: moved.PhienBan + 1 },
      { loai_bien_dong: 'CHUYEN_NOI_DANG_KY', version: moved.PhienBan + 2 },
    ]);
    expect(await record(died.SoDinhDanh)).toMatchObject({
      TrangThaiPhucVu: 'DA_DUA_RA_KHOI_DANH_SACH',
      DonVi: null,
      CapBac: died.CapBac,
      PhienBan: died.PhienBan + 1,
    });
    expect(await feedOf(died.SoDinhDanh)).toEqual([
      { loai_bien_dong: 'DUA_RA_KHOI_DANH_SACH', version: died.PhienBan + 1 },
    ]);
    expect((await record(misnamed.so_dinh_danh)).HoVaTen).toBe(misnamed.true_value);
    expect((await record(misdated.so_dinh_danh)).NgaySinh).toBe(misdated.true_value);
    expect((await feedOf(misnamed.so_dinh_danh)).map((row) => row.loai_bien_dong)).toEqual([
      'DIEU_CHINH_NHAN_THAN',
    ]);

    // The seeded disagreements the population's values corrected are marked, with the notification.
    const resolved = await pool.query<{ so_dinh_danh: string; resolved_by: string }>(
      'SELECT so_dinh_danh, resolved_by FROM seeded_truth WHERE resolved_at IS NOT NULL ORDER BY so_dinh_danh',
    );
    expect(resolved.rows.map((row) => row.so_dinh_danh).sort()).toEqual(
      [misnamed.so_dinh_danh, misdated.so_dinh_danh].sort(),
    );
    expect(resolved.rows.every((row) => registry.log.some((n) => n.id === row.resolved_by))).toBe(true);

    const outcomes = await pool.query<{ outcome: string; count: string }>(
      'SELECT outcome, count(*) FROM applied_notifications GROUP BY outcome ORDER BY outcome',
    );
    expect(outcomes.rows).toEqual([
      { outcome: 'applied', count: '5' },
      { outcome: 'not_held', count: '1' },
    ]);
    expect(await subscriber.status()).toMatchObject({
      enabled: true,
      connected: true,
      purpose: PURPOSE,
      subscriptionId,
      cursor: last.cursor,
      appliedCount: 5,
      skippedCount: 1,
      lastError: null,
    });
    expect(await appliedValue('residence.permanent')).toBe(2);
    expect(await appliedValue('identity.vital_status')).toBe(1);
  });

  it('resumes from the stored cursor when the stream is cut, and applies a redelivered notification once', async () => {
    const before = await record(moved.SoDinhDanh);
    const stored = (await subscriber!.status()).cursor;
    registry.redeliverLast = true;
    registry.cut();
    // Changes made while it is cut off arrive when it is back.
    const away = registry.publish(subscriptionId, moved.SoDinhDanh, 'residence.permanent', address('00013'));

    await vi.waitFor(async () => expect((await subscriber!.status()).cursor).toBe(away.cursor), {
      timeout: 10_000,
    });
    expect(registry.streamRequests.at(-1)).toEqual({
      client: 'military-personnel-db',
      subscriptionId,
      after: stored,
    });
    // The last notification before the cut came again (redeliverLast) and changed nothing.
    expect(await record(moved.SoDinhDanh)).toMatchObject({
      XaDangKy: '00013',
      PhienBan: before.PhienBan + 1,
    });
    const metric = await metrics.getSingleMetric('mpdb_sim_notifications_skipped_total')?.get();
    expect(
      metric?.values.find((value) => value.labels['reason'] === 'duplicate')?.value,
    ).toBeGreaterThanOrEqual(2);
    expect((await subscriber!.status()).appliedCount).toBe(6);
    registry.redeliverLast = false;
  });

  it('a restarted subscriber keeps its subscription and resumes where it stopped, also across a registry restart', async () => {
    await subscriber!.stop();
    const stored = await new NotificationsStore(pool, new ChangesStore(pool)).progress(
      subscriptionId,
      PURPOSE,
    );
    const port = registry.port;
    await registry.stop();
    // What happened while both were away (an hour, or a day: the cursor does not age).
    const away = registry.publish(
      subscriptionId,
      died.SoDinhDanh,
      'identity.full_name',
      nameValue('Trần Văn Bình'),
    );

    subscriber = newSubscriber();
    subscriber.start();
    await vi.waitFor(async () => expect((await subscriber!.status()).lastError).toBe('MOTLAN_UNAVAILABLE'), {
      timeout: 10_000,
    });
    await registry.start(port);
    await vi.waitFor(async () => expect((await subscriber!.status()).cursor).toBe(away.cursor), {
      timeout: 15_000,
    });
    expect(registry.creates).toHaveLength(1);
    expect(registry.streamRequests.at(-1)).toMatchObject({ subscriptionId, after: stored.cursor });
    expect((await record(died.SoDinhDanh)).HoVaTen).toBe('Trần Văn Bình');
  });

  it('GET /admin/subscription shows the subscriber, and the stored progress when none runs', async () => {
    const app = await buildApp(loadSimulatorConfig({}), {
      pool,
      logger: resources.logger,
      registry: new Registry(),
      subscriber: subscriber!,
    });
    const response = await app.inject({ method: 'GET', url: '/admin/subscription' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      enabled: true,
      connected: true,
      subscriptionId,
      cursor: registry.log.at(-1)!.cursor,
      appliedCount: 7,
    });
    expect(new Date((response.json() as { lastAppliedAt: string }).lastAppliedAt).getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
    await app.close();

    const idle = await buildApp(loadSimulatorConfig({}), {
      pool,
      logger: resources.logger,
      registry: new Registry(),
    });
    const stored = await idle.inject({ method: 'GET', url: '/admin/subscription' });
    expect(stored.json()).toMatchObject({
      enabled: false,
      connected: false,
      subscriptionId,
      cursor: registry.log.at(-1)!.cursor,
      appliedCount: 7,
    });
    await idle.close();
  });
});
