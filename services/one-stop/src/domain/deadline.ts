import { endOfVietnamDay, vietnamDate, type WorkingCalendar } from './working-calendar.ts';

/**
 * The deadline rules (documented in the README):
 * - the time limit counts working days from the working day after the day the complete dossier
 *   was received (a dossier received on a Saturday, a holiday or after hours counts the same way:
 *   its first working day is the next one); it ends at the end of the last of those days;
 * - asking the applicant for a supplement stops the clock: the working days left after the day of
 *   the request (up to the due date) are kept; the day of the request counts as used;
 * - when the supplement arrives, those remaining days count again from the working day after the
 *   day it arrived (0 days left: the end of that day). A dossier already past its limit when the
 *   clock stopped keeps its old due time: it stays late.
 */
export function dueAt(calendar: WorkingCalendar, receivedAt: Date, timeLimitWorkingDays: number): Date {
  return endOfVietnamDay(calendar.addWorkingDays(vietnamDate(receivedAt), timeLimitWorkingDays));
}

/**
 * Whether a due time rests on computed holidays: some day from the day counting started
 * (`countingFrom`, the receipt) to the due date lies in a year without an official decision,
 * so the Government may still move a day off and with it the due date. Computed from the
 * calendar as it stands, so a dossier stops being provisional once its year's decision is data.
 */
export function isDueProvisional(calendar: WorkingCalendar, countingFrom: Date, due: Date): boolean {
  return calendar.provisionalBetween(vietnamDate(countingFrom), vietnamDate(due));
}

/** Working days of the limit left when the clock stops at `pausedAt`. */
export function remainingAtPause(calendar: WorkingCalendar, due: Date, pausedAt: Date): number {
  return calendar.workingDaysBetween(vietnamDate(pausedAt), vietnamDate(due));
}

/** The new due time once a supplement arrives at `resumedAt` with `remaining` working days left. */
export function dueAfterResume(
  calendar: WorkingCalendar,
  paused: { dueAt: Date; pausedAt: Date; remaining: number },
  resumedAt: Date,
): Date {
  if (paused.pausedAt > paused.dueAt) return paused.dueAt;
  const remaining = paused.remaining;
  return endOfVietnamDay(calendar.addWorkingDays(vietnamDate(resumedAt), remaining));
}
