import { describe, expect, it } from 'vitest';
import { stampFacts } from '@motlan/adapter-kit';
import { contentHash, validateFactValue } from '@motlan/domain';
import { mapRecord, POPULATION_FACT_TYPES } from '../src/domain/map-record.ts';
import { populationAdapter } from '../src/population-adapter.ts';
import { npdbRecord } from './fixtures.ts';

const unusedClient = {
  fetchRecord: async () => undefined,
  changesSince: async () => ({ changes: [], nextCursor: '0' }),
  exportPage: async () => ({ records: [] }),
};

describe('mapping an upstream record to facts', () => {
  it('maps every Vietnamese field to its canonical fact', () => {
    const facts = Object.fromEntries(mapRecord(npdbRecord()).map((fact) => [fact.type, fact.value]));
    expect(Object.keys(facts).sort()).toEqual([...POPULATION_FACT_TYPES].sort());
    expect(facts['identity.full_name']).toEqual({
      family: 'Nguyễn',
      middle: 'Văn',
      given: 'An',
      full: 'Nguyễn Văn An',
    });
    expect(facts['identity.date_of_birth']).toEqual({ date: '1999-05-17' });
    expect(facts['identity.sex']).toEqual({ sex: 'male' });
    expect(facts['identity.ethnicity']).toMatchObject({ code: '01', name: 'Kinh' });
    expect(facts['civil.marital_status']).toEqual({ status: 'married' });
    expect(facts['identity.vital_status']).toEqual({ status: 'alive' });
    expect(facts['residence.birth_registration']).toMatchObject({
      districtCode: '001',
      unitsVersion: 'legacy-2024',
    });
    // A legacy address keeps what the source said and also carries the current units.
    expect((facts['residence.birth_registration'] as { current: unknown }).current).toEqual({
      provinceCode: '01',
      wardCode: '00097', // Phường Phúc Xá was merged into Phường Hồng Hà
      effectiveFrom: '2025-07-01',
    });
    expect(facts['residence.permanent']).toEqual({
      provinceCode: '01',
      districtCode: null,
      wardCode: '00004',
      detail: 'Số 12, ngõ 34 phố Lê Lợi',
      unitsVersion: 'current-2025',
    });
    expect(facts['family.spouse']).toEqual({ personalId: '001199000333', fullName: 'Lê Thị Dung' });
    expect(facts['household.membership']).toEqual({
      headPersonalId: '001099012345',
      headFullName: 'Nguyễn Văn An',
      relation: 'Chủ hộ',
    });
  });

  it('maps a birth registered abroad to its country, and the facts pass the catalog', () => {
    const record = npdbRecord({
      SoDinhDanh: '232099012345',
      NoiDangKyKhaiSinh: {
        MaTinh: '',
        MaHuyen: null,
        MaXa: '',
        ChiTiet: '',
        TenDayDu: 'Cơ quan đại diện Việt Nam ở nước ngoài (mã quốc gia 232)',
        MaQuocGia: '232',
      },
    });
    const facts = mapRecord(record);
    expect(facts.find((fact) => fact.type === 'residence.birth_registration')?.value).toEqual({
      countryCode: '232',
      fullText: 'Cơ quan đại diện Việt Nam ở nước ngoài (mã quốc gia 232)',
    });
    for (const fact of facts) expect(() => validateFactValue(fact.type, fact.value)).not.toThrow();
  });

  it('carries the current units of a pre-2025 address: legacy Bình Dương (74) lies in Hồ Chí Minh City (79)', () => {
    const permanent = mapRecord(
      npdbRecord({
        ThuongTru: { MaTinh: '74', MaHuyen: '718', MaXa: '25741', ChiTiet: 'Số 5', TenDayDu: '' },
      }),
    ).find((fact) => fact.type === 'residence.permanent')?.value;
    expect(permanent).toMatchObject({
      provinceCode: '74',
      districtCode: '718',
      wardCode: '25741',
      unitsVersion: 'legacy-2024',
      current: { provinceCode: '79', effectiveFrom: '2025-07-01' },
    });
  });

  it('keeps a date of birth whose day or month is unknown (00) as a partial date', () => {
    const dob = (NgayThangNamSinh: string) =>
      mapRecord(npdbRecord({ NgayThangNamSinh })).find((fact) => fact.type === 'identity.date_of_birth')
        ?.value;
    expect(dob('19450000')).toEqual({ date: '1945', precision: 'year' });
    expect(dob('19520700')).toEqual({ date: '1952-07', precision: 'month' });
    expect(dob('19520714')).toEqual({ date: '1952-07-14' });
    const adapter = populationAdapter(unusedClient, 'test');
    const stamped = stampFacts(
      adapter,
      npdbRecord({ NgayThangNamSinh: '19450000' }),
      '2026-11-21T00:00:00.000Z',
    );
    expect(stamped.find((fact) => fact.type === 'identity.date_of_birth')!.valueJson).toBe(
      '{"date":"1945","precision":"year"}',
    );
  });

  it('states an absent father, mother or spouse as a fact: the record names nobody', () => {
    const facts = Object.fromEntries(
      mapRecord(
        npdbRecord({ Cha: null, Me: { SoDinhDanh: null, HoVaTen: 'Trần Thị Cúc' }, VoChong: null }),
      ).map((fact) => [fact.type, fact.value]),
    );
    expect(facts['family.father']).toEqual({ recorded: false });
    expect(facts['family.mother']).toEqual({ fullName: 'Trần Thị Cúc' });
    expect(facts['family.spouse']).toEqual({ recorded: false });
    const blank = mapRecord(npdbRecord({ Cha: { SoDinhDanh: null, HoVaTen: ' ' } }));
    expect(blank.find((fact) => fact.type === 'family.father')?.value).toEqual({ recorded: false });
  });

  it('leaves out what the upstream does not hold, and records a death', () => {
    const facts = mapRecord(
      npdbRecord({
        VoChong: null,
        NhomMau: '',
        TinhTrangHonNhan: '1',
        TrangThai: 'DA_MAT',
        NgayMat: '20260102',
      }),
    );
    const types = facts.map((fact) => fact.type);
    expect(facts.find((fact) => fact.type === 'family.spouse')?.value).toEqual({ recorded: false });
    expect(types).not.toContain('identity.blood_group');
    expect(facts.find((fact) => fact.type === 'identity.vital_status')?.value).toEqual({
      status: 'deceased',
      dateOfDeath: '2026-01-02',
    });
  });

  it('stamps provenance, catalog-valid values and ids derived from the record version', () => {
    const adapter = populationAdapter(unusedClient, 'test');
    const first = stampFacts(adapter, npdbRecord(), '2026-11-21T00:00:00.000Z');
    const again = stampFacts(adapter, npdbRecord(), '2026-11-21T01:00:00.000Z');
    const next = stampFacts(adapter, npdbRecord({ PhienBan: 4 }), '2026-11-21T01:00:00.000Z');
    expect(first.map((fact) => fact.id)).toEqual(again.map((fact) => fact.id));
    expect(first[0]!.id).not.toBe(next[0]!.id);
    const name = first.find((fact) => fact.type === 'identity.full_name')!;
    expect(name.provenance).toMatchObject({
      sourceSystem: 'national-population-db',
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: 'NPDB/001099012345',
      sourceRecordVersion: '3',
      observedAt: '2026-11-21T00:00:00.000Z',
    });
    expect(name.provenance!.contentHash).toBe(contentHash(JSON.parse(name.valueJson)));
    expect(name.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
