// Whether parents checked the diary at least twice a week (seed 003 §8). A visit is one row per
// person × pupil × day, so "twice a week" means on two different days of that week (Monday to
// Sunday, all of it, even where the period starts or ends mid-week). Weeks with no school day
// (holidays) ask for nothing, a week with one school day asks for one visit, and weeks before the
// pupil came to the class or after they left are not theirs to judge. The current week is judged
// only once it has passed unless the family already reached the norm.
import { addDays, findHoliday, isoWeekday, weekStart, type HolidayRange } from './calendar';

export const REQUIRED_CHECKS_PER_WEEK = 2;

export type CheckWeek = {
  monday: string;
  sunday: string;
  /** School days of the week inside the range (not a holiday, not beyond the school's week). */
  schoolDays: number;
};

export type WeekCheckStatus = 'ok' | 'missed' | 'in-progress' | 'holiday' | 'not-in-class';

export type WeekCheck = CheckWeek & { days: number; required: number; status: WeekCheckStatus };

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

/**
 * The period's weeks (`weeks`, from checkWeeks) as one pupil lived them: school days are counted
 * only inside [from, to], the days the pupil was in the class; a week wholly outside is null.
 */
export function pupilWeeks(
  weeks: readonly CheckWeek[],
  from: string,
  to: string,
  today: string,
  holidays: readonly HolidayRange[],
  schoolDaysPerWeek: number,
  gradeLevel?: number,
): (CheckWeek | null)[] {
  const own = new Map(checkWeeks(from, to, today, holidays, schoolDaysPerWeek, gradeLevel).map((w) => [w.monday, w]));
  return weeks.map((w) => own.get(w.monday) ?? null);
}

/**
 * Judges one family's visit days (ISO dates, any order, duplicates allowed) week by week of the
 * period's `weeks`; `own` is the same weeks as the pupil lived them (pupilWeeks), the period's
 * own when the pupil was in the class throughout.
 */
export function familyChecks(
  visitDates: readonly string[],
  weeks: readonly CheckWeek[],
  today: string,
  own: readonly (CheckWeek | null)[] = weeks,
): FamilyChecks {
  const days = new Set(visitDates);
  let missed = 0;
  let judged = 0;
  const result = weeks.map((column, i): WeekCheck => {
    const w = own[i];
    let count = 0;
    for (const d of days) if (column.monday <= d && d <= column.sunday) count++;
    if (!w) return { ...column, schoolDays: 0, days: count, required: 0, status: 'not-in-class' };
    const required = Math.min(REQUIRED_CHECKS_PER_WEEK, w.schoolDays);
    let status: WeekCheckStatus;
    if (w.schoolDays === 0 && count < REQUIRED_CHECKS_PER_WEEK) status = 'holiday';
    else if (count >= required) status = 'ok';
    else if (today <= w.sunday) status = 'in-progress';
    else status = 'missed';
    if (status === 'ok' || status === 'missed') judged++;
    if (status === 'missed') missed++;
    return { ...w, days: count, required, status };
  });
  return { weeks: result, missed, judged };
}
