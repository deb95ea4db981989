import { describe, expect, it } from 'vitest';
import { loadAdminUnits, REORGANISATION_2025 } from '../src/index.ts';

const units = loadAdminUnits();

describe('administrative units across the 1 July 2025 reorganisation', () => {
  it('holds both sets of units from the data packages', () => {
    expect(units.counts).toMatchObject({
      legacyProvinces: 63,
      legacyWards: 11_160,
      currentProvinces: 34,
      currentWards: 3_321,
    });
    expect(units.counts.mappedLegacyWards).toBeGreaterThan(10_000);
    expect(REORGANISATION_2025.effectiveDate).toBe('2025-07-01');
  });

  it('maps a legacy province to the current one it became part of: Bình Dương (74) → Hồ Chí Minh City (79)', () => {
    expect(units.currentProvinceOf('74')).toEqual({ code: '79', name: 'Thành phố Hồ Chí Minh' });
    expect(units.currentProvinceOf('01')?.code).toBe('01');
    expect(units.currentProvince('74')).toBeUndefined(); // no longer a province
    expect(units.currentProvinceOf('99')).toBeUndefined();
  });

  it('lists the legacy provinces a current one was made of (the reverse lookup)', () => {
    expect(units.legacyProvincesOf('79').map((province) => province.code)).toEqual(['74', '77', '79']);
    expect(units.legacyProvincesOf('01').map((province) => province.code)).toEqual(['01']);
  });

  it('maps a legacy ward to its current ward, and back', () => {
    const ward = units.currentWardOf('26881')!; // Phường 12, Quận Gò Vấp
    expect(ward).toMatchObject({ code: '26882', provinceCode: '79' });
    expect(units.legacyWardsOf('26882').map((legacy) => legacy.code)).toContain('26881');
  });

  it('gives the current units of an address, whichever units it was recorded in', () => {
    const legacy = units.currentUnitOf({
      provinceCode: '79',
      districtCode: '764',
      wardCode: '26881',
      unitsVersion: 'legacy-2024',
    });
    expect(legacy).toEqual({
      provinceCode: '79',
      wardCode: '26882',
      unitsVersion: 'current-2025',
      effectiveFrom: '2025-07-01',
    });
    const current = units.currentUnitOf({
      provinceCode: '01',
      wardCode: '00004',
      unitsVersion: 'current-2025',
    });
    expect(current).toMatchObject({ provinceCode: '01', wardCode: '00004' });
    // An unknown legacy ward still has its province carried over.
    expect(
      units.currentUnitOf({
        provinceCode: '74',
        districtCode: '718',
        wardCode: '99999',
        unitsVersion: 'legacy-2024',
      }),
    ).toEqual({
      provinceCode: '79',
      unitsVersion: 'current-2025',
      effectiveFrom: '2025-07-01',
    });
    expect(
      units.currentUnitOf({ provinceCode: '99', wardCode: '99999', unitsVersion: 'legacy-2024' }),
    ).toBeUndefined();
  });
});
