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

/**
 * Which authority registers the citizens of each province, by the population database's
 * two-digit province codes (the 63 legacy codes and the 34 of 2025, which keep a surviving
 * province's old code): the Capital Command for Hà Nội, else the military region (quân khu) whose
 * area holds the province. Motlan's working definition (packages/domain/README.md).
 */
const REGION_PROVINCES: Readonly<Record<string, readonly string[]>> = {
  TD: ['01'],
  K1: ['04', '06', '19', '20', '24', '27'],
  K2: ['02', '08', '10', '11', '12', '14', '15', '25', '26'],
  K3: ['17', '22', '30', '31', '33', '34', '35', '36', '37'],
  K4: ['38', '40', '42', '44', '45', '46'],
  K5: ['48', '49', '51', '52', '54', '56', '58', '62', '64', '66', '67'],
  K7: ['60', '68', '70', '72', '74', '75', '77', '79', '80'],
  K9: ['82', '83', '84', '86', '87', '89', '91', '92', '93', '94', '95', '96'],
};

const ISSUER_BY_PROVINCE: ReadonlyMap<string, string> = new Map(
  Object.entries(REGION_PROVINCES).flatMap(([issuer, provinces]) =>
    provinces.map((province) => [province, issuer] as const),
  ),
);

/**
 * The issuing code (characters 3–4 of a military person code) for a citizen first registered by
 * a commune of the two-digit `provinceCode`; `BQ` (the Ministry's own bodies) when the province
 * is unknown.
 */
export function militaryIssuerForProvince(provinceCode: string): string {
  return ISSUER_BY_PROVINCE.get(provinceCode) ?? 'BQ';
}
