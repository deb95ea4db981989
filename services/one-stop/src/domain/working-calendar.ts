import { addDays, isWeekend, statutoryHolidays, type DayOff } from './statutory-holidays.ts';

/**
 * A year's days off as the Government fixed them (data/holidays.json): every holiday and swapped
 * day off of the year, and the weekend days worked in exchange. It replaces the computed year
 * whole, because the decision also picks the Tết days and the adjacent National Day.
 */
export interface HolidayYear {
  year: number;
  /** The official decision or notice(s) the list follows, e.g. `12729/VPCP-KGVX (25/12/2025)`. */
  decision: string;
  holidays: DayOff[];
  workingWeekends: DayOff[];
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** One year's days as looked up: holiday names by date, weekend days worked. */
interface YearDays {
  holidays: Map<string, string>;
  workingWeekends: Set<string>;
}

const daysOf = (holidays: readonly DayOff[], workingWeekends: readonly DayOff[]): YearDays => ({
  holidays: new Map(holidays.map((day) => [day.date, day.name])),
  workingWeekends: new Set(workingWeekends.map((day) => day.date)),
});

/**
 * Working days of Vietnamese state agencies: Monday to Friday, less public holidays, plus the
 * weekend days worked in exchange for a bridging day off. A year with an official decision
 * (data) takes its days from it; any other year is computed from the Labour Code's rules
 * (`statutoryHolidays`) and is *provisional*: the Government may still move days when it decides.
 *
 * Dates are calendar dates in Vietnam (UTC+7, no daylight saving), as `YYYY-MM-DD`.
 */
export class WorkingCalendar {
  private readonly decided = new Map<number, YearDays>();
  private readonly computed = new Map<number, YearDays>();

  constructor(
    decisions: readonly HolidayYear[],
    private readonly rules: (year: number) => DayOff[] = statutoryHolidays,
  ) {
    for (const year of decisions) this.decided.set(year.year, daysOf(year.holidays, year.workingWeekends));
  }

  /** Whether an official decision fixes this year's days off (else they are computed). */
  covers(year: number): boolean {
    return this.decided.has(year);
  }

  /** True when a day between `from` and `to` (inclusive) lies in a year without a decision. */
  provisionalBetween(from: string, to: string): boolean {
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      if (!this.covers(year)) return true;
    }
    return false;
  }

  /** The holiday's name, when `date` is a public holiday or a day off swapped for a weekend day. */
  holidayName(date: string): string | undefined {
    return this.year(Number(date.slice(0, 4))).holidays.get(date);
  }

  isWorkingDay(date: string): boolean {
    const year = this.year(Number(date.slice(0, 4)));
    if (year.workingWeekends.has(date)) return true;
    if (isWeekend(date)) return false;
    return !year.holidays.has(date);
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

  private year(year: number): YearDays {
    const decided = this.decided.get(year);
    if (decided) return decided;
    let computed = this.computed.get(year);
    if (!computed) {
      computed = daysOf(this.rules(year), []);
      this.computed.set(year, computed);
    }
    return computed;
  }
}

export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** The calendar date in Vietnam of an instant. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a Vietnamese calendar date (23:59:59.999 +07:00). */
export function endOfVietnamDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - VIETNAM_OFFSET_MS - 1);
}
