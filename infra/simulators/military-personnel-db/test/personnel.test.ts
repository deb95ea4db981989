import { describe, expect, it } from 'vitest';
import { isValidMilitaryCode } from '@motlan/domain';
import { createRng } from '@motlan/sim-national-population-db';
import { canRegrade, discharge, enlist, promote, regrade } from '../src/domain/changes.ts';
import { fromDmy, toDmy, ymdToDmy } from '../src/domain/dates.ts';
import { malform, typo, wrongBirthDay } from '../src/domain/discrepancies.ts';
import { PersonnelGenerator, type PopulationCitizen } from '../src/domain/personnel.ts';
import { rankAbove } from '../src/domain/ranks.ts';
import type { HoSoQuanNhan } from '../src/domain/record.ts';
import { issuerForProvince } from '../src/domain/units.ts';

const RECORD: HoSoQuanNhan = {
  MaDinhDanhQuanNhan: 'QNK120240001236',
  SoDinhDanh: '019207012345',
  HoVaTen: 'Nguyễn Văn An',
  NgaySinh: '17/05/2007',
  XaDangKy: '05434',
  NgayDangKy: '12/04/2024',
  TrangThaiPhucVu: 'TAI_NGU',
  DonVi: { MaDonVi: 'F3-D2', TenDonVi: 'Tiểu đoàn 2, Sư đoàn 3, Quân khu 1' },
  CapBac: 'Hạ sĩ',
  NgayNhapNgu: '15/02/2025',
  NgayXuatNgu: null,
  PhanLoaiSucKhoe: 2,
  PhienBan: 1,
  CapNhatLuc: '2026-01-01T00:00:00.000Z',
};

/** Levenshtein distance counting an adjacent swap as one edit (optimal string alignment). */
function edits(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i += 1) {
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

describe('seeded alterations', () => {
  it('a typo is one slip in one word of the name', () => {
    const rng = createRng(1);
    for (let i = 0; i < 300; i += 1) {
      const name = rng.pick(['Nguyễn Văn An', 'Trần Đức Hưng', 'Lê Minh Khôi', 'Phạm Quang Vũ']);
      const slipped = typo(rng, name);
      expect(slipped).not.toBe(name);
      expect(edits(slipped.toLowerCase(), name.toLowerCase())).toBe(1);
      expect(slipped.split(' ')).toHaveLength(3);
    }
  });

  it('a wrong birth day keeps month and year and stays a calendar date', () => {
    const rng = createRng(2);
    for (const dmy of ['01/01/2000', '31/12/1999', '28/02/2001', '29/02/2004', '15/06/1990']) {
      for (let i = 0; i < 50; i += 1) {
        const wrong = wrongBirthDay(rng, dmy);
        expect(wrong).not.toBe(dmy);
        expect(wrong.slice(2)).toBe(dmy.slice(2));
        expect(fromDmy(wrong)).toBeDefined();
        expect(Math.abs(Number(wrong.slice(0, 2)) - Number(dmy.slice(0, 2)))).toBeLessThanOrEqual(3);
      }
    }
  });

  it('a malformation mangles one non-identity field, says which and how', () => {
    const rng = createRng(3);
    const fields = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const bad = malform(rng, RECORD);
      fields.add(bad.field);
      expect(bad.recordedValue).not.toBe(bad.trueValue);
      expect(String(bad.record[bad.field])).toBe(bad.recordedValue);
      expect(String(RECORD[bad.field])).toBe(bad.trueValue);
      expect([bad.record.HoVaTen, bad.record.NgaySinh, bad.record.SoDinhDanh]).toEqual([
        RECORD.HoVaTen,
        RECORD.NgaySinh,
        RECORD.SoDinhDanh,
      ]);
      if (bad.field === 'MaDinhDanhQuanNhan') expect(isValidMilitaryCode(bad.recordedValue)).toBe(false);
      if (bad.field === 'PhanLoaiSucKhoe') expect([0, 7]).toContain(bad.record.PhanLoaiSucKhoe);
      if (bad.field === 'XaDangKy') expect(bad.recordedValue).toMatch(/^\d{4}$/);
      if (bad.field === 'NgayNhapNgu') expect(fromDmy(bad.recordedValue)).toBeUndefined();
    }
    expect([...fields].sort()).toEqual([
      'CapBac',
      'MaDinhDanhQuanNhan',
      'NgayNhapNgu',
      'PhanLoaiSucKhoe',
      'XaDangKy',
    ]);
  });
});

describe('the personnel generator', () => {
  const citizens: PopulationCitizen[] = Array.from({ length: 400 }, (_, i) => ({
    SoDinhDanh: `0010${String(90 + (i % 10)).padStart(2, '0')}${String(i).padStart(6, '0')}`,
    HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: ['An', 'Bình', 'Cường', 'Dũng'][i % 4]! },
    GioiTinh: '1',
    NgayThangNamSinh: `${1985 + (i % 20)}0${1 + (i % 9)}1${i % 10}`,
    MaTinh: ['01', '79', '24', '48'][i % 4]!,
    MaXa: String(10_000 + i).padStart(5, '0'),
  }));
  const run = (seed: number) => {
    const generator = new PersonnelGenerator(seed);
    return citizens.map((citizen) => generator.next(citizen));
  };

  it('is deterministic with a seed and differs with another', () => {
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('issues valid, unique codes counted per issuing unit and year, linked to the citizen', () => {
    const people = run(5).flatMap((person, index) => (person ? [{ person, citizen: citizens[index]! }] : []));
    expect(people.length).toBeGreaterThan(350);
    const codes = new Set<string>();
    for (const { person, citizen } of people) {
      const { record, truth } = person;
      codes.add(record.MaDinhDanhQuanNhan);
      const code = truth?.field === 'MaDinhDanhQuanNhan' ? truth.trueValue : record.MaDinhDanhQuanNhan;
      expect(isValidMilitaryCode(code)).toBe(true);
      expect(code.slice(2, 4)).toBe(issuerForProvince(citizen.MaTinh));
      expect(record.SoDinhDanh).toBe(citizen.SoDinhDanh);
      if (!truth || truth.kind === 'malformed') {
        expect(record.HoVaTen).toBe(`Nguyễn Văn ${citizen.HoVaTen.Ten}`);
        expect(record.NgaySinh).toBe(ymdToDmy(citizen.NgayThangNamSinh));
      }
    }
    expect(codes.size).toBe(people.length);
  });

  it('holds men of 18–45 only', () => {
    const base = citizens[0]!;
    expect(PersonnelGenerator.eligible({ ...base, NgayThangNamSinh: '20081001' })).toBe(true);
    expect(PersonnelGenerator.eligible({ ...base, NgayThangNamSinh: '20081002' })).toBe(false);
    expect(PersonnelGenerator.eligible({ ...base, NgayThangNamSinh: '19801002' })).toBe(true);
    expect(PersonnelGenerator.eligible({ ...base, NgayThangNamSinh: '19801001' })).toBe(false);
    expect(PersonnelGenerator.eligible({ ...base, GioiTinh: '2' })).toBe(false);
  });

  it('maps provinces to their military region, old and 2025 codes alike', () => {
    expect(issuerForProvince('01')).toBe('TD');
    expect(issuerForProvince('79')).toBe('K7');
    expect(issuerForProvince('27')).toBe('K1');
    expect(issuerForProvince('96')).toBe('K9');
    expect(issuerForProvince('99')).toBe('BQ');
  });
});

describe('change events', () => {
  const at = '2026-11-01T00:00:00.000Z';

  it('promote climbs one rank and stops at the top or at an unknown rank', () => {
    expect(rankAbove('Binh nhì')).toBe('Binh nhất');
    expect(rankAbove('Thượng sĩ')).toBe('Thiếu úy');
    expect(rankAbove('Đại tá')).toBeUndefined();
    expect(rankAbove('Thượng sỹ')).toBeUndefined();
    expect(promote(RECORD, at)).toMatchObject({ CapBac: 'Trung sĩ', PhienBan: 2, CapNhatLuc: at });
    expect(promote({ ...RECORD, CapBac: null }, at)).toBeUndefined();
  });

  it('enlist, discharge and regrade change what they say and bump the version', () => {
    const unit = { MaDonVi: 'F5-D1', TenDonVi: 'Tiểu đoàn 1, Sư đoàn 5, Quân khu 7' };
    const registered = {
      ...RECORD,
      TrangThaiPhucVu: 'SAN_SANG_NHAP_NGU' as const,
      DonVi: null,
      CapBac: null,
      NgayNhapNgu: null,
    };
    expect(enlist(registered, unit, '01/11/2026', at)).toMatchObject({
      TrangThaiPhucVu: 'TAI_NGU',
      DonVi: unit,
      CapBac: 'Binh nhì',
      NgayNhapNgu: '01/11/2026',
      PhienBan: 2,
    });
    expect(discharge(RECORD, '01/11/2026', at)).toMatchObject({
      TrangThaiPhucVu: 'DA_XUAT_NGU',
      DonVi: null,
      CapBac: 'Hạ sĩ',
      NgayXuatNgu: '01/11/2026',
    });
    expect(regrade(RECORD, 5, at)).toMatchObject({ PhanLoaiSucKhoe: 5, PhienBan: 2 });
    expect(RECORD.PhienBan).toBe(1);
  });

  it('dates round-trip as dd/MM/yyyy and refuse impossible days', () => {
    expect(toDmy(Date.UTC(2026, 0, 5))).toBe('05/01/2026');
    expect(fromDmy('05/01/2026')).toBe(Date.UTC(2026, 0, 5));
    expect(fromDmy('30/02/2026')).toBeUndefined();
    expect(fromDmy('2026-01-05')).toBeUndefined();
  });
});

describe('a record taken off the register', () => {
  it('is re-graded no more, like a discharged one; everyone else on the register may be', () => {
    expect(canRegrade(RECORD)).toBe(true);
    expect(canRegrade({ ...RECORD, TrangThaiPhucVu: 'DU_BI_HANG_2' })).toBe(true);
    expect(canRegrade({ ...RECORD, TrangThaiPhucVu: 'DA_XUAT_NGU' })).toBe(false);
    expect(canRegrade({ ...RECORD, TrangThaiPhucVu: 'DA_DUA_RA_KHOI_DANH_SACH', DonVi: null })).toBe(false);
  });
});
