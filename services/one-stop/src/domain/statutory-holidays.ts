import { Lunar } from 'lunar-typescript';

/** A day off: a `YYYY-MM-DD` date in Viet Nam and what it is for. */
export interface DayOff {
  date: string;
  name: string;
}

/**
 * The public holidays of a year as the Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) counts
 * them, for a year the Government has not (yet) fixed by decision:
 * - Art. 112(1): New Year 1 January; Tết 5 days; the Hùng Kings 10/3 lunar; Victory Day 30 April;
 *   Labour Day 1 May; National Day 2 September and one adjacent day (1 or 3 September).
 *   The Prime Minister picks the Tết days and the adjacent day each year (Art. 112(3)); the
 *   rules here follow the usual choice: the last day of the lunar year and the first four of the
 *   new one, and the adjacent September day that joins the holiday to a weekend (2 September on
 *   a Monday, Thursday or Sunday takes the 3rd, otherwise the 1st — as in 2021–2025);
 * - Art. 111(3): a holiday falling on a weekly rest day (Saturday or Sunday for state agencies)
 *   is made up on the next working day — after the whole holiday run, one day for each.
 * No change to Art. 112(1) was in force when this was written (the proposed Vietnamese Culture
 * Day, 24 November, awaits an amendment of the Code); a decision year lists such days as data.
 *
 * Lunar dates come from `lunar-typescript`, which computes the Chinese calendar (UTC+8). The
 * Vietnamese calendar is reckoned at UTC+7 and differs when a new moon falls between 23:00 and
 * midnight in Viet Nam (Tết 2007 was 17 February in Viet Nam, 18 February in China); the years
 * this mesh serves up to 2030 agree, and a computed year is provisional anyway.
 */
export function statutoryHolidays(year: number): DayOff[] {
  const newYear = Lunar.fromYmd(year, 1, 1);
  const lunarDate = (lunar: Lunar) => lunar.getSolar().toYmd();
  const nationalDay = weekday(`${year}-09-02`);
  const adjacent = nationalDay === 1 || nationalDay === 4 || nationalDay === 0 ? '03' : '01';
  const days: DayOff[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: lunarDate(newYear.next(-1)), name: 'Tết Nguyên đán (ngày cuối năm âm lịch)' },
    ...[1, 2, 3, 4].map((day) => ({
      date: lunarDate(newYear.next(day - 1)),
      name: `Tết Nguyên đán (mùng ${day})`,
    })),
    { date: lunarDate(Lunar.fromYmd(year, 3, 10)), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
    { date: `${year}-09-${adjacent}`, name: 'Quốc khánh (ngày liền kề)' },
  ].sort((a, b) => a.date.localeCompare(b.date));
  return [...days, ...compensatoryDays(days)].sort((a, b) => a.date.localeCompare(b.date));
}

/** Art. 111(3): each holiday on a Saturday or Sunday gives the next weekday that is not already off. */
function compensatoryDays(holidays: readonly DayOff[]): DayOff[] {
  const off = new Set(holidays.map((day) => day.date));
  const made: DayOff[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let day = holiday.date;
    do day = addDays(day, 1);
    while (isWeekend(day) || off.has(day));
    off.add(day);
    made.push({ date: day, name: `Nghỉ bù cho ngày ${holiday.date.slice(8)}/${holiday.date.slice(5, 7)}` });
  }
  return made;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
