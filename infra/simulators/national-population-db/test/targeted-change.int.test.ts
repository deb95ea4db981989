import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import type { Pool } from '@motlan/db';
import type { HttpApp } from '@motlan/http';
import { TestResources } from '@motlan/testkit';
import { buildApp } from '../src/app.ts';
import { loadSimulatorConfig } from '../src/config.ts';
import type { ChangeEntry, CitizenRecord } from '../src/domain/record.ts';
import { loadAdminUnits } from '../src/reference/admin-unit-data.ts';
import { seedPopulation } from '../src/store/seed-population.ts';
import { freshSchema } from './helpers.ts';

const resources = new TestResources();
let app: HttpApp;
let pool: Pool;

beforeAll(async () => {
  ({ pool } = await freshSchema(resources, 'npdb_targeted'));
  await seedPopulation({ pool, people: 200, seed: 7, adminUnits: loadAdminUnits() });
  app = await buildApp(loadSimulatorConfig({}), { pool, logger: resources.logger, registry: new Registry() });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await resources.cleanup();
});

async function record(personalId: string): Promise<CitizenRecord> {
  const { rows } = await pool.query<{ record: CitizenRecord }>(
    'SELECT record FROM citizens WHERE so_dinh_danh = $1',
    [personalId],
  );
  return rows[0]!.record;
}

async function feedSize(): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM changes')).rows[0]!.n);
}

/** A living citizen who does not head a household, and one who heads a household of several. */
async function living(head: boolean): Promise<CitizenRecord> {
  const { rows } = await pool.query<{ record: CitizenRecord }>(
    `SELECT c.record FROM citizens c
      WHERE c.record->>'TrangThai' = 'SONG'
        AND (c.record->'ChuHo'->>'SoDinhDanh' = c.so_dinh_danh) = $1
        AND (SELECT count(*) FROM citizens m WHERE m.ma_ho = c.ma_ho) > 1
      ORDER BY c.so_dinh_danh LIMIT 1`,
    [head],
  );
  return rows[0]!.record;
}

const post = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/admin/changes', payload });

describe('POST /admin/changes for one named citizen', () => {
  it('moves a member who does not head the household to another commune, alone, in a household of his own', async () => {
    const before = await living(false);
    const response = await post({ type: 'CHUYEN_NOI_O', personalId: before.SoDinhDanh });
    expect(response.statusCode).toBe(200);
    const changes = response.json().changes as ChangeEntry[];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ SoDinhDanh: before.SoDinhDanh, LoaiThayDoi: 'CHUYEN_NOI_O' });
    const after = await record(before.SoDinhDanh);
    expect(after.ThuongTru.MaXa).not.toBe(before.ThuongTru.MaXa);
    expect(after.NoiOHienTai).toEqual(after.ThuongTru);
    expect(after.ChuHo.SoDinhDanh).toBe(before.SoDinhDanh);
    expect(after.PhienBan).toBe(before.PhienBan + 1);
    expect(changes[0]!.BanGhi).toEqual(after);
  });

  it('moves a household head with the living members of his household, his entry first', async () => {
    const head = await living(true);
    const response = await post({ type: 'CHUYEN_NOI_O', personalId: head.SoDinhDanh });
    expect(response.statusCode).toBe(200);
    const changes = response.json().changes as ChangeEntry[];
    expect(changes.length).toBeGreaterThan(1);
    expect(changes[0]!.SoDinhDanh).toBe(head.SoDinhDanh);
    const moved = await record(head.SoDinhDanh);
    expect(moved.ThuongTru.MaXa).not.toBe(head.ThuongTru.MaXa);
    for (const change of changes) expect(change.BanGhi.ThuongTru).toEqual(moved.ThuongTru);
  });

  it('corrects a name and registers a death', async () => {
    const person = await living(false);
    const renamed = await post({ type: 'CAI_CHINH_HO_TEN', personalId: person.SoDinhDanh });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().changes).toMatchObject([
      { SoDinhDanh: person.SoDinhDanh, LoaiThayDoi: 'CAI_CHINH_HO_TEN' },
    ]);
    expect((await record(person.SoDinhDanh)).HoVaTen).not.toEqual(person.HoVaTen);

    const died = await post({ type: 'KHAI_TU', personalId: person.SoDinhDanh });
    expect(died.statusCode).toBe(200);
    expect(died.json().changes).toMatchObject([{ SoDinhDanh: person.SoDinhDanh, LoaiThayDoi: 'KHAI_TU' }]);
    expect((await record(person.SoDinhDanh)).TrangThai).not.toBe('SONG');

    // The dead change no more; nothing is written.
    const size = await feedSize();
    const again = await post({ type: 'CHUYEN_NOI_O', personalId: person.SoDinhDanh });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'NPDB_SIM_CHANGE_NOT_APPLICABLE', field: 'body.personalId' });
    expect(await feedSize()).toBe(size);
  });

  it('answers 404 for a citizen it does not hold and 400 naming the field for bad input, writing nothing', async () => {
    const size = await feedSize();
    const unknown = await post({ type: 'CHUYEN_NOI_O', personalId: '001099999999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NPDB_SIM_CITIZEN_NOT_FOUND', field: 'body.personalId' });

    const person = await living(false);
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'KET_HON', personalId: person.SoDinhDanh }, 'body.type'],
      [{ type: 'CHUYEN_NOI_O', personalId: '12345' }, 'body.personalId'],
      [{ type: 'CHUYEN_NOI_O' }, 'body.personalId'],
      [{ personalId: person.SoDinhDanh }, 'body.type'],
      [{ count: 2, type: 'KHAI_TU', personalId: person.SoDinhDanh }, 'body.type'],
      [{}, 'body.count'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
    }
    expect(await feedSize()).toBe(size);
    expect((await record(person.SoDinhDanh)).TrangThai).toBe('SONG');
  });
});
