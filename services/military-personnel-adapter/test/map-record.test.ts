import { describe, expect, it } from 'vitest';
import { stampFacts } from '@motlan/adapter-kit';
import { mapRecords } from '@motlan/adapter-kit';
import { isoDate, mapRecord } from '../src/domain/map-record.ts';
import { militaryPersonnelAdapter } from '../src/military-personnel-adapter.ts';
import type { MpdbClient } from '../src/upstream/mpdb-client.ts';
import { mpdbRecord } from './fixtures.ts';

const adapter = militaryPersonnelAdapter({} as MpdbClient, '0.0.0-test');
const values = (record = mpdbRecord()) =>
  Object.fromEntries(
    stampFacts(adapter, record, '2026-11-30T00:00:00.000Z').map((fact) => [fact.type, fact]),
  );

describe('mapping a personnel record to facts', () => {
  it('maps an active-duty member: status with dates, unit, rank, grade, no reserve category', () => {
    const facts = values();
    expect(Object.keys(facts).sort()).toEqual([...adapter.factTypes].sort());
    expect(JSON.parse(facts['military.person_code']!.valueJson)).toEqual({ code: 'QNK120240001236' });
    expect(JSON.parse(facts['military.service_status']!.valueJson)).toEqual({
      status: 'active_duty',
      registeredAt: '2021-04-18',
      communeCode: '00667',
      enlistedAt: '2025-02-17',
    });
    expect(JSON.parse(facts['military.unit']!.valueJson)).toEqual({
      code: 'E102-D1',
      name: 'Tiểu đoàn 1, Trung đoàn 102, Sư đoàn 308, Quân đoàn 12',
    });
    expect(JSON.parse(facts['military.rank']!.valueJson)).toEqual({ rank: 'Binh nhất' });
    expect(JSON.parse(facts['military.health_grade']!.valueJson)).toEqual({ grade: 2 });
    expect(JSON.parse(facts['military.reserve_category']!.valueJson)).toEqual({ recorded: false });
    expect(facts['military.unit']!.provenance).toMatchObject({
      sourceSystem: 'military-personnel-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'MPDB/QNK120240001236',
      sourceRecordVersion: '3',
    });
  });

  it('keeps identity as this registry recorded it, as verified (not authoritative) facts', () => {
    const facts = values();
    expect(JSON.parse(facts['identity.full_name']!.valueJson)).toEqual({
      family: 'Nguyễn',
      middle: 'Đình',
      given: 'Phong',
      full: 'Nguyễn Đình Phong',
    });
    expect(JSON.parse(facts['identity.date_of_birth']!.valueJson)).toEqual({ date: '2004-02-03' });
    for (const type of ['identity.full_name', 'identity.date_of_birth']) {
      expect(facts[type]!.provenance!.assurance).toBe('ASSURANCE_VERIFIED');
    }
  });

  it('states what a reservist has not: no unit; a category-2 reservist who never served has no rank', () => {
    const facts = values(
      mpdbRecord({ TrangThaiPhucVu: 'DU_BI_HANG_2', DonVi: null, CapBac: null, NgayNhapNgu: null }),
    );
    expect(JSON.parse(facts['military.service_status']!.valueJson)).toEqual({
      status: 'reserve_category_2',
      registeredAt: '2021-04-18',
      communeCode: '00667',
    });
    expect(JSON.parse(facts['military.unit']!.valueJson)).toEqual({ recorded: false });
    expect(JSON.parse(facts['military.rank']!.valueJson)).toEqual({ recorded: false });
    expect(JSON.parse(facts['military.reserve_category']!.valueJson)).toEqual({ category: 2 });
  });

  it('maps a record taken off the register (death) to removed_from_register: no unit, no reserve category, rank kept', () => {
    const facts = values(
      mpdbRecord({
        TrangThaiPhucVu: 'DA_DUA_RA_KHOI_DANH_SACH',
        DonVi: null,
        CapBac: 'Trung sĩ',
        NgayNhapNgu: '17/02/2022',
        NgayXuatNgu: '20/02/2024',
      }),
    );
    expect(JSON.parse(facts['military.service_status']!.valueJson)).toEqual({
      status: 'removed_from_register',
      registeredAt: '2021-04-18',
      communeCode: '00667',
      enlistedAt: '2022-02-17',
      dischargedAt: '2024-02-20',
    });
    expect(JSON.parse(facts['military.unit']!.valueJson)).toEqual({ recorded: false });
    expect(JSON.parse(facts['military.reserve_category']!.valueJson)).toEqual({ recorded: false });
    expect(JSON.parse(facts['military.rank']!.valueJson)).toEqual({ rank: 'Trung sĩ' });
  });

  it('reads dates with an unknown day or month as partial dates', () => {
    expect(isoDate('00/07/1990')).toBe('1990-07');
    expect(isoDate('00/00/1990')).toBe('1990');
    expect(isoDate('1990-07-01')).toBe('1990-07-01'); // not its format: passed on for the catalog to refuse
    const dob = mapRecord(mpdbRecord({ NgaySinh: '00/07/1990' })).find(
      (draft) => draft.type === 'identity.date_of_birth',
    );
    expect(dob!.value).toEqual({ date: '1990-07', precision: 'month' });
  });

  it.each([
    [
      'a military person code with a wrong check character',
      { MaDinhDanhQuanNhan: 'QNK120240001237' },
      'value.code',
    ],
    ['a health grade 0', { PhanLoaiSucKhoe: 0 }, 'value.grade'],
    ['a health grade 7', { PhanLoaiSucKhoe: 7 }, 'value.grade'],
    ['a commune code missing a digit', { XaDangKy: '0667' }, 'value.communeCode'],
    ['an enlistment date that is no calendar day', { NgayNhapNgu: '30/02/2019' }, 'value.enlistedAt'],
    ['a rank outside the list', { CapBac: 'Thượng sỹ' }, 'value.rank'],
    ['a rank in upper case', { CapBac: 'THƯỢNG SĨ' }, 'value.rank'],
    ['a status outside the list', { TrangThaiPhucVu: 'NGHI_HUU' }, 'value.status'],
  ])('quarantines a record with %s, naming the field', (_name, overrides, field) => {
    const good = mpdbRecord({ SoDinhDanh: '001204099999' });
    const bad = mpdbRecord(overrides as never);
    const { mapped, rejected } = mapRecords(adapter, [
      { record: bad, observedAt: '2026-11-30T00:00:00.000Z' },
      { record: good, observedAt: '2026-11-30T00:00:00.000Z' },
    ]);
    expect(mapped.map((entry) => entry.subject)).toEqual(['001204099999']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ subject: bad.SoDinhDanh, version: '3', field });
    expect(rejected[0]!.reasonCode).toMatch(/^MOTLAN_/);
  });
});
