import { loadAdminUnits, type AdministrativeUnits } from '@motlan/admin-units';
import type { Procedure } from './procedure.ts';

interface RecordedAddress {
  provinceCode?: string;
  districtCode?: string | null;
  wardCode?: string;
  unitsVersion?: string;
}

/**
 * The unit that handles a dossier: the commune military command (Ban Chỉ huy quân sự cấp xã) of
 * the applicant's permanent residence for commune-level procedures, the provincial command for
 * provincial ones. Codes: `BCHQS-X-<ward code>`, `BCHQS-T-<province code>`, `BQP` (ministry).
 *
 * Units are today's: an address still recorded in the units before the 1 July 2025
 * reorganisation (`unitsVersion: legacy-2024`) is routed to the current province and ward it
 * became part of (legacy province 74 Bình Dương → `BCHQS-T-79`, Hồ Chí Minh City), never to a
 * command that no longer exists. A legacy ward the mapping does not know is `BCHQS-X-unassigned`.
 */
export function handlingUnit(
  procedure: Procedure,
  permanentResidence: unknown,
  units: AdministrativeUnits = loadAdminUnits(),
): string {
  const current = currentUnits((permanentResidence ?? {}) as RecordedAddress, units);
  switch (procedure.level) {
    case 'commune':
      return current.wardCode ? `BCHQS-X-${current.wardCode}` : 'BCHQS-X-unassigned';
    case 'province':
      return current.provinceCode ? `BCHQS-T-${current.provinceCode}` : 'BCHQS-T-unassigned';
    case 'ministry':
      return 'BQP';
  }
}

function currentUnits(address: RecordedAddress, units: AdministrativeUnits): RecordedAddress {
  const legacy =
    address.unitsVersion === 'legacy-2024' || (address.unitsVersion === undefined && !!address.districtCode);
  if (!legacy || !address.provinceCode || !address.wardCode) return address;
  return (
    units.currentUnitOf({
      provinceCode: address.provinceCode,
      districtCode: address.districtCode ?? null,
      wardCode: address.wardCode,
      unitsVersion: 'legacy-2024',
    }) ?? {}
  );
}

/** The commune a unit code names (for the registration result), or the unit code itself. */
export function communeOf(unitCode: string): string {
  return unitCode.startsWith('BCHQS-X-') ? unitCode.slice('BCHQS-X-'.length) : unitCode;
}
