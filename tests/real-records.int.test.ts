/**
 * Real records through the whole mesh, each part its own process: the simulator makes records as
 * the real population database has them (a father not recorded, a year-only date of birth, a
 * citizen born abroad whose ID starts with a country code, a permanent address still in the
 * pre-2025 units, a version stamped before the one it follows, a record no consumer can map)
 * after ordinary life events in its change feed; the adapter's running feed carries them to the
 * registry — quarantining the unmappable one and going on — and the one-stop shop prefills
 * first-time military registration (1.004227) without asking for what the record says is absent,
 * and routes a dossier to the unit that exists today.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_ID_HEADER, grpcChannelCredentials, loadTlsMaterial } from '@motlan/access';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import type { factsV1, populationV1 } from '@motlan/proto';
import {
  clientTls,
  devCertificates,
  eventually,
  httpsJson,
  startMesh,
  TestResources,
  type Mesh,
} from '@motlan/testkit';

interface NpdbRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  NgayThangNamSinh: string;
  GioiTinh: string;
  NoiDangKyKhaiSinh: { TenDayDu: string };
  ThuongTru: { MaTinh: string; MaHuyen: string | null; MaXa: string };
  CapNhatLuc: string;
  PhienBan: number;
}
interface Change {
  Cursor: string;
  SoDinhDanh: string;
  BanGhi: NpdbRecord;
}
interface PrefillAnswer {
  prefilled: {
    type: string;
    value: unknown;
    sourceSystem: string;
    assurance: string;
    sourceRecordRef: string;
  }[];
  missing: { type: string }[];
}

const resources = new TestResources();
const PROCEDURE = '1.004227';
let mesh: Mesh;
let registry: GrpcClient;
/** A reader granted every fact type (the policy's load-generator client), for facts no procedure asks. */
let reader: GrpcClient;
let population: GrpcClient;
let fatherless: NpdbRecord;
let abroad: NpdbRecord;
let legacy: NpdbRecord;
/** Versions 2 and 3 of one record, 3 stamped a day before 2. */
let versions: [NpdbRecord, NpdbRecord];
let yearOnly: NpdbRecord;
let broken: NpdbRecord;
let later: Change[];

const fullName = (record: NpdbRecord) =>
  [record.HoVaTen.Ho, record.HoVaTen.ChuDem, record.HoVaTen.Ten].filter(Boolean).join(' ');
const isoDob = (ymd: string) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;

async function simulator<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${mesh.adapterEnv['NPDB_URL']}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The citizen portal, acting for the body's applicant. */
const oneStop = (
  path: string,
  body: { applicant: { personalId: string; [detail: string]: unknown } } & Record<string, unknown>,
) =>
  httpsJson(`${mesh.oneStop!.url}${path}`, {
    method: 'POST',
    body,
    tls: clientTls('citizen-portal'),
    headers: { [APPLICANT_ID_HEADER]: body.applicant.personalId },
  });

async function currentFact(personalId: string, type: string, version: number, client = () => registry) {
  return eventually(async () => {
    const reply = await client().call<factsV1.GetFactsResponse__Output>('GetFacts', {
      personalId,
      factTypes: [type],
      purpose: PROCEDURE,
    });
    const fact = reply.facts.map((entry) => entry.fact).find((candidate) => candidate?.type === type);
    return fact?.provenance?.sourceRecordVersion === String(version) ? fact : undefined;
  }, 60_000);
}

beforeAll(async () => {
  mesh = await startMesh(resources, 'real', {
    seedPeople: 30,
    oneStop: true,
    adapterEnv: { CHANGE_FEED_INTERVAL_MS: '200' },
  });
  const grpc = (service: string, address: string, identity: string) => {
    const client = createGrpcClient(service, {
      address,
      credentials: grpcChannelCredentials(loadTlsMaterial(devCertificates(), identity)),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
      defaultDeadlineMs: 10_000,
    });
    resources.defer(async () => client.close());
    return client;
  };
  registry = grpc('motlan.facts.v1.FactRegistry', mesh.registryGrpc, 'one-stop');
  reader = grpc('motlan.facts.v1.FactRegistry', mesh.registryGrpc, 'bench-client');
  population = grpc('motlan.population.v1.PopulationService', mesh.adapterGrpc, 'one-stop');
  // Ordinary life first (moves, marriages, deaths, name corrections), then the real-world
  // records, chosen among those still alive; no random change after them, which could touch them.
  await simulator('/admin/changes', { count: 6 });
  const { rows } = await mesh.npdbPool.query<{ record: NpdbRecord }>(
    "SELECT record FROM citizens WHERE record->>'TrangThai' = 'SONG' AND version = 1 ORDER BY so_dinh_danh LIMIT 6",
  );
  const [a, b, c, d, e, f] = rows.map((row) => row.record) as NpdbRecord[] as [
    NpdbRecord,
    NpdbRecord,
    NpdbRecord,
    NpdbRecord,
    NpdbRecord,
    NpdbRecord,
  ];
  [fatherless, yearOnly, broken] = [a, b, c];
  // The feed, in this order: a broken record first, then the real-world ones, then a later change.
  const quirk = async (name: string, record?: NpdbRecord, options: Record<string, string> = {}) =>
    (
      await simulator<{ change: Change }>('/admin/record-quirks', {
        quirk: name,
        ...(record ? { personalId: record.SoDinhDanh } : {}),
        ...options,
      })
    ).change.BanGhi;
  broken = await quirk('malformed-ward-code', broken);
  fatherless = await quirk('no-father', fatherless);
  abroad = await quirk('born-abroad', undefined, { countryCode: '232' });
  yearOnly = await quirk('partial-dob-year', yearOnly);
  legacy = await quirk('legacy-address', e, { provinceCode: '74' });
  const second = await quirk('father-without-id', f);
  versions = [second, await quirk('backdated-version', second)];
  // A later change for another citizen (a fixed one: the generator's random changes could touch
  // the broken record and resolve its quarantine).
  const after = await quirk('partial-dob-month', d);
  later = [{ Cursor: '', SoDinhDanh: after.SoDinhDanh, BanGhi: after }];
}, 300_000);

afterAll(async () => {
  await resources.cleanup();
});

describe('real records through the running feed', () => {
  it('flows past an unmappable record: later changes reach the registry, the bad one is quarantined', async () => {
    for (const change of later)
      await currentFact(change.SoDinhDanh, 'identity.full_name', change.BanGhi.PhienBan);
    const quarantine = await httpsJson(`${mesh.adapterHttp}/v1/quarantine`, { tls: clientTls('operator') });
    expect(quarantine.status).toBe(200);
    expect((quarantine.body as { records: unknown[] }).records).toEqual([
      expect.objectContaining({
        subject: broken.SoDinhDanh,
        version: String(broken.PhienBan),
        reasonCode: 'MOTLAN_FACT_VALUE_INVALID',
        field: 'value.wardCode',
      }),
    ]);
  });

  it('keeps a year-only date of birth as a fact, and the citizen is still recognised by a full date', async () => {
    const year = yearOnly.NgayThangNamSinh.slice(0, 4);
    const dob = await currentFact(yearOnly.SoDinhDanh, 'identity.date_of_birth', yearOnly.PhienBan);
    expect(JSON.parse(dob.valueJson)).toEqual({ date: year, precision: 'year' });
    const answer = await oneStop('/v1/dossiers/prefill', {
      procedureCode: PROCEDURE,
      applicant: {
        personalId: yearOnly.SoDinhDanh,
        fullName: fullName(yearOnly),
        dateOfBirth: `${year}-06-15`,
      },
    });
    expect(answer.status).toBe(200);
    const prefilled = (answer.body as PrefillAnswer).prefilled.find(
      (fact) => fact.type === 'identity.date_of_birth',
    );
    expect(prefilled?.value).toEqual({ date: year, precision: 'year' });
  });

  it('carries a citizen born abroad: the country in the ID and the birth registration, verified and prefilled', async () => {
    expect(abroad.SoDinhDanh).toMatch(/^232/);
    const registered = await currentFact(
      abroad.SoDinhDanh,
      'residence.birth_registration',
      abroad.PhienBan,
      () => reader,
    );
    expect(JSON.parse(registered.valueJson)).toEqual({
      countryCode: '232',
      fullText: abroad.NoiDangKyKhaiSinh.TenDayDu,
    });
    const name = await currentFact(abroad.SoDinhDanh, 'identity.full_name', abroad.PhienBan);
    expect(JSON.parse(name.valueJson)).toMatchObject({ full: fullName(abroad) });
    const verified = await population.call<populationV1.VerifyCitizenResponse__Output>('VerifyCitizen', {
      personalId: abroad.SoDinhDanh,
      claims: { fullName: fullName(abroad), dateOfBirth: isoDob(abroad.NgayThangNamSinh) },
      purpose: PROCEDURE,
    });
    expect(verified).toMatchObject({ verified: true, citizenFound: true, vitalStatus: 'alive' });
    const answer = await oneStop('/v1/dossiers/prefill', {
      procedureCode: PROCEDURE,
      applicant: {
        personalId: abroad.SoDinhDanh,
        fullName: fullName(abroad),
        dateOfBirth: isoDob(abroad.NgayThangNamSinh),
      },
    });
    expect(answer.status).toBe(200);
    const body = answer.body as PrefillAnswer;
    expect(body.missing.map((entry) => entry.type)).toEqual(['military.health_grade']);
    expect(body.prefilled.find((fact) => fact.type === 'identity.full_name')).toMatchObject({
      value: { full: fullName(abroad) },
      sourceRecordRef: `NPDB/${abroad.SoDinhDanh}`,
    });
  });

  it('keeps the pre-2025 code of a permanent address with its current unit, and routes to the unit of today', async () => {
    expect(legacy.ThuongTru).toMatchObject({ MaTinh: '74' });
    const permanent = await currentFact(legacy.SoDinhDanh, 'residence.permanent', legacy.PhienBan);
    expect(JSON.parse(permanent.valueJson)).toMatchObject({
      provinceCode: '74',
      districtCode: legacy.ThuongTru.MaHuyen,
      wardCode: legacy.ThuongTru.MaXa,
      unitsVersion: 'legacy-2024',
      current: { provinceCode: '79', effectiveFrom: '2025-07-01' },
    });
    const filed = await oneStop('/v1/dossiers', {
      procedureCode: '2.002102', // a provincial procedure: handled by the provincial command
      applicant: {
        personalId: legacy.SoDinhDanh,
        fullName: fullName(legacy),
        dateOfBirth: isoDob(legacy.NgayThangNamSinh),
      },
      documents: ['don-de-nghi'],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ unitCode: 'BCHQS-T-79' });
  });

  it('keeps version 3 current though it is stamped before version 2', async () => {
    const [second, third] = versions;
    expect([second.PhienBan, third.PhienBan]).toEqual([2, 3]);
    expect(Date.parse(third.CapNhatLuc)).toBeLessThan(Date.parse(second.CapNhatLuc));
    const status = await currentFact(
      second.SoDinhDanh,
      'identity.vital_status',
      third.PhienBan,
      () => reader,
    );
    expect(JSON.parse(status.valueJson)).toMatchObject({ status: 'deceased' });
    // Version 2 came first in the feed; ordered by the clock, the registry would have kept it.
    const father = await currentFact(second.SoDinhDanh, 'family.father', third.PhienBan);
    expect(JSON.parse(father.valueJson)).toEqual({ fullName: expect.any(String) });
    const answer = await oneStop('/v1/dossiers/prefill', {
      procedureCode: PROCEDURE,
      applicant: {
        personalId: second.SoDinhDanh,
        fullName: fullName(second),
        dateOfBirth: isoDob(second.NgayThangNamSinh),
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      code: 'MOTLAN_APPLICANT_NOT_VERIFIED',
      detail: expect.stringContaining('deceased'),
    });
  });

  it('prefills a father the record does not name as "not recorded", and asks nothing about him', async () => {
    const father = await currentFact(fatherless.SoDinhDanh, 'family.father', fatherless.PhienBan);
    expect(JSON.parse(father.valueJson)).toEqual({ recorded: false });
    const applicant = {
      personalId: fatherless.SoDinhDanh,
      fullName: fullName(fatherless),
      dateOfBirth: isoDob(fatherless.NgayThangNamSinh),
    };
    const answer = await oneStop('/v1/dossiers/prefill', { procedureCode: PROCEDURE, applicant });
    expect(answer.status).toBe(200);
    const body = answer.body as PrefillAnswer;
    // Only what no source holds: the health grade from the examination.
    expect(body.missing.map((entry) => entry.type)).toEqual(['military.health_grade']);
    expect(body.prefilled.find((fact) => fact.type === 'family.father')).toMatchObject({
      value: { recorded: false },
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `NPDB/${fatherless.SoDinhDanh}`,
    });
    const filed = await oneStop('/v1/dossiers', {
      procedureCode: PROCEDURE,
      applicant,
      facts: [
        {
          type: 'military.health_grade',
          value: { grade: 1, assessedAt: new Date().toISOString().slice(0, 10) },
        },
      ],
    });
    expect(filed.status).toBe(201);
  });
});
