/**
 * Issuing authorities of a military person code (mã định danh quân nhân): characters 3–4 of the
 * code. The Ministry of National Defence has not published a format yet; this is Motlan's
 * working definition (see packages/domain/README.md). A code names the authority that first
 * registered the person and never changes afterwards, even when the person moves unit or region:
 * the military region (quân khu) or the Capital Command for citizens registered by their commune,
 * or the service that enlisted a person directly.
 */
export const MILITARY_ISSUING_UNITS: Readonly<Record<string, string>> = Object.freeze({
  TD: 'Bộ Tư lệnh Thủ đô Hà Nội',
  K1: 'Quân khu 1',
  K2: 'Quân khu 2',
  K3: 'Quân khu 3',
  K4: 'Quân khu 4',
  K5: 'Quân khu 5',
  K7: 'Quân khu 7',
  K9: 'Quân khu 9',
  HQ: 'Quân chủng Hải quân',
  PK: 'Quân chủng Phòng không - Không quân',
  BP: 'Bộ đội Biên phòng',
  CS: 'Cảnh sát biển Việt Nam',
  BQ: 'Cơ quan Bộ Quốc phòng và đơn vị trực thuộc',
});

export function isMilitaryIssuingUnit(code: string): boolean {
  return Object.hasOwn(MILITARY_ISSUING_UNITS, code);
}

/** The authority's name for a two-character issuing code, or undefined. */
export function militaryIssuingUnitName(code: string): string | undefined {
  return isMilitaryIssuingUnit(code) ? MILITARY_ISSUING_UNITS[code] : undefined;
}
