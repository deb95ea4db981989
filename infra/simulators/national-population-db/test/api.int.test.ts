import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import type { Pool } from '@motlan/db';
import type { HttpApp } from '@motlan/http';
import { TestResources } from '@motlan/testkit';
import { buildApp } from '../src/app.ts';
import { signRequest } from '../src/auth/signature.ts';
import { loadSimulatorConfig } from '../src/config.ts';
import type { ChangeEntry, CitizenRecord } from '../src/domain/record.ts';
import { fullName } from '../src/domain/record.ts';
import { loadAdminUnits } from '../src/reference/admin-unit-data.ts';
import { seedPopulation } from '../src/store/seed-population.ts';
import { call, freshSchema } from './helpers.ts';

const PEOPLE = 600;
const resources = new TestResources();
let app: HttpApp;
let pool: Pool;
let everyone: CitizenRecord[];

beforeAll(async () => {
  ({ pool } = await freshSchema(resources, 'npdb_api'));
  await seedPopulation({ pool, people: PEOPLE, seed: 42, adminUnits: loadAdminUnits() });
  app = await buildApp(loadSimulatorConfig({}), { pool, logger: resources.logger, registry: new Registry() });
  await app.ready();
  const rows = await pool.query<{ record: CitizenRecord }>(
    'SELECT record FROM citizens ORDER BY so_dinh_danh',
  );
  everyone = rows.rows.map((row) => row.record);
});

afterAll(async () => {
  await app?.close();
  await resources.cleanup();
});

beforeEach(async () => {
  await app.inject({ method: 'POST', url: '/admin/reset-faults' });
});

const someone = () => everyone.find((record) => record.TrangThai === 'SONG')!;

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return response.json() as { code: string; field?: string; detail: string; status: number };
}

describe('signature authentication', () => {
  const url = () => `/api/v1/citizens/${someone().SoDinhDanh}`;

  it('answers a correctly signed request', async () => {
    const response = await call(app, 'GET', url(), { requestId: 'req-ok-1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-ok-1');
    expect(response.json()).toEqual({ MaYeuCau: 'req-ok-1', KetQua: someone() });
  });

  it('refuses a request without signature headers', async () => {
    const response = await call(app, 'GET', url(), { sign: false, requestId: 'req-401' });
    const problem = expectProblem(response, 401);
    expect(problem.code).toBe('NPDB_SIM_UNAUTHENTICATED');
    expect(response.headers['x-request-id']).toBe('req-401');
  });

  it('refuses an unknown key, a wrong secret and a tampered body', async () => {
    expect((await call(app, 'GET', url(), { keyId: 'stranger' })).statusCode).toBe(401);
    expect((await call(app, 'GET', url(), { secret: 'guess' })).statusCode).toBe(401);
    const citizen = someone();
    const body = {
      SoDinhDanh: citizen.SoDinhDanh,
      HoVaTen: fullName(citizen.HoVaTen),
      NgayThangNamSinh: '19000101',
    };
    // Signed over one body, sent with another.
    const signed = await call(app, 'POST', '/api/v1/citizens/lookup', { body });
    expect(signed.statusCode).toBe(200);
    const headers = signRequest({
      keyId: 'motlan-dev',
      secret: 'motlan-dev-secret',
      method: 'POST',
      path: '/api/v1/citizens/lookup',
      body: JSON.stringify(body),
    });
    const tampered = await app.inject({
      method: 'POST',
      url: '/api/v1/citizens/lookup',
      headers: { ...headers, 'content-type': 'application/json', 'x-officer-id': 'o-1' },
      payload: JSON.stringify({ ...body, NgayThangNamSinh: citizen.NgayThangNamSinh }),
    });
    expect(tampered.statusCode).toBe(401);
  });

  it('refuses a timestamp more than five minutes away', async () => {
    expect((await call(app, 'GET', url(), { timestamp: Date.now() - 301_000 })).statusCode).toBe(401);
    expect((await call(app, 'GET', url(), { timestamp: Date.now() + 301_000 })).statusCode).toBe(401);
    expect((await call(app, 'GET', url(), { timestamp: Date.now() - 200_000 })).statusCode).toBe(200);
  });

  it('signs the path with its query string', async () => {
    const good = await call(app, 'GET', '/api/v1/changes?cursor=0&limit=5');
    expect(good.statusCode).toBe(200);
    const headers = signRequest({
      keyId: 'motlan-dev',
      secret: 'motlan-dev-secret',
      method: 'GET',
      path: '/api/v1/changes',
    });
    const bad = await app.inject({ method: 'GET', url: '/api/v1/changes?cursor=0&limit=5', headers });
    expect(bad.statusCode).toBe(401);
  });

  it('does not sign the simulator admin and operations endpoints', async () => {
    expect((await app.inject({ method: 'GET', url: '/admin/faults' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/ready' })).json()).toMatchObject({ status: 'ready' });
  });
});

describe('service 037 lookup', () => {
  const lookup = (body: unknown, requestId?: string) =>
    call(app, 'POST', '/api/v1/citizens/lookup', { body, ...(requestId ? { requestId } : {}) });

  it('returns the record when ID, full name and date of birth match', async () => {
    const citizen = someone();
    const response = await lookup(
      {
        SoDinhDanh: citizen.SoDinhDanh,
        HoVaTen: fullName(citizen.HoVaTen),
        NgayThangNamSinh: citizen.NgayThangNamSinh,
      },
      'req-037',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ MaYeuCau: 'req-037', KetQua: citizen });
    const spaced = await lookup({
      SoDinhDanh: citizen.SoDinhDanh,
      HoVaTen: `  ${citizen.HoVaTen.Ho}   ${citizen.HoVaTen.ChuDem}  ${citizen.HoVaTen.Ten} `,
      NgayThangNamSinh: citizen.NgayThangNamSinh,
    });
    expect(spaced.json().KetQua).toEqual(citizen);
  });

  it('says THONG_TIN_KHONG_KHOP when the name or date of birth differ', async () => {
    const citizen = someone();
    for (const body of [
      {
        SoDinhDanh: citizen.SoDinhDanh,
        HoVaTen: fullName(citizen.HoVaTen).toUpperCase(),
        NgayThangNamSinh: citizen.NgayThangNamSinh,
      },
      { SoDinhDanh: citizen.SoDinhDanh, HoVaTen: fullName(citizen.HoVaTen), NgayThangNamSinh: '19000101' },
    ]) {
      const response = await lookup(body, 'req-mismatch');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        MaYeuCau: 'req-mismatch',
        KetQua: null,
        MaLoi: 'THONG_TIN_KHONG_KHOP',
        MoTaLoi: expect.any(String),
      });
    }
  });

  it('answers 404 KHONG_TIM_THAY for an unknown ID', async () => {
    const response = await lookup(
      { SoDinhDanh: '001099000000', HoVaTen: 'Nguyễn Văn An', NgayThangNamSinh: '19990517' },
      'req-404',
    );
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      MaYeuCau: 'req-404',
      MaLoi: 'KHONG_TIM_THAY',
      MoTaLoi: expect.any(String),
    });
  });

  it('makes up a request id when the caller sends none, and echoes it', async () => {
    const citizen = someone();
    const response = await lookup({
      SoDinhDanh: citizen.SoDinhDanh,
      HoVaTen: 'x',
      NgayThangNamSinh: '19000101',
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json().MaYeuCau).toBe(response.headers['x-request-id']);
  });
});

describe('bad input', () => {
  it('answers a malformed lookup body with problem+json naming the field', async () => {
    const wrongId = await call(app, 'POST', '/api/v1/citizens/lookup', {
      body: { SoDinhDanh: '12345', HoVaTen: 'Nguyễn Văn An', NgayThangNamSinh: '19990517' },
    });
    expect(expectProblem(wrongId, 400)).toMatchObject({
      code: 'MOTLAN_VALIDATION_FAILED',
      field: 'body.SoDinhDanh',
    });
    const missing = await call(app, 'POST', '/api/v1/citizens/lookup', {
      body: { SoDinhDanh: '001099012345' },
    });
    expect(expectProblem(missing, 400).field).toMatch(/^body\./);
    const badDate = await call(app, 'POST', '/api/v1/citizens/lookup', {
      body: { SoDinhDanh: '001099012345', HoVaTen: 'A', NgayThangNamSinh: '1999-05-17' },
    });
    expect(expectProblem(badDate, 400).field).toBe('body.NgayThangNamSinh');
    const notJson = await call(app, 'POST', '/api/v1/citizens/lookup', { rawBody: '{"SoDinhDanh":' });
    expectProblem(notJson, 400);
  });

  it('rejects a malformed ID in the path and bad paging parameters', async () => {
    expect(expectProblem(await call(app, 'GET', '/api/v1/citizens/12345678901x'), 400).field).toBe(
      'params.soDinhDanh',
    );
    expectProblem(await call(app, 'GET', '/api/v1/citizens?limit=0'), 400);
    expectProblem(await call(app, 'GET', '/api/v1/citizens?limit=5001'), 400);
    expectProblem(await call(app, 'GET', '/api/v1/citizens?after=abc'), 400);
    expectProblem(await call(app, 'GET', '/api/v1/changes?cursor=-1'), 400);
    expectProblem(await call(app, 'GET', '/api/v1/changes?limit=5001'), 400);
  });

  it('requires X-Officer-Id on /api/v1/citizens/* routes', async () => {
    const citizen = someone();
    const response = await call(app, 'GET', `/api/v1/citizens/${citizen.SoDinhDanh}`, { officer: null });
    expect(expectProblem(response, 400).field).toBe('headers.x-officer-id');
    const lookup = await call(app, 'POST', '/api/v1/citizens/lookup', {
      officer: null,
      body: {
        SoDinhDanh: citizen.SoDinhDanh,
        HoVaTen: fullName(citizen.HoVaTen),
        NgayThangNamSinh: citizen.NgayThangNamSinh,
      },
    });
    expectProblem(lookup, 400);
  });

  it('rejects inconsistent fault settings without changing them', async () => {
    expectProblem(await app.inject({ method: 'PUT', url: '/admin/faults', payload: { errorRate: 2 } }), 400);
    const inverted = await app.inject({
      method: 'PUT',
      url: '/admin/faults',
      payload: { latencyMs: { min: 50, max: 10 } },
    });
    expect(expectProblem(inverted, 400).code).toBe('NPDB_SIM_INVALID_FAULTS');
    expectProblem(await app.inject({ method: 'PUT', url: '/admin/faults', payload: { outrage: true } }), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/admin/changes', payload: { count: 0 } }), 400);
    expect((await app.inject({ method: 'GET', url: '/admin/faults' })).json()).toEqual({
      latencyMs: { min: 0, max: 0 },
      errorRate: 0,
      outage: false,
    });
  });
});

describe('full export', () => {
  it('pages through every citizen exactly once, in ID order', async () => {
    const seen: string[] = [];
    let after: string | null = '';
    let pages = 0;
    while (after !== null) {
      const url: string = `/api/v1/citizens?limit=97${after ? `&after=${after}` : ''}`;
      const response = await call(app, 'GET', url, { officer: null });
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: CitizenRecord[]; next: string | null; total: number };
      expect(page.total).toBe(PEOPLE);
      seen.push(...page.items.map((item) => item.SoDinhDanh));
      after = page.next;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(PEOPLE / 97));
    expect(seen).toHaveLength(PEOPLE);
    expect(new Set(seen).size).toBe(PEOPLE);
    expect(seen).toEqual([...seen].sort());
  });

  it('serves records field for field as stored (the response schema drops nothing)', async () => {
    const response = await call(app, 'GET', '/api/v1/citizens?limit=5000');
    const page = response.json() as { items: CitizenRecord[]; next: string | null };
    expect(page.next).toBeNull();
    expect(page.items).toEqual(everyone);
  });

  it('defaults to pages of 1000', async () => {
    const response = await call(app, 'GET', '/api/v1/citizens');
    expect(response.json().items).toHaveLength(PEOPLE);
  });
});

describe('change feed', () => {
  it('generates changes on demand and serves them after a cursor, in order', async () => {
    const empty = await call(app, 'GET', '/api/v1/changes');
    expect(empty.json()).toEqual({ changes: [], nextCursor: '0' });

    const known = new Map(everyone.map((record) => [record.SoDinhDanh, record]));
    const generated = await app.inject({ method: 'POST', url: '/admin/changes', payload: { count: 60 } });
    expect(generated.statusCode).toBe(200);
    const changes = generated.json().changes as ChangeEntry[];
    expect(changes).toHaveLength(60);

    const feed = (await call(app, 'GET', '/api/v1/changes?cursor=0&limit=5000')).json() as {
      changes: ChangeEntry[];
      nextCursor: string;
    };
    expect(feed.changes).toEqual(changes);
    expect(feed.nextCursor).toBe(changes[59]!.Cursor);
    const cursors = changes.map((change) => BigInt(change.Cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : 1)));

    const tail = (await call(app, 'GET', `/api/v1/changes?cursor=${changes[49]!.Cursor}&limit=4`)).json();
    expect(tail.changes).toEqual(changes.slice(50, 54));
    expect(tail.nextCursor).toBe(changes[53]!.Cursor);
    const end = (await call(app, 'GET', `/api/v1/changes?cursor=${feed.nextCursor}`)).json();
    expect(end).toEqual({ changes: [], nextCursor: feed.nextCursor });

    const types = new Set(changes.map((change) => change.LoaiThayDoi));
    expect([...types].sort()).toEqual(['CAI_CHINH_HO_TEN', 'CHUYEN_NOI_O', 'KET_HON', 'KHAI_TU']);

    for (const change of changes) {
      const before = known.get(change.SoDinhDanh)!;
      const after = change.BanGhi;
      expect(after.SoDinhDanh).toBe(change.SoDinhDanh);
      expect(after.PhienBan).toBe(before.PhienBan + 1);
      expect(after.CapNhatLuc).toBe(change.ThoiDiem);
      switch (change.LoaiThayDoi) {
        case 'CHUYEN_NOI_O':
          expect(after.ThuongTru.MaHuyen).toBeNull();
          expect(after.NoiOHienTai).toEqual(after.ThuongTru);
          expect(after.ThuongTru).not.toEqual(before.ThuongTru);
          break;
        case 'KET_HON':
          expect(after.TinhTrangHonNhan).toBe('2');
          expect(after.VoChong).not.toBeNull();
          expect(before.TinhTrangHonNhan).not.toBe('2');
          break;
        case 'KHAI_TU':
          expect(after.TrangThai).toBe('DA_MAT');
          expect(after.NgayMat).toMatch(/^\d{8}$/);
          expect(before.TrangThai).toBe('SONG');
          break;
        case 'CAI_CHINH_HO_TEN':
          expect(after.HoVaTen).not.toEqual(before.HoVaTen);
          expect(after.HoVaTen.Ho).toBe(before.HoVaTen.Ho);
          break;
      }
      known.set(change.SoDinhDanh, after);
    }

    // Marriages come in pairs naming each other.
    const marriages = changes.filter((change) => change.LoaiThayDoi === 'KET_HON');
    for (const change of marriages) {
      const spouse = known.get(change.BanGhi.VoChong!.SoDinhDanh!)!;
      expect(spouse.VoChong?.SoDinhDanh).toBe(change.SoDinhDanh);
    }

    // The records served now are the last version in the feed.
    for (const [id, record] of known) {
      if (record.PhienBan === 1) continue;
      const current = await call(app, 'GET', `/api/v1/citizens/${id}`);
      expect(current.json().KetQua).toEqual(record);
    }
    const versions = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM citizens WHERE version <> (record->>'PhienBan')::int",
    );
    expect(versions.rows[0]!.n).toBe('0');
  });
});

describe('fault knobs', () => {
  const get = () => call(app, 'GET', `/api/v1/citizens/${someone().SoDinhDanh}`);

  it('outage: every /api call answers 503 at once; admin and health still answer', async () => {
    const state = await app.inject({
      method: 'PUT',
      url: '/admin/faults',
      payload: { outage: true, latencyMs: { min: 2000, max: 2000 } },
    });
    expect(state.json()).toEqual({ latencyMs: { min: 2000, max: 2000 }, errorRate: 0, outage: true });
    const started = performance.now();
    const response = await get();
    expect(performance.now() - started).toBeLessThan(500);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ MaLoi: 'LOI_HE_THONG' });
    expect((await call(app, 'GET', '/api/v1/changes')).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/admin/reset-faults' })).json()).toEqual({
      latencyMs: { min: 0, max: 0 },
      errorRate: 0,
      outage: false,
    });
    expect((await get()).statusCode).toBe(200);
  });

  it('latency: calls wait a random time within [min, max]', async () => {
    await app.inject({ method: 'PUT', url: '/admin/faults', payload: { latencyMs: { min: 150, max: 200 } } });
    const started = performance.now();
    const response = await get();
    const elapsed = performance.now() - started;
    expect(response.statusCode).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(1_500);
    // Partial update keeps the latency.
    const state = await app.inject({ method: 'PUT', url: '/admin/faults', payload: { errorRate: 0 } });
    expect(state.json().latencyMs).toEqual({ min: 150, max: 200 });
  });

  it('errorRate 1: every /api call answers 503 LOI_HE_THONG', async () => {
    await app.inject({ method: 'PUT', url: '/admin/faults', payload: { errorRate: 1 } });
    for (let i = 0; i < 10; i += 1) {
      const response = await get();
      expect(response.statusCode).toBe(503);
      expect(response.json().MaLoi).toBe('LOI_HE_THONG');
    }
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('npdb_sim_faults_injected_total{kind="error"}');
  });
});

describe('OpenAPI', () => {
  it('documents every route with the upstream schemas', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/admin/changes',
        '/admin/faults',
        '/admin/record-quirks',
        '/admin/reset-faults',
        '/api/v1/changes',
        '/api/v1/citizens',
        '/api/v1/citizens/lookup',
        '/api/v1/citizens/{soDinhDanh}',
      ].sort(),
    );
    for (const name of ['NpdbBanGhi', 'NpdbDiaChi', 'NpdbThayDoi', 'NpdbLoi', 'Problem']) {
      expect(document.components.schemas[name], name).toBeDefined();
    }
    const lookup = document.paths['/api/v1/citizens/lookup'].post;
    expect(lookup.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['x-api-key', 'x-timestamp', 'x-signature', 'x-officer-id']),
    );
    expect((await app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });
});
