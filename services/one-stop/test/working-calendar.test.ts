import { describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../src/catalog-data.ts';
import { dueAfterResume, dueAt, remainingAtPause } from '../src/domain/deadline.ts';
import { vietnamDate } from '../src/domain/working-calendar.ts';

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

  it('counts a Saturday worked in exchange for a bridging day off', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(calendar.addWorkingDays('2025-04-25', 4)).toBe('2025-05-05');
  });

  it('falls back to the fixed solar holidays for a year without data', () => {
    expect(calendar.covers(2031)).toBe(false);
    expect(calendar.isWorkingDay('2031-09-02')).toBe(false);
    expect(calendar.isWorkingDay('2031-09-03')).toBe(true);
  });
});

describe('due times', () => {
  it('puts a 1-day limit received the Friday before Tết 2026 after the whole break', () => {
    const due = dueAt(calendar, ict('2026-02-13T10:00:00'), 1);
    expect(due.toISOString()).toBe('2026-02-23T16:59:59.999Z'); // end of Monday 23 Feb, Vietnam time
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
