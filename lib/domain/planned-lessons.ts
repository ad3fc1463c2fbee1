// The lessons the timetable plans over a range of dates: planDay (./diary-day.ts) for each date,
// with each course's own study days — a timetable slot is held only inside a term of its class's
// period scheme and outside the holidays of its class's grade. The deadline report uses it to find
// lessons that were due and never opened in the journal.
import { addDays, findHoliday, isoWeekday, type HolidayRange } from './calendar';
import { planDay, type ChangeInput, type HeldLessonInput, type PlannedLesson, type TimetableSlotInput } from './diary-day';

export type CourseCalendar = {
  /** Terms of the class's period scheme in the course's year; none known: the whole year counts. */
  terms: readonly { startDate: string; endDate: string }[];
  year: { startDate: string; endDate: string };
  /** The school's holidays; those limited to other grades are skipped by `gradeLevel`. */
  holidays: readonly HolidayRange[];
  /** The class's grade; undefined for a cross-class stream (only school-wide holidays apply). */
  gradeLevel: number | undefined;
};

/** Whether the course's class studies on the date (the rule of the diary week, lib/data/diary/week.ts). */
export function isStudyDay(calendar: CourseCalendar, date: string): boolean {
  if (findHoliday(calendar.holidays, date, calendar.gradeLevel)) return false;
  const spans = calendar.terms.length ? calendar.terms : [calendar.year];
  return spans.some((s) => s.startDate <= date && date <= s.endDate);
}

export type DatedPlannedLesson<L> = PlannedLesson<L> & { date: string };

/** A planned lesson that should take place: not cancelled and not moved away. */
export function takesPlace(p: PlannedLesson<unknown>): boolean {
  return p.status === 'regular' || p.status === 'substitution' || p.status === 'moved-in';
}

/**
 * Every date from `from` to `to` planned with its timetable, changes and held lessons. A course
 * without a calendar has no study days. A substitution or room change on a day the course does not
 * study changes nothing (there is no lesson to change); a move is explicit and keeps its new date.
 */
export function planRange<L extends HeldLessonInput>(
  from: string,
  to: string,
  entries: readonly TimetableSlotInput[],
  changes: readonly ChangeInput[],
  lessons: readonly L[],
  calendarOf: (courseId: number) => CourseCalendar | undefined,
): DatedPlannedLesson<L>[] {
  const studies = (courseId: number, date: string) => {
    const calendar = calendarOf(courseId);
    return !!calendar && isStudyDay(calendar, date);
  };
  const byWeekday = groupBy(entries, (e) => String(e.weekday));
  const changesOn = new Map<string, ChangeInput[]>();
  for (const c of changes) {
    if ((c.kind === 'SUBSTITUTION' || c.kind === 'ROOM') && !studies(c.courseId, c.date)) continue;
    for (const date of new Set([c.date, ...(c.kind === 'MOVED' && c.newDate ? [c.newDate] : [])])) {
      changesOn.set(date, [...(changesOn.get(date) ?? []), c]);
    }
  }
  const lessonsOn = groupBy(lessons, (l) => l.date);

  const planned: DatedPlannedLesson<L>[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const dayEntries = (byWeekday.get(String(isoWeekday(date))) ?? []).filter((e) => studies(e.courseId, date));
    for (const p of planDay(date, dayEntries, changesOn.get(date) ?? [], lessonsOn.get(date) ?? [])) planned.push({ ...p, date });
  }
  return planned;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
