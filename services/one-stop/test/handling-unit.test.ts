import { describe, expect, it } from 'vitest';
import { loadProcedureCatalog } from '../src/catalog-data.ts';
import { handlingUnit } from '../src/domain/handling-unit.ts';

const catalog = loadProcedureCatalog();
const byLevel = (level: string) => catalog.procedures.find((procedure) => procedure.level === level)!;

describe('the handling unit across the 2025 reorganisation', () => {
  it('routes a legacy Bình Dương (74) address to Hồ Chí Minh City’s command, not to BCHQS-T-74', () => {
    const binhDuong = {
      provinceCode: '74',
      districtCode: '718',
      wardCode: '25741',
      detail: '',
      unitsVersion: 'legacy-2024',
    };
    expect(handlingUnit(byLevel('province'), binhDuong)).toBe('BCHQS-T-79');
  });

  it('routes a legacy ward to the current ward it was merged into', () => {
    const goVap = {
      provinceCode: '79',
      districtCode: '764',
      wardCode: '26881',
      detail: '',
      unitsVersion: 'legacy-2024',
    };
    expect(handlingUnit(byLevel('commune'), goVap)).toBe('BCHQS-X-26882');
    expect(handlingUnit(byLevel('commune'), { ...goVap, wardCode: '99999' })).toBe('BCHQS-X-unassigned');
    expect(handlingUnit(byLevel('province'), { ...goVap, wardCode: '99999' })).toBe('BCHQS-T-79');
  });

  it('keeps an address already in the current units as it is', () => {
    const current = { provinceCode: '01', wardCode: '00004', detail: '', unitsVersion: 'current-2025' };
    expect(handlingUnit(byLevel('commune'), current)).toBe('BCHQS-X-00004');
    expect(handlingUnit(byLevel('province'), current)).toBe('BCHQS-T-01');
    expect(handlingUnit(byLevel('province'), undefined)).toBe('BCHQS-T-unassigned');
  });
});
