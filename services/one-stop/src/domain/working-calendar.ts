/**
 * Working days of Vietnamese state agencies: Monday to Friday, less public holidays, plus the
 * Saturdays worked in exchange for a bridging day off. Holidays are data (data/holidays.json),
 * one list per year, because Tết and the Hùng Kings' day follow the lunar calendar and the
 * Government fixes the days off each year.
 *
 * Dates are calendar dates in Vietnam (UTC+7, no daylight saving), as `YYYY-MM-DD`.
 */
export interface HolidayYear {
  year: number;
  provisional: boolean;
  holidays: { date: string; name: string }[];
  workingWeekends: { date: string; name: string }[];
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** Fixed-date holidays, used for a year the data does not cover yet. */
const SOLAR_HOLIDAYS = ['01-01', '04-30', '05-01', '09-02'];

export class WorkingCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly workingWeekends = new Set<string>();
  private readonly years = new Set<number>();

  constructor(years: readonly HolidayYear[]) {
    for (const year of years) {
      this.years.add(year.year);
      for (const holiday of year.holidays) this.holidays.set(holiday.date, holiday.name);
      for (const day of year.workingWeekends) this.workingWeekends.add(day.date);
    }
  }

  /** Whether the data lists this year's holidays (else only the fixed solar ones are known). */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** The holiday's name, when `date` is a public holiday. */
  holidayName(date: string): string | undefined {
    if (this.holidays.has(date)) return this.holidays.get(date);
    const year = Number(date.slice(0, 4));
    if (!this.covers(year) && SOLAR_HOLIDAYS.includes(date.slice(5))) return 'public holiday';
    return undefined;
  }

  isWorkingDay(date: string): boolean {
    if (this.workingWeekends.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return this.holidayName(date) === undefined;
  }

  /** The `count`-th working day after `date` (not counting `date`); `date` itself for 0. */
  addWorkingDays(date: string, count: number): string {
    let day = date;
    for (let left = count; left > 0;) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = nextDay(from); day <= to; day = nextDay(day)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}

export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date in Vietnam of an instant. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a Vietnamese calendar date (23:59:59.999 +07:00). */
export function endOfVietnamDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - VIETNAM_OFFSET_MS - 1);
}
