import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import type { Pool } from '@motlan/db';
import { militaryCodeFor } from '@motlan/domain';
import type { HttpApp } from '@motlan/http';
import { TestResources } from '@motlan/testkit';
import { buildApp } from '../src/app.ts';
import { loadSimulatorConfig } from '../src/config.ts';
import type { BienDong, HoSoQuanNhan } from '../src/domain/record.ts';
import { accessToken, CLIENT_ID, CLIENT_SECRET, get, seededSchemas } from './helpers.ts';

const TTL_S = 60;
const resources = new TestResources();
let app: HttpApp;
let pool: Pool;
let everyone: HoSoQuanNhan[];
let token: string;
let clock = Date.now();

beforeAll(async () => {
  const { personnel } = await seededSchemas(resources, { people: 3_000 });
  pool = personnel.pool;
  app = await buildApp(loadSimulatorConfig({ MPDB_TOKEN_TTL_S: String(TTL_S) }), {
    pool,
    logger: resources.logger,
    registry: new Registry(),
    now: () => clock,
  });
  await app.ready();
  everyone = (
    await pool.query<{ record: HoSoQuanNhan }>('SELECT record FROM personnel ORDER BY ma_dinh_danh_quan_nhan')
  ).rows.map((row) => row.record);
  token = await accessToken(app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await resources.cleanup();
});

beforeEach(async () => {
  await app.inject({ method: 'POST', url: '/admin/reset-faults' });
});

const wellFormed = async () => {
  const bad = await pool.query<{ code: string }>(
    'SELECT ma_dinh_danh_quan_nhan AS code FROM personnel WHERE malformed',
  );
  const malformed = new Set(bad.rows.map((row) => row.code));
  return everyone.filter((record) => !malformed.has(record.MaDinhDanhQuanNhan));
};

function tokenRequest(payload: string, headers: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/oauth/token', headers, payload });
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

function expectProblem(response: Awaited<ReturnType<typeof get>>, status: number) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return response.json() as { code: string; field?: string };
}

describe('OAuth2 client credentials', () => {
  it('issues a short-lived bearer token to a registered client (HTTP Basic or form)', async () => {
    const response = await tokenRequest('grant_type=client_credentials', {
      ...form,
      ...basic(CLIENT_ID, CLIENT_SECRET),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: TTL_S, scope: 'ho-so:doc bien-dong:doc' });
    expect(String(body['access_token'])).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const inForm = await tokenRequest(
      `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`,
      form,
    );
    expect(inForm.statusCode).toBe(200);
  });

  it('refuses a wrong secret, an unknown client, a missing or unknown grant and a JSON body, the RFC 6749 way', async () => {
    const wrong = await tokenRequest('grant_type=client_credentials', {
      ...form,
      ...basic(CLIENT_ID, 'guess'),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect(wrong.headers['www-authenticate']).toBe('Basic realm="mpdb"');
    const stranger = await tokenRequest('grant_type=client_credentials', {
      ...form,
      ...basic('stranger', CLIENT_SECRET),
    });
    expect(stranger.json()).toMatchObject({ error: 'invalid_client' });
    const none = await tokenRequest('grant_type=client_credentials', form);
    expect(none.statusCode).toBe(401);

    const grant = await tokenRequest('grant_type=password', { ...form, ...basic(CLIENT_ID, CLIENT_SECRET) });
    expect(grant.statusCode).toBe(400);
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const noGrant = await tokenRequest('scope=x', { ...form, ...basic(CLIENT_ID, CLIENT_SECRET) });
    expect(noGrant.json()).toMatchObject({ error: 'invalid_request' });
    const json = await tokenRequest(JSON.stringify({ grant_type: 'client_credentials' }), {
      'content-type': 'application/json',
      ...basic(CLIENT_ID, CLIENT_SECRET),
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ error: 'invalid_request' });
    for (const headers of [{ 'content-type': 'text/plain' }, {}] as Record<string, string>[]) {
      const odd = await tokenRequest('grant_type=client_credentials', {
        ...headers,
        ...basic(CLIENT_ID, CLIENT_SECRET),
      });
      expect(odd.statusCode).toBe(400);
      expect(odd.json()).toMatchObject({ error: 'invalid_request' });
    }
    const arrayField = await tokenRequest('grant_type=client_credentials&grant_type=password', {
      ...form,
      ...basic(CLIENT_ID, CLIENT_SECRET),
    });
    expect(arrayField.statusCode).toBe(400);
  });

  it('refuses the API without a token, with an unknown token and with an expired one', async () => {
    const url = `/api/v1/ho-so/${everyone[0]!.MaDinhDanhQuanNhan}`;
    const anonymous = await get(app, url, null, { 'x-correlation-id': 'anon-1' });
    expect(expectProblem(anonymous, 401).code).toBe('MPDB_SIM_UNAUTHENTICATED');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="mpdb"');
    expect(anonymous.headers['x-correlation-id']).toBe('anon-1');
    expect(anonymous.body).not.toContain(everyone[0]!.SoDinhDanh);

    const forged = await get(app, url, 'not-a-token-we-issued');
    expect(expectProblem(forged, 401).code).toBe('MPDB_SIM_UNAUTHENTICATED');
    expect(forged.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    // A Basic header is not a bearer token.
    const basicOnApi = await app.inject({ method: 'GET', url, headers: basic(CLIENT_ID, CLIENT_SECRET) });
    expect(basicOnApi.statusCode).toBe(401);
    for (const path of [
      '/api/v1/ho-so',
      '/api/v1/bien-dong',
      `/api/v1/ho-so/theo-so-dinh-danh/${everyone[0]!.SoDinhDanh}`,
    ]) {
      expect((await get(app, path, null)).statusCode).toBe(401);
    }

    const shortLived = await accessToken(app);
    expect((await get(app, url, shortLived)).statusCode).toBe(200);
    clock += TTL_S * 1000;
    try {
      const expired = await get(app, url, shortLived);
      expect(expectProblem(expired, 401).code).toBe('MPDB_SIM_UNAUTHENTICATED');
      expect(expired.headers['www-authenticate']).toMatch(/the access token is expired/);
      token = await accessToken(app);
      expect((await get(app, url, token)).statusCode).toBe(200);
    } finally {
      clock = Date.now();
      token = await accessToken(app);
    }
  });

  it('leaves the simulator admin and operations endpoints open', async () => {
    expect((await app.inject({ method: 'GET', url: '/admin/faults' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/ready' })).json()).toMatchObject({ status: 'ready' });
  });
});

describe('lookups', () => {
  it('finds the same record by military person code and by personal ID, echoing the correlation id', async () => {
    for (const record of (await wellFormed()).slice(0, 25)) {
      const byCode = await get(app, `/api/v1/ho-so/${record.MaDinhDanhQuanNhan}`, token, {
        'x-correlation-id': 'c-1',
      });
      expect(byCode.statusCode).toBe(200);
      expect(byCode.headers['x-correlation-id']).toBe('c-1');
      expect(byCode.json()).toEqual({ MaGiaoDich: 'c-1', HoSo: record });
      const byId = await get(app, `/api/v1/ho-so/theo-so-dinh-danh/${record.SoDinhDanh}`, token);
      expect(byId.statusCode).toBe(200);
      expect((byId.json() as { HoSo: HoSoQuanNhan }).HoSo).toEqual(record);
    }
  });

  it('serves malformed records as they are stored', async () => {
    const bad = await pool.query<{ record: HoSoQuanNhan; field: string; recorded_value: string }>(
      `SELECT p.record, t.field, t.recorded_value FROM personnel p
         JOIN seeded_truth t USING (ma_dinh_danh_quan_nhan) WHERE p.malformed`,
    );
    expect(bad.rowCount).toBeGreaterThan(0);
    for (const row of bad.rows) {
      const response = await get(app, `/api/v1/ho-so/theo-so-dinh-danh/${row.record.SoDinhDanh}`, token);
      const served = (response.json() as { HoSo: Record<string, unknown> }).HoSo;
      expect(String(served[row.field])).toBe(row.recorded_value);
    }
  });

  it('answers 404 in its own shape for a code or an ID it does not hold', async () => {
    const known = new Set(everyone.map((record) => record.MaDinhDanhQuanNhan));
    let serial = 999_999;
    let unknown = militaryCodeFor({ issuingUnit: 'CS', registrationYear: 2099, serial });
    while (known.has(unknown))
      unknown = militaryCodeFor({ issuingUnit: 'CS', registrationYear: 2099, serial: --serial });
    const byCode = await get(app, `/api/v1/ho-so/${unknown}`, token, { 'x-correlation-id': 'nf-1' });
    expect(byCode.statusCode).toBe(404);
    expect(byCode.json()).toEqual({
      MaGiaoDich: 'nf-1',
      Loi: { Ma: 'HO_SO_KHONG_TON_TAI', MoTa: 'Không tìm thấy hồ sơ quân nhân' },
    });
    const byId = await get(app, '/api/v1/ho-so/theo-so-dinh-danh/001000000000', token);
    expect(byId.statusCode).toBe(404);
  });

  it('refuses a malformed key with a problem naming the field, before looking anything up', async () => {
    const lower = await get(app, `/api/v1/ho-so/${everyone[0]!.MaDinhDanhQuanNhan.toLowerCase()}`, token);
    expect(expectProblem(lower, 400).field).toBe('params.maDinhDanhQuanNhan');
    const shortId = await get(app, '/api/v1/ho-so/theo-so-dinh-danh/12345', token);
    expect(expectProblem(shortId, 400).field).toBe('params.soDinhDanh');
    const badPage = await get(app, '/api/v1/ho-so?soLuong=0', token);
    expect(expectProblem(badPage, 400).field).toBe('querystring.soLuong');
  });
});

describe('paged export', () => {
  it('pages through every record once, in code order', async () => {
    const seen: HoSoQuanNhan[] = [];
    let after = '';
    for (let pages = 0; pages < 100; pages += 1) {
      const response = await get(app, `/api/v1/ho-so?soLuong=97${after ? `&sau=${after}` : ''}`, token);
      expect(response.statusCode).toBe(200);
      const page = response.json() as { DanhSach: HoSoQuanNhan[]; TiepTheo: string | null; TongSo: number };
      expect(page.TongSo).toBe(everyone.length);
      seen.push(...page.DanhSach);
      if (page.TiepTheo === null) break;
      expect(page.TiepTheo).toBe(page.DanhSach.at(-1)!.MaDinhDanhQuanNhan);
      after = page.TiepTheo;
    }
    expect(seen).toEqual(everyone);
  });
});

describe('change feed', () => {
  it('lists generated changes after a cursor, resumes mid-way, and answers a cursor from the future with nothing', async () => {
    const start = (await get(app, '/api/v1/bien-dong?sau=0&soLuong=5000', token)).json() as {
      BienDong: BienDong[];
      ViTriCuoi: string;
    };
    const generated = await app.inject({ method: 'POST', url: '/admin/changes', payload: { count: 12 } });
    expect(generated.statusCode).toBe(200);
    const made = (generated.json() as { BienDong: BienDong[] }).BienDong;
    expect(made).toHaveLength(12);

    const feed = await get(app, `/api/v1/bien-dong?sau=${start.ViTriCuoi}`, token);
    const page = feed.json() as { BienDong: BienDong[]; ViTriCuoi: string };
    expect(page.BienDong).toEqual(made);
    expect(page.ViTriCuoi).toBe(made.at(-1)!.ViTri);
    const cursors = page.BienDong.map((entry) => BigInt(entry.ViTri));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);

    const resumed = (await get(app, `/api/v1/bien-dong?sau=${made[5]!.ViTri}&soLuong=3`, token)).json() as {
      BienDong: BienDong[];
      ViTriCuoi: string;
    };
    expect(resumed.BienDong).toEqual(made.slice(6, 9));
    expect(resumed.ViTriCuoi).toBe(made[8]!.ViTri);

    for (const future of ['99999999', '99999999999999999999']) {
      const answer = (await get(app, `/api/v1/bien-dong?sau=${future.slice(0, 19)}`, token)).json() as {
        BienDong: BienDong[];
        ViTriCuoi: string;
      };
      expect(answer.BienDong).toEqual([]);
      expect(BigInt(answer.ViTriCuoi)).toBeGreaterThanOrEqual(BigInt(made.at(-1)!.ViTri));
    }

    // Each entry is the record after the change: the latest one per person is what a lookup serves.
    const latest = new Map(made.map((entry) => [entry.MaDinhDanhQuanNhan, entry]));
    for (const entry of latest.values()) {
      const current = (await get(app, `/api/v1/ho-so/${entry.MaDinhDanhQuanNhan}`, token)).json() as {
        HoSo: HoSoQuanNhan;
      };
      expect(current.HoSo).toEqual(entry.HoSo);
      expect(entry.HoSo.PhienBan).toBeGreaterThan(1);
      expect(entry.SoDinhDanh).toBe(entry.HoSo.SoDinhDanh);
    }
  });

  it('applies each event type as its rules say', async () => {
    const current = await pool.query<{ record: HoSoQuanNhan }>('SELECT record FROM personnel');
    const before = new Map(current.rows.map(({ record }) => [record.MaDinhDanhQuanNhan, record]));
    const made = (
      (await app.inject({ method: 'POST', url: '/admin/changes', payload: { count: 60 } })).json() as {
        BienDong: BienDong[];
      }
    ).BienDong;
    const types = new Set(made.map((entry) => entry.LoaiBienDong));
    expect(types.size).toBeGreaterThanOrEqual(4);
    const malformed = new Set(
      (
        await pool.query<{ c: string }>('SELECT ma_dinh_danh_quan_nhan AS c FROM personnel WHERE malformed')
      ).rows.map((row) => row.c),
    );
    const seen = new Map<string, HoSoQuanNhan>();
    for (const entry of made) {
      expect(malformed.has(entry.MaDinhDanhQuanNhan)).toBe(false);
      const previous = seen.get(entry.MaDinhDanhQuanNhan) ?? before.get(entry.MaDinhDanhQuanNhan)!;
      const after = entry.HoSo;
      // Identity is never changed by the feed.
      expect([after.HoVaTen, after.NgaySinh, after.SoDinhDanh]).toEqual([
        previous.HoVaTen,
        previous.NgaySinh,
        previous.SoDinhDanh,
      ]);
      switch (entry.LoaiBienDong) {
        case 'NHAP_NGU':
          expect(previous.TrangThaiPhucVu).toBe('SAN_SANG_NHAP_NGU');
          expect(after).toMatchObject({ TrangThaiPhucVu: 'TAI_NGU', CapBac: 'Binh nhì' });
          expect(after.DonVi).not.toBeNull();
          break;
        case 'DIEU_DONG':
          expect(after.TrangThaiPhucVu).toBe('TAI_NGU');
          expect(after.DonVi!.MaDonVi).not.toBe(previous.DonVi!.MaDonVi);
          break;
        case 'THANG_CAP_BAC':
          expect(after.CapBac).not.toBe(previous.CapBac);
          break;
        case 'XUAT_NGU':
          expect(previous.TrangThaiPhucVu).toBe('TAI_NGU');
          expect(after).toMatchObject({ TrangThaiPhucVu: 'DA_XUAT_NGU', DonVi: null });
          expect(after.NgayXuatNgu).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
          break;
        case 'PHAN_LOAI_SUC_KHOE':
          expect(after.PhanLoaiSucKhoe).not.toBe(previous.PhanLoaiSucKhoe);
          expect(after.PhanLoaiSucKhoe).toBeGreaterThanOrEqual(1);
          expect(after.PhanLoaiSucKhoe).toBeLessThanOrEqual(6);
          break;
      }
      expect(after.PhienBan).toBe(previous.PhienBan + 1);
      seen.set(entry.MaDinhDanhQuanNhan, after);
    }
  });
});

describe('record quirks', () => {
  const quirk = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/admin/record-quirks', payload });
  const feedAfter = async (cursor: string) =>
    ((await get(app, `/api/v1/bien-dong?sau=${cursor}`, token)).json() as { BienDong: BienDong[] }).BienDong;
  const isMalformed = async (code: string) =>
    (
      await pool.query<{ malformed: boolean }>(
        'SELECT malformed FROM personnel WHERE ma_dinh_danh_quan_nhan = $1',
        [code],
      )
    ).rows[0]!.malformed;

  it('breaks the named record as a feed entry, marks it malformed, and the generator leaves it alone', async () => {
    const target =
      (await wellFormed()).find((record) => record.CapBac === 'Thượng sĩ') ??
      (await wellFormed()).find((record) => record.CapBac !== null)!;
    const grade = await quirk({ quirk: 'malformed-health-grade', personalId: target.SoDinhDanh });
    expect(grade.statusCode).toBe(200);
    const graded = (grade.json() as { BienDong: BienDong }).BienDong;
    expect(graded).toMatchObject({ LoaiBienDong: 'PHAN_LOAI_SUC_KHOE', SoDinhDanh: target.SoDinhDanh });
    expect(graded.HoSo).toEqual({
      ...target,
      PhanLoaiSucKhoe: 7,
      PhienBan: target.PhienBan + 1,
      CapNhatLuc: graded.HoSo.CapNhatLuc,
    });
    expect(await feedAfter(String(BigInt(graded.ViTri) - 1n))).toEqual([graded]);
    const served = (await get(app, `/api/v1/ho-so/${target.MaDinhDanhQuanNhan}`, token)).json() as {
      HoSo: HoSoQuanNhan;
    };
    expect(served.HoSo).toEqual(graded.HoSo);
    expect(await isMalformed(target.MaDinhDanhQuanNhan)).toBe(true);

    // Malformed now: the same record is not broken twice, nor touched by later changes.
    const again = await quirk({ quirk: 'malformed-rank', personalId: target.SoDinhDanh });
    expect(expectProblem(again, 404)).toMatchObject({
      code: 'MPDB_SIM_RECORD_NOT_FOUND',
      field: 'body.personalId',
    });
    const made = (
      (await app.inject({ method: 'POST', url: '/admin/changes', payload: { count: 40 } })).json() as {
        BienDong: BienDong[];
      }
    ).BienDong;
    expect(made.map((entry) => entry.MaDinhDanhQuanNhan)).not.toContain(target.MaDinhDanhQuanNhan);
  });

  it('misspells the rank of a record drawn at random, identity untouched', async () => {
    const response = await quirk({ quirk: 'malformed-rank' });
    expect(response.statusCode).toBe(200);
    const entry = (response.json() as { BienDong: BienDong }).BienDong;
    const before = everyone.find((record) => record.MaDinhDanhQuanNhan === entry.MaDinhDanhQuanNhan)!;
    expect(entry.LoaiBienDong).toBe('THANG_CAP_BAC');
    expect(before.CapBac).not.toBeNull();
    expect(entry.HoSo.CapBac).not.toBe(before.CapBac);
    expect([before.CapBac!.replace(/sĩ$/, 'sỹ'), before.CapBac!.toUpperCase()]).toContain(entry.HoSo.CapBac);
    expect([entry.HoSo.HoVaTen, entry.HoSo.NgaySinh, entry.HoSo.SoDinhDanh]).toEqual([
      before.HoVaTen,
      before.NgaySinh,
      before.SoDinhDanh,
    ]);
    expect(await isMalformed(entry.MaDinhDanhQuanNhan)).toBe(true);
  });

  it('refuses an unknown quirk, a bad personal ID and an unknown person, changing nothing', async () => {
    const last = (await get(app, '/api/v1/bien-dong?sau=0&soLuong=5000', token)).json() as {
      ViTriCuoi: string;
    };
    expect(expectProblem(await quirk({ quirk: 'no-such-quirk' }), 400).field).toMatch(/quirk/);
    expect(expectProblem(await quirk({ quirk: 'malformed-rank', personalId: '12ab' }), 400).field).toMatch(
      /personalId/,
    );
    expect(
      expectProblem(await quirk({ quirk: 'malformed-health-grade', personalId: '000000000000' }), 404),
    ).toMatchObject({ code: 'MPDB_SIM_RECORD_NOT_FOUND', field: 'body.personalId' });
    expect(await feedAfter(last.ViTriCuoi)).toEqual([]);
  });
});

describe('fault knobs', () => {
  const url = () => `/api/v1/ho-so/${everyone[0]!.MaDinhDanhQuanNhan}`;
  const put = (payload: unknown) =>
    app.inject({ method: 'PUT', url: '/admin/faults', payload: payload as object });

  it('an outage answers 503 in the upstream shape at once, on the API and the token endpoint', async () => {
    expect((await put({ outage: true })).json()).toMatchObject({ outage: true });
    const down = await get(app, url(), token, { 'x-correlation-id': 'down-1' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      MaGiaoDich: 'down-1',
      Loi: { Ma: 'HE_THONG_TAM_NGUNG', MoTa: expect.any(String) },
    });
    // Without a token too: the outage comes before authentication, as at a real gateway.
    expect((await get(app, url(), null)).statusCode).toBe(503);
    const tokenDown = await tokenRequest('grant_type=client_credentials', {
      ...form,
      ...basic(CLIENT_ID, CLIENT_SECRET),
    });
    expect(tokenDown.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/admin/reset-faults' });
    expect((await get(app, url(), token)).statusCode).toBe(200);
  });

  it('an error rate of 1 fails every call; latency delays each call within the range', async () => {
    await put({ errorRate: 1 });
    expect((await get(app, url(), token)).statusCode).toBe(503);
    await put({ errorRate: 0, latencyMs: { min: 150, max: 150 } });
    const started = performance.now();
    expect((await get(app, url(), token)).statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('refuses inconsistent settings and changes nothing', async () => {
    await put({ latencyMs: { min: 10, max: 20 } });
    const refused = await put({ latencyMs: { min: 30 }, outage: true });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { code: string }).code).toBe('MPDB_SIM_INVALID_FAULTS');
    expect((await app.inject({ method: 'GET', url: '/admin/faults' })).json()).toEqual({
      latencyMs: { min: 10, max: 20 },
      errorRate: 0,
      outage: false,
    });
    expect((await put({ errorRate: 2 })).statusCode).toBe(400);
  });
});

describe('documentation', () => {
  it('publishes OpenAPI with the token endpoint and every API route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/oauth/token',
        '/api/v1/ho-so/{maDinhDanhQuanNhan}',
        '/api/v1/ho-so/theo-so-dinh-danh/{soDinhDanh}',
        '/api/v1/ho-so',
        '/api/v1/bien-dong',
        '/admin/faults',
      ]),
    );
  });
});
