/**
 * Calendar dates as the upstream writes them (yyyyMMdd), handled as whole UTC days so that
 * generation never depends on the machine's time zone.
 */
const DAY_MS = 86_400_000;

/** The day the synthetic population is "as of": ages and histories are relative to it. */
export const SNAPSHOT_DATE = Date.UTC(2026, 9, 1);

/** Administrative units were reorganised on this day (63 → 34 provinces, districts abolished). */
export const REFORM_DATE = Date.UTC(2025, 6, 1);

/** Vietnam's time zone has no daylight saving: calendar days there are UTC+7. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function toYmd(epochMs: number): string {
  const date = new Date(epochMs);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${y}${m < 10 ? '0' : ''}${m}${d < 10 ? '0' : ''}${d}`;
}

export function fromYmd(ymd: string): number {
  return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8)));
}

export function yearOf(ymd: string): number {
  return Number(ymd.slice(0, 4));
}

/** Whole years between a yyyyMMdd birth date and an instant. */
export function ageAt(birthYmd: string, atMs: number): number {
  const at = toYmd(atMs);
  let age = yearOf(at) - yearOf(birthYmd);
  if (at.slice(4) < birthYmd.slice(4)) age -= 1;
  return age;
}

export function addDays(epochMs: number, days: number): number {
  return epochMs + days * DAY_MS;
}

export function daysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / DAY_MS);
}

/** The calendar day in Vietnam at an instant, as midnight UTC of that day. */
export function vietnamDay(instantMs: number): number {
  const shifted = new Date(instantMs + VIETNAM_OFFSET_MS);
  return Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
}
