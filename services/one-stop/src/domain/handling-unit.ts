import type { Procedure } from './procedure.ts';

/**
 * The unit that handles a dossier: the commune military command (Ban Chỉ huy quân sự cấp xã) of
 * the applicant's permanent residence for commune-level procedures, the provincial command for
 * provincial ones. Codes: `BCHQS-X-<ward code>`, `BCHQS-T-<province code>`, `BQP` (ministry).
 */
export function handlingUnit(procedure: Procedure, permanentResidence: unknown): string {
  const address = (permanentResidence ?? {}) as { wardCode?: string; provinceCode?: string };
  switch (procedure.level) {
    case 'commune':
      return address.wardCode ? `BCHQS-X-${address.wardCode}` : 'BCHQS-X-unassigned';
    case 'province':
      return address.provinceCode ? `BCHQS-T-${address.provinceCode}` : 'BCHQS-T-unassigned';
    case 'ministry':
      return 'BQP';
  }
}

/** The commune a unit code names (for the registration result), or the unit code itself. */
export function communeOf(unitCode: string): string {
  return unitCode.startsWith('BCHQS-X-') ? unitCode.slice('BCHQS-X-'.length) : unitCode;
}
