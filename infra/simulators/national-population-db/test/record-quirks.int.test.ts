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
import { call, freshSchema } from './helpers.ts';

const resources = new TestResources();
let app: HttpApp;
let pool: Pool;
let everyone: CitizenRecord[];

beforeAll(async () => {
  ({ pool } = await freshSchema(resources, 'npdb_quirks'));
  await seedPopulation({ pool, people: 200, seed: 7, adminUnits: loadAdminUnits() });
  app = await buildApp(loadSimulatorConfig({}), { pool, logger: resources.logger, registry: new Registry() });
  await app.ready();
  everyone = (
    await pool.query<{ record: CitizenRecord }>('SELECT record FROM citizens ORDER BY so_dinh_danh')
  ).rows.map((row) => row.record);
});

afterAll(async () => {
  await app?.close();
  await resources.cleanup();
});

const quirk = async (body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/admin/record-quirks', payload: body });

const feedAfter = async (cursor: string) =>
  (await call(app, 'GET', `/api/v1/changes?cursor=${cursor}&limit=100`)).json() as {
    changes: ChangeEntry[];
  };

describe('record quirks on purpose', () => {
  it('writes a partial date of birth into the record and the change feed', async () => {
    const person = everyone.find((record) => record.Cha !== null)!;
    const response = await quirk({ quirk: 'partial-dob-year', personalId: person.SoDinhDanh });
    expect(response.statusCode).toBe(200);
    const { change } = response.json() as { change: ChangeEntry };
    expect(change.LoaiThayDoi).toBe('DIEU_CHINH');
    expect(change.BanGhi.NgayThangNamSinh).toBe(`${person.NgayThangNamSinh.slice(0, 4)}0000`);
    expect(change.BanGhi.PhienBan).toBe(person.PhienBan + 1);
    const month = (await quirk({ quirk: 'partial-dob-month', personalId: person.SoDinhDanh })).json() as {
      change: ChangeEntry;
    };
    expect(month.change.BanGhi.NgayThangNamSinh).toMatch(/^\d{6}00$/);
    const lookup = await call(app, 'GET', `/api/v1/citizens/${person.SoDinhDanh}`);
    expect((lookup.json() as { KetQua: CitizenRecord }).KetQua.NgayThangNamSinh).toBe(
      month.change.BanGhi.NgayThangNamSinh,
    );
  });

  it('serves a father recorded without an ID, in lookups and in the feed, instead of failing', async () => {
    const person = everyone.find(
      (record) => record.Cha !== null && record.SoDinhDanh !== everyone[0]!.SoDinhDanh,
    )!;
    const before = await call(app, 'GET', '/api/v1/changes?cursor=0&limit=5000');
    const cursor = (before.json() as { nextCursor: string }).nextCursor;
    expect((await quirk({ quirk: 'father-without-id', personalId: person.SoDinhDanh })).statusCode).toBe(200);
    const lookup = await call(app, 'GET', `/api/v1/citizens/${person.SoDinhDanh}`);
    expect(lookup.statusCode).toBe(200);
    expect((lookup.json() as { KetQua: CitizenRecord }).KetQua.Cha).toEqual({
      SoDinhDanh: null,
      HoVaTen: person.Cha!.HoVaTen,
    });
    const feed = await call(app, 'GET', `/api/v1/changes?cursor=${cursor}&limit=100`);
    expect(feed.statusCode).toBe(200);
    expect((feed.json() as { changes: ChangeEntry[] }).changes[0]!.BanGhi.Cha?.SoDinhDanh).toBeNull();
  });

  it('records no father, and malformed fields, on a citizen drawn at random', async () => {
    const noFather = (await quirk({ quirk: 'no-father' })).json() as { change: ChangeEntry };
    expect(noFather.change.BanGhi.Cha).toBeNull();
    const ward = (await quirk({ quirk: 'malformed-ward-code' })).json() as { change: ChangeEntry };
    expect(ward.change.BanGhi.ThuongTru.MaXa).not.toMatch(/^\d{5}$/);
    const dob = (await quirk({ quirk: 'malformed-date-of-birth' })).json() as { change: ChangeEntry };
    expect(dob.change.BanGhi.NgayThangNamSinh.slice(4, 6)).toBe('13');
    const feed = await feedAfter(String(Number(noFather.change.Cursor) - 1));
    expect(feed.changes.map((change) => change.Cursor)).toEqual([
      noFather.change.Cursor,
      ward.change.Cursor,
      dob.change.Cursor,
    ]);
  });

  it('replays an older version after a newer one, keeping the newer as the record', async () => {
    const person = everyone[5]!;
    const { change } = (
      await quirk({ quirk: 'out-of-order-version', personalId: person.SoDinhDanh })
    ).json() as {
      change: ChangeEntry;
    };
    const feed = await feedAfter(String(Number(change.Cursor) - 1));
    expect(feed.changes.map((entry) => [entry.SoDinhDanh, entry.BanGhi.PhienBan])).toEqual([
      [person.SoDinhDanh, person.PhienBan + 1],
      [person.SoDinhDanh, person.PhienBan],
    ]);
    const lookup = await call(app, 'GET', `/api/v1/citizens/${person.SoDinhDanh}`);
    expect((lookup.json() as { KetQua: CitizenRecord }).KetQua.PhienBan).toBe(person.PhienBan + 1);
  });

  it('adds a citizen born abroad, served by lookup, export and the change feed', async () => {
    const response = await quirk({ quirk: 'born-abroad' });
    expect(response.statusCode).toBe(200);
    const { change } = response.json() as { change: ChangeEntry };
    const record = change.BanGhi;
    expect(change.LoaiThayDoi).toBe('DIEU_CHINH');
    expect(record.SoDinhDanh).toMatch(/^232\d{9}$/);
    expect(record.PhienBan).toBe(1);
    expect(everyone.some((known) => known.SoDinhDanh === record.SoDinhDanh)).toBe(false);
    expect(record.NoiDangKyKhaiSinh).toMatchObject({ MaTinh: '', MaHuyen: null, MaXa: '', MaQuocGia: '232' });
    const lookup = await call(app, 'POST', '/api/v1/citizens/lookup', {
      body: {
        SoDinhDanh: record.SoDinhDanh,
        HoVaTen: [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].join(' '),
        NgayThangNamSinh: record.NgayThangNamSinh,
      },
    });
    expect((lookup.json() as { KetQua: CitizenRecord }).KetQua).toEqual(record);
    const prefix = record.SoDinhDanh.slice(0, 3);
    const exported = await call(app, 'GET', `/api/v1/citizens?after=${prefix}000000000&limit=5`);
    expect((exported.json() as { items: CitizenRecord[] }).items).toContainEqual(record);
    const feed = await feedAfter(String(Number(change.Cursor) - 1));
    expect(feed.changes[0]!.BanGhi).toEqual(record);
    const other = (await quirk({ quirk: 'born-abroad', countryCode: '704' })).json() as {
      change: ChangeEntry;
    };
    expect(other.change.SoDinhDanh).toMatch(/^704/);
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM citizens');
    expect(Number(rows[0]!.n)).toBe(everyone.length + 2);
  });

  it('records a legacy address in the province asked for', async () => {
    const person = everyone[7]!;
    const response = await quirk({
      quirk: 'legacy-address',
      personalId: person.SoDinhDanh,
      provinceCode: '74',
    });
    expect(response.statusCode).toBe(200);
    const { change } = response.json() as { change: ChangeEntry };
    expect(change.BanGhi.ThuongTru).toMatchObject({
      MaTinh: '74',
      MaHuyen: expect.stringMatching(/^\d{3}$/),
    });
    expect(change.BanGhi.NoiOHienTai).toEqual(change.BanGhi.ThuongTru);
  });

  it('stamps a backdated version before the one it follows', async () => {
    const person = everyone[9]!;
    const first = (await quirk({ quirk: 'no-father', personalId: person.SoDinhDanh })).json() as {
      change: ChangeEntry;
    };
    const { change } = (
      await quirk({ quirk: 'backdated-version', personalId: person.SoDinhDanh })
    ).json() as {
      change: ChangeEntry;
    };
    expect(change.BanGhi.PhienBan).toBe(first.change.BanGhi.PhienBan + 1);
    expect(change.BanGhi.TrangThai).toBe('DA_MAT');
    expect(Date.parse(change.ThoiDiem)).toBeLessThan(Date.parse(first.change.ThoiDiem));
    expect(BigInt(change.Cursor)).toBeGreaterThan(BigInt(first.change.Cursor));
  });

  it('refuses an option the quirk does not take, changing nothing', async () => {
    const before = (await feedAfter('0')).changes.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ quirk: 'born-abroad', personalId: everyone[0]!.SoDinhDanh }, 'body.personalId'],
      [{ quirk: 'no-father', countryCode: '232' }, 'body.countryCode'],
      [{ quirk: 'no-father', provinceCode: '74' }, 'body.provinceCode'],
      [{ quirk: 'legacy-address', provinceCode: '03' }, 'body.provinceCode'],
    ];
    for (const [body, field] of cases) {
      const response = await quirk(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'NPDB_SIM_QUIRK_OPTION_INVALID', field });
    }
    expect((await quirk({ quirk: 'born-abroad', countryCode: '099' })).statusCode).toBe(400);
    expect((await feedAfter('0')).changes.length).toBe(before);
  });

  it('adds no one born abroad to an empty population (404 naming the quirk)', async () => {
    const { pool: empty } = await freshSchema(resources, 'npdb_quirks_empty');
    const bare = await buildApp(loadSimulatorConfig({}), {
      pool: empty,
      logger: resources.logger,
      registry: new Registry(),
    });
    resources.defer(() => bare.close());
    const response = await bare.inject({
      method: 'POST',
      url: '/admin/record-quirks',
      payload: { quirk: 'born-abroad' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NPDB_SIM_CITIZEN_NOT_FOUND', field: 'body.quirk' });
  });

  it('refuses an unknown quirk (400) and a citizen it does not hold (404), changing nothing', async () => {
    expect((await quirk({ quirk: 'teleport' })).statusCode).toBe(400);
    const missing = await quirk({ quirk: 'no-father', personalId: '001099999999' });
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as { code: string }).code).toBe('NPDB_SIM_CITIZEN_NOT_FOUND');
  });
});
