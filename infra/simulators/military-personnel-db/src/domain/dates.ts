/**
 * Dates as the personnel system writes them: dd/MM/yyyy, handled as whole UTC days so that
 * nothing depends on the machine's time zone. The population database writes yyyyMMdd.
 */
const DAY_MS = 86_400_000;

/** The day the seeded registry is "as of" (the population simulator's snapshot day). */
export const AS_OF = Date.UTC(2026, 9, 1);

/** Vietnam's time zone has no daylight saving: calendar days there are UTC+7. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** dd/MM/yyyy of an epoch (midnight UTC of the day). */
export function toDmy(epochMs: number): string {
  const date = new Date(epochMs);
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** dd/MM/yyyy of a yyyyMMdd date (the population database's format). */
export function ymdToDmy(ymd: string): string {
  return `${ymd.slice(6, 8)}/${ymd.slice(4, 6)}/${ymd.slice(0, 4)}`;
}

/** Epoch of a dd/MM/yyyy date, or undefined when it is not a calendar date. */
export function fromDmy(dmy: string): number | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dmy);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epoch = Date.UTC(year, month - 1, day);
  const date = new Date(epoch);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return epoch;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole years between a yyyyMMdd birth date and an instant. */
export function ageAt(birthYmd: string, atMs: number): number {
  const at = new Date(atMs);
  const atMd = (at.getUTCMonth() + 1) * 100 + at.getUTCDate();
  let age = at.getUTCFullYear() - Number(birthYmd.slice(0, 4));
  if (atMd < Number(birthYmd.slice(4, 8))) age -= 1;
  return age;
}

export function addDays(epochMs: number, days: number): number {
  return epochMs + days * DAY_MS;
}

/** The calendar day in Vietnam at an instant, as midnight UTC of that day. */
export function vietnamDay(instantMs: number): number {
  const shifted = new Date(instantMs + VIETNAM_OFFSET_MS);
  return Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
}
