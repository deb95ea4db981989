import { describe, expect, it } from 'vitest';
import { abroadBornCitizen, abroadRegistration } from '../src/domain/born-abroad.ts';
import { GioiTinh } from '../src/domain/codes.ts';
import { ageAt } from '../src/domain/dates.ts';
import { buildAbroadPersonalId, isCountryCode, personalIdProblems } from '../src/domain/personal-id.ts';
import { PopulationGenerator } from '../src/domain/population.ts';
import { createRng } from '@motlan/simulator-kit/random';
import { withQuirk } from '../src/domain/record-quirks.ts';
import { loadAdminUnits } from '../src/reference/admin-unit-data.ts';

const units = loadAdminUnits();
const [household] = [...new PopulationGenerator({ seed: 3, adminUnits: units }).people(6)];
const person = household!.members[0]!;
const AT = '2026-11-20T03:00:00.000Z';

describe('abroad-registered personal IDs', () => {
  it('carry the country code in digits 1–3 and century/sex and year digits of the birth', () => {
    expect(buildAbroadPersonalId('232', GioiTinh.nam, '19900517', 12_345)).toBe('232090012345');
    expect(buildAbroadPersonalId('232', GioiTinh.nu, '20010101', 7)).toBe('232301000007');
    expect(() => buildAbroadPersonalId('096', GioiTinh.nam, '19900517', 1)).toThrow(RangeError);
    expect(() => buildAbroadPersonalId('099', GioiTinh.nam, '19900517', 1)).toThrow(RangeError);
  });

  it('are accepted by the checker, which still refuses the gaps of the provinces’ block', () => {
    expect(isCountryCode('100')).toBe(true);
    expect(isCountryCode('999')).toBe(true);
    expect(isCountryCode('099')).toBe(false);
    const facts = { provincePrefixes: units.idProvincePrefixes, birthYmd: '19990517', sex: GioiTinh.nu };
    expect(personalIdProblems('232199012345', facts)).toEqual([]);
    expect(personalIdProblems('232099012345', facts)).toEqual(['sex digit 0 contradicts the recorded sex']);
    expect(personalIdProblems('003199012345', facts)).toEqual(['unknown province code 003']);
  });
});

describe('born-abroad', () => {
  it('makes a new citizen whose ID, birth registration and household agree', () => {
    const rng = createRng(11);
    for (let i = 0; i < 200; i += 1) {
      const record = abroadBornCitizen(rng, { countryCode: '232', settlesWith: person, at: AT });
      expect(record.SoDinhDanh.slice(0, 3)).toBe('232');
      expect(
        personalIdProblems(record.SoDinhDanh, {
          provincePrefixes: units.idProvincePrefixes,
          birthYmd: record.NgayThangNamSinh,
          sex: record.GioiTinh,
        }),
      ).toEqual([]);
      expect(record.NoiDangKyKhaiSinh).toEqual(abroadRegistration('232'));
      expect(record.NoiDangKyKhaiSinh).toMatchObject({
        MaTinh: '',
        MaHuyen: null,
        MaXa: '',
        MaQuocGia: '232',
      });
      const age = ageAt(record.NgayThangNamSinh, Date.parse(AT));
      expect(age).toBeGreaterThanOrEqual(20);
      expect(age).toBeLessThanOrEqual(45);
      expect(record.ThuongTru).toEqual(person.ThuongTru);
      expect(record.ChuHo).toMatchObject({ SoDinhDanh: record.SoDinhDanh, QuanHe: 'Chủ hộ' });
      expect(record.Cha).toMatchObject({ SoDinhDanh: null });
      expect(record.Cha!.HoVaTen.startsWith(record.HoVaTen.Ho)).toBe(true);
      expect(record).toMatchObject({ PhienBan: 1, CapNhatLuc: AT, TrangThai: 'SONG' });
    }
    expect(
      abroadBornCitizen(createRng(1), { countryCode: '704', settlesWith: person, at: AT }).SoDinhDanh,
    ).toMatch(/^704/);
  });
});

describe('record quirks that change a record', () => {
  it('backdated-version: a death, the next version, stamped one day before the last one', () => {
    const next = withQuirk(person, 'backdated-version', AT);
    expect(next.PhienBan).toBe(person.PhienBan + 1);
    expect(next.TrangThai).toBe('DA_MAT');
    expect(next.NgayMat).toMatch(/^\d{8}$/);
    expect(Date.parse(person.CapNhatLuc) - Date.parse(next.CapNhatLuc)).toBe(86_400_000);
    expect(person.TrangThai).toBe('SONG');
  });

  it('legacy-address: permanent and current residence in the pre-2025 units given', () => {
    const legacy = units.legacyAddress(createRng(5), '74', () => 'Số 1');
    expect(legacy.MaTinh).toBe('74');
    expect(legacy.MaHuyen).toMatch(/^\d{3}$/);
    const next = withQuirk(person, 'legacy-address', AT, { legacyAddress: legacy });
    expect(next).toMatchObject({ ThuongTru: legacy, NoiOHienTai: legacy, PhienBan: person.PhienBan + 1 });
    expect(() => withQuirk(person, 'legacy-address', AT)).toThrow(RangeError);
    expect(units.hasLegacyProvince('74')).toBe(true);
    expect(units.hasLegacyProvince('03')).toBe(false);
  });
});
