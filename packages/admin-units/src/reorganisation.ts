/**
 * The 2025 reorganisation of administrative units (Resolution 202/2025/QH15 on provinces; the
 * Standing Committee's resolutions on communes): 63 provinces became 34, districts were
 * abolished, 10,000-odd communes and wards became 3,321. Effective 1 July 2025.
 */
export const REORGANISATION_2025 = Object.freeze({
  effectiveDate: '2025-07-01',
  legal: 'Nghị quyết 202/2025/QH15',
  /** `unitsVersion` of codes from before and after it, as address facts name them. */
  before: 'legacy-2024',
  after: 'current-2025',
} as const);

export type UnitsVersion = (typeof REORGANISATION_2025)['before'] | (typeof REORGANISATION_2025)['after'];
