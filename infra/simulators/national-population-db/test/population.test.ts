import { describe, expect, it } from 'vitest';
import { GioiTinh, TinhTrangHonNhan } from '../src/domain/codes.ts';
import { ageAt, fromYmd, REFORM_DATE, SNAPSHOT_DATE } from '../src/domain/dates.ts';
import { FAMILY_NAMES, givenNames, middleNames } from '../src/domain/names.ts';
import { personalIdProblems } from '../src/domain/personal-id.ts';
import { PopulationGenerator } from '../src/domain/population.ts';
import type { CitizenRecord } from '../src/domain/record.ts';
import { fullName } from '../src/domain/record.ts';
import { loadAdminUnits } from '../src/reference/admin-unit-data.ts';

const units = loadAdminUnits();

function generate(people: number, seed = 42) {
  const generator = new PopulationGenerator({ seed, adminUnits: units });
  const households = [...generator.people(people)];
  const records = households.flatMap((household) => household.members);
  return { households, records, byId: new Map(records.map((record) => [record.SoDinhDanh, record])) };
}

const { households, records, byId } = generate(5_000);

describe('synthetic population', () => {
  it('generates exactly the requested number of people, with unique IDs', () => {
    expect(records).toHaveLength(5_000);
    expect(byId.size).toBe(5_000);
    expect(generate(1).records).toHaveLength(1);
    expect(generate(7).records).toHaveLength(7);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generate(500).records;
    expect(again).toEqual(generate(500).records);
    // A larger population starts with the same people (only the last household is cut to fit).
    expect(again.slice(0, 450)).toEqual(records.slice(0, 450));
    const other = generate(500, 7).records;
    expect(other.map((record) => record.SoDinhDanh)).not.toEqual(again.map((record) => record.SoDinhDanh));
  });

  it('issues valid personal IDs: known province, century/sex digit and year agreeing with the record', () => {
    for (const record of records) {
      expect(record.SoDinhDanh).toMatch(/^\d{12}$/);
      const problems = personalIdProblems(record.SoDinhDanh, {
        provincePrefixes: units.idProvincePrefixes,
        birthYmd: record.NgayThangNamSinh,
        sex: record.GioiTinh,
      });
      expect(problems, record.SoDinhDanh).toEqual([]);
      // The prefix is the province where the birth was registered.
      expect(record.SoDinhDanh.slice(0, 3)).toBe(record.NoiDangKyKhaiSinh.MaTinh.padStart(3, '0'));
      const year = Number(record.NgayThangNamSinh.slice(0, 4));
      const digit = Number(record.SoDinhDanh[3]);
      expect(digit).toBe((year >= 2000 ? 2 : 0) + (record.GioiTinh === GioiTinh.nu ? 1 : 0));
      expect(record.SoDinhDanh.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
    }
  });

  it('the ID checker names what is wrong', () => {
    const facts = { provincePrefixes: units.idProvincePrefixes, birthYmd: '19990517', sex: GioiTinh.nam };
    expect(personalIdProblems('001099012345', facts)).toEqual([]);
    expect(personalIdProblems('00109901234', facts)).toEqual(['must have 12 digits, has 11']);
    expect(personalIdProblems('00109901234x', facts)).toEqual(['must contain digits only']);
    expect(personalIdProblems('003099012345', facts)).toEqual(['unknown province code 003']);
    expect(personalIdProblems('001299012345', facts)).toEqual([
      'century digit 2 contradicts the birth year 1999',
    ]);
    expect(personalIdProblems('001098012345', facts)).toEqual([
      'year digits 98 contradict the birth year 1999',
    ]);
    expect(personalIdProblems('001199012345', facts)).toEqual(['sex digit 1 contradicts the recorded sex']);
  });

  it('composes Vietnamese names as family + middle + given, sex-appropriate', () => {
    for (const record of records) {
      const { Ho, ChuDem, Ten } = record.HoVaTen;
      expect(FAMILY_NAMES).toContain(Ho);
      const middleWords = ChuDem.split(' ');
      for (const word of middleWords) expect(middleNames(record.GioiTinh)).toContain(word);
      expect(givenNames(record.GioiTinh)).toContain(Ten);
      expect(fullName(record.HoVaTen)).toBe(`${Ho} ${ChuDem} ${Ten}`);
    }
    const women = records.filter((record) => record.GioiTinh === GioiTinh.nu);
    expect(women.some((record) => record.HoVaTen.ChuDem.startsWith('Thị'))).toBe(true);
    expect(
      records.filter((record) => record.GioiTinh === GioiTinh.nam).some((r) => r.HoVaTen.ChuDem === 'Thị'),
    ).toBe(false);
  });

  it('links family members to people who exist: parents, spouses (both ways), household heads', () => {
    for (const record of records) {
      for (const link of [record.Cha, record.Me, record.VoChong, record.ChuHo]) {
        if (!link) continue;
        const target = byId.get(link.SoDinhDanh!);
        expect(target, `${record.SoDinhDanh} → ${link.SoDinhDanh}`).toBeDefined();
        expect(link.HoVaTen).toBe(fullName(target!.HoVaTen));
      }
      if (record.Cha) {
        const father = byId.get(record.Cha.SoDinhDanh!)!;
        expect(father.GioiTinh).toBe(GioiTinh.nam);
        expect(father.NgayThangNamSinh < record.NgayThangNamSinh).toBe(true);
        expect(record.HoVaTen.Ho).toBe(father.HoVaTen.Ho);
      }
      if (record.Me) expect(byId.get(record.Me.SoDinhDanh!)!.GioiTinh).toBe(GioiTinh.nu);
      if (record.VoChong) {
        const spouse = byId.get(record.VoChong.SoDinhDanh!)!;
        expect(spouse.VoChong?.SoDinhDanh).toBe(record.SoDinhDanh);
        expect(spouse.GioiTinh).not.toBe(record.GioiTinh);
        expect(record.TinhTrangHonNhan).toBe(TinhTrangHonNhan.daKetHon);
      } else {
        expect(record.TinhTrangHonNhan).not.toBe(TinhTrangHonNhan.daKetHon);
      }
    }
  });

  it('groups people into households that share a permanent address under one head', () => {
    for (const household of households) {
      const head = household.members[0]!;
      expect(head.SoDinhDanh).toBe(household.headId);
      expect(head.ChuHo).toEqual({
        SoDinhDanh: head.SoDinhDanh,
        HoVaTen: fullName(head.HoVaTen),
        QuanHe: 'Chủ hộ',
      });
      for (const member of household.members) {
        expect(member.ChuHo.SoDinhDanh).toBe(head.SoDinhDanh);
        expect(member.ThuongTru).toEqual(head.ThuongTru);
        const relation = member.ChuHo.QuanHe;
        if (relation === 'Vợ') expect(head.VoChong?.SoDinhDanh).toBe(member.SoDinhDanh);
        if (relation === 'Cha') expect(head.Cha?.SoDinhDanh).toBe(member.SoDinhDanh);
        if (relation === 'Mẹ') expect(head.Me?.SoDinhDanh).toBe(member.SoDinhDanh);
      }
    }
    const relations = new Set(records.map((record) => record.ChuHo.QuanHe));
    for (const relation of ['Chủ hộ', 'Vợ', 'Chồng', 'Con', 'Cha', 'Mẹ', 'Cháu'])
      expect(relations).toContain(relation);
    expect(households.length).toBeGreaterThan(1_000);
  });

  it('has realistic ages (0–95) and marries only adults', () => {
    const ages = records.map((record) => ageAt(record.NgayThangNamSinh, SNAPSHOT_DATE));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    expect(Math.max(...ages)).toBeGreaterThan(80);
    for (const record of records) {
      if (record.TinhTrangHonNhan === TinhTrangHonNhan.docThan) continue;
      const minimum = record.GioiTinh === GioiTinh.nam ? 20 : 18;
      expect(ageAt(record.NgayThangNamSinh, SNAPSHOT_DATE)).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('uses real administrative codes: legacy three-level before the 2025 reform, two-level after', () => {
    const all = (record: CitizenRecord) => [
      record.NoiDangKyKhaiSinh,
      record.QueQuan,
      record.ThuongTru,
      record.NoiOHienTai,
    ];
    let legacy = 0;
    let current = 0;
    for (const record of records) {
      for (const address of all(record)) {
        expect(units.isValid(address), JSON.stringify(address)).toBe(true);
        if (address.MaHuyen === null) {
          current += 1;
          expect(address.TenDayDu.split(', ')).toHaveLength(2);
        } else {
          legacy += 1;
          expect(address.MaHuyen).toMatch(/^\d{3}$/);
          expect(address.TenDayDu.split(', ')).toHaveLength(3);
        }
        expect(address.MaTinh).toMatch(/^\d{2}$/);
        expect(address.MaXa).toMatch(/^\d{5}$/);
      }
      // Births registered since the reform carry the new codes; earlier ones the legacy codes.
      const bornAfterReform = fromYmd(record.NgayThangNamSinh) >= REFORM_DATE;
      expect(record.NoiDangKyKhaiSinh.MaHuyen === null).toBe(bornAfterReform);
    }
    expect(legacy).toBeGreaterThan(0);
    expect(current).toBeGreaterThan(0);
    // Hà Nội, Thành phố Hồ Chí Minh and Đà Nẵng are there, as in the ID prefixes.
    for (const prefix of ['001', '079', '048']) expect(units.idProvincePrefixes).toContain(prefix);
  });

  it('maps a legacy address to the post-2025 ward it was merged into', () => {
    const legacy = records.map((record) => record.QueQuan).find((address) => address.MaHuyen !== null)!;
    const current = units.toCurrent(legacy);
    expect(current.MaHuyen).toBeNull();
    expect(units.isValid(current)).toBe(true);
    expect(current.MaTinh).toBe(units.currentProvinceOf(legacy.MaTinh));
  });
});
