import { describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../src/catalog-data.ts';
import { dueAfterResume, dueAt, isDueProvisional, remainingAtPause } from '../src/domain/deadline.ts';
import { statutoryHolidays } from '../src/domain/statutory-holidays.ts';
import { vietnamDate, WorkingCalendar } from '../src/domain/working-calendar.ts';

const calendar = loadWorkingCalendar();
const ict = (local: string) => new Date(`${local}+07:00`);

describe('working days', () => {
  it('skips weekends and the Tết days off of each year', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(calendar.isWorkingDay(day), day).toBe(false);
      expect(calendar.holidayName(day)).toMatch(/Tết Nguyên đán/);
    }
    expect(calendar.isWorkingDay('2026-02-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-01-29')).toBe(false); // Tết Ất Tỵ, mùng 1
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false); // compensatory day, Tết Đinh Mùi
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false); // Hùng Kings, 10/3 lunar
  });

  it('follows the 2026 New Year decision: 1–4 January off, Friday 2 January worked on Saturday 10 January', () => {
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.isWorkingDay('2026-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.holidayName('2026-01-02')).toMatch(/hoán đổi/);
    expect(calendar.isWorkingDay('2026-01-05')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-11')).toBe(false);
    expect(calendar.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
  });

  it('counts a Saturday worked in exchange for a bridging day off', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(calendar.addWorkingDays('2025-04-25', 4)).toBe('2025-05-05');
  });

  it('computes a year without a decision from the Labour Code: 2028', () => {
    expect(calendar.covers(2028)).toBe(false);
    // New Year's Day on a Saturday: made up on Monday 3 January (Art. 111(3)).
    expect(calendar.isWorkingDay('2028-01-03')).toBe(false);
    expect(calendar.isWorkingDay('2028-01-04')).toBe(true);
    // Tết Mậu Thân: the first lunar day is Wednesday 26 January; the last day of the lunar year
    // and mùng 1–4 are off, mùng 4 falling on Saturday 29 January is made up on Monday 31.
    for (const day of ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-31']) {
      expect(calendar.isWorkingDay(day), day).toBe(false);
    }
    expect(calendar.holidayName('2028-01-26')).toBe('Tết Nguyên đán (mùng 1)');
    expect(calendar.isWorkingDay('2028-01-24')).toBe(true);
    expect(calendar.isWorkingDay('2028-02-01')).toBe(true);
    // Hùng Kings 10/3 lunar = Tuesday 4 April; 30 April on a Sunday made up after 1 May.
    expect(calendar.isWorkingDay('2028-04-04')).toBe(false);
    expect(calendar.isWorkingDay('2028-05-02')).toBe(false);
    // 2 September on a Saturday: Friday 1 September is the adjacent day, Monday 4 the make-up.
    expect(calendar.isWorkingDay('2028-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2028-09-04')).toBe(false);
    expect(calendar.isWorkingDay('2028-09-05')).toBe(true);
  });

  it('computes the same days as the old provisional listing of 2027 (lunar dates, make-up days)', () => {
    expect(statutoryHolidays(2027).map((day) => day.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ]);
  });

  it('takes the first lunar day of each year from the lunar calendar', () => {
    const tet = (year: number) =>
      statutoryHolidays(year).find((day) => day.name === 'Tết Nguyên đán (mùng 1)')?.date;
    expect([2025, 2026, 2027, 2028, 2029, 2030].map(tet)).toEqual([
      '2025-01-29',
      '2026-02-17',
      '2027-02-06',
      '2028-01-26',
      '2029-02-13',
      '2030-02-03',
    ]);
  });

  it('picks the adjacent National Day that joins a weekend', () => {
    const adjacent = (year: number) =>
      statutoryHolidays(year).find((day) => day.name === 'Quốc khánh (ngày liền kề)')?.date;
    expect(adjacent(2024)).toBe('2024-09-03'); // 2/9 Monday
    expect(adjacent(2025)).toBe('2025-09-01'); // Tuesday
    expect(adjacent(2022)).toBe('2022-09-01'); // Friday
    expect(adjacent(2021)).toBe('2021-09-03'); // Thursday
    expect(adjacent(2023)).toBe('2023-09-01'); // Saturday, made up on Monday 4
    expect(statutoryHolidays(2023).some((day) => day.date === '2023-09-04')).toBe(true);
  });

  it('lets a decision replace its computed year whole', () => {
    const custom = new WorkingCalendar([
      {
        year: 2030,
        decision: 'test decision',
        holidays: [{ date: '2030-01-02', name: 'swap' }],
        workingWeekends: [{ date: '2030-01-05', name: 'worked' }],
      },
    ]);
    expect(custom.isWorkingDay('2030-01-01')).toBe(true); // the decision lists no 1 January
    expect(custom.isWorkingDay('2030-01-02')).toBe(false);
    expect(custom.isWorkingDay('2030-01-05')).toBe(true);
    expect(custom.isWorkingDay('2031-01-01')).toBe(false); // computed
  });
});

describe('due times', () => {
  it('puts a 1-day limit received the Friday before Tết 2026 after the whole break', () => {
    const due = dueAt(calendar, ict('2026-02-13T10:00:00'), 1);
    expect(due.toISOString()).toBe('2026-02-23T16:59:59.999Z'); // end of Monday 23 Feb, Vietnam time
  });

  it('due after the 2026 New Year break: 1 working day from Wednesday 31 December 2025 is Monday 5 January', () => {
    const received = ict('2025-12-31T10:00:00');
    const due = dueAt(calendar, received, 1);
    expect(vietnamDate(due)).toBe('2026-01-05');
    expect(isDueProvisional(calendar, received, due)).toBe(false);
  });

  it('marks a due date that counts computed holidays as provisional (2028)', () => {
    const received = ict('2028-01-21T10:00:00'); // Friday before Tết Mậu Thân
    const due = dueAt(calendar, received, 2);
    expect(vietnamDate(due)).toBe('2028-02-01'); // 24 Jan, then 1 Feb after Tết and its make-up day
    expect(isDueProvisional(calendar, received, due)).toBe(true);
    expect(vietnamDate(dueAt(calendar, ict('2027-12-31T10:00:00'), 1))).toBe('2028-01-04');
    expect(isDueProvisional(calendar, ict('2026-12-30T10:00:00'), ict('2027-01-04T10:00:00'))).toBe(true);
    expect(isDueProvisional(calendar, ict('2026-03-02T10:00:00'), ict('2026-03-09T10:00:00'))).toBe(false);
  });

  it('spans Tết 2025 for a 3-day limit', () => {
    expect(vietnamDate(dueAt(calendar, ict('2025-01-24T09:00:00'), 3))).toBe('2025-02-05');
  });

  it('counts from the next working day whatever the hour or day of receipt', () => {
    // 01:00 Friday in Vietnam is still Thursday in UTC: the Vietnamese date decides.
    expect(vietnamDate(dueAt(calendar, new Date('2026-02-12T18:00:00Z'), 1))).toBe('2026-02-23');
    // Received on a Saturday: the first working day is the next Monday after Tết.
    expect(vietnamDate(dueAt(calendar, ict('2026-02-14T09:00:00'), 1))).toBe('2026-02-23');
  });

  it('stops the clock during a supplement request and resumes with the days left', () => {
    const due = dueAt(calendar, ict('2026-02-09T09:00:00'), 5); // 10, 11, 12, 13, then 23 Feb
    expect(vietnamDate(due)).toBe('2026-02-23');
    const pausedAt = ict('2026-02-11T15:00:00');
    const remaining = remainingAtPause(calendar, due, pausedAt); // 12, 13, 23 Feb
    expect(remaining).toBe(3);
    const resumed = dueAfterResume(calendar, { dueAt: due, pausedAt, remaining }, ict('2026-03-02T08:00:00'));
    expect(vietnamDate(resumed)).toBe('2026-03-05');
  });

  it('keeps a dossier that was already late when paused late', () => {
    const due = dueAt(calendar, ict('2026-03-02T09:00:00'), 1);
    const pausedAt = ict('2026-03-10T09:00:00');
    const remaining = remainingAtPause(calendar, due, pausedAt);
    expect(remaining).toBe(0);
    expect(dueAfterResume(calendar, { dueAt: due, pausedAt, remaining }, ict('2026-03-20T09:00:00'))).toEqual(
      due,
    );
  });
});
