// Whether parents checked the diary at least twice a week (seed 003 §8). A visit is one row per
// person × pupil × day, so "twice a week" means on two different days of that week. Weeks with
// no school day (holidays) ask for nothing; the current week is judged only once it has passed
// unless the family already reached the norm.
import { addDays, findHoliday, isoWeekday, weekStart, type HolidayRange } from './calendar';

export const REQUIRED_CHECKS_PER_WEEK = 2;

export type CheckWeek = {
  monday: string;
  sunday: string;
  /** School days of the week inside the range (not a holiday, not beyond the school's week). */
  schoolDays: number;
};

export type WeekCheckStatus = 'ok' | 'missed' | 'in-progress' | 'holiday';

export type WeekCheck = CheckWeek & { days: number; status: WeekCheckStatus };

export type FamilyChecks = {
  weeks: WeekCheck[];
  /** Completed weeks with school days but fewer checks than required. */
  missed: number;
  /** Weeks that count: completed with school days, or already met. */
  judged: number;
};

/**
 * The weeks (Monday–Sunday) overlapping [from, to] that have begun by `today`, oldest first.
 * `gradeLevel` lets the first graders' extra holiday count for them only.
 */
export function checkWeeks(
  from: string,
  to: string,
  today: string,
  holidays: readonly HolidayRange[],
  schoolDaysPerWeek: number,
  gradeLevel?: number,
): CheckWeek[] {
  const weeks: CheckWeek[] = [];
  const last = to < today ? to : today;
  for (let monday = weekStart(from); monday <= last; monday = addDays(monday, 7)) {
    let schoolDays = 0;
    for (let i = 0; i < 7; i++) {
      const d = addDays(monday, i);
      if (d < from || d > to || isoWeekday(d) > schoolDaysPerWeek) continue;
      if (!findHoliday(holidays, d, gradeLevel)) schoolDays++;
    }
    weeks.push({ monday, sunday: addDays(monday, 6), schoolDays });
  }
  return weeks;
}

/** Judges one family's visit days (ISO dates, any order, duplicates allowed) week by week. */
export function familyChecks(visitDates: readonly string[], weeks: readonly CheckWeek[], today: string): FamilyChecks {
  const days = new Set(visitDates);
  let missed = 0;
  let judged = 0;
  const result = weeks.map((w): WeekCheck => {
    let count = 0;
    for (const d of days) if (w.monday <= d && d <= w.sunday) count++;
    let status: WeekCheckStatus;
    if (count >= REQUIRED_CHECKS_PER_WEEK) status = 'ok';
    else if (w.schoolDays === 0) status = 'holiday';
    else if (today <= w.sunday) status = 'in-progress';
    else status = 'missed';
    if (status === 'ok' || status === 'missed') judged++;
    if (status === 'missed') missed++;
    return { ...w, days: count, status };
  });
  return { weeks: result, missed, judged };
}
