// Management's report of overdue journal entries (/journal/overdue): the school's overdue items
// of a date range (deadlines.ts), optionally of one teacher, grouped by teacher with counts.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { addDays, daysBetween, isIsoDate } from '../../domain/calendar';
import type { DeadlineRule } from '../../domain/journal-deadlines';
import { toSchoolDate } from '../../domain/timezone';
import { mayReadSchoolOverdue, overdueItems, overdueLessonKey, type OverdueItem } from './deadlines';

/** The default range: the last 30 days up to today, as on the teacher's home. */
export const DEFAULT_DAYS = 30;
/** Longer ranges are cut to the last year of them: the report plans every day of the range. */
export const MAX_DAYS = 366;

export type TeacherOverdue = {
  teacherId: number;
  teacherName: string;
  /** Lessons with at least one late or missing entry. */
  lessons: number;
  /** Of them, lessons never opened in the journal. */
  unopened: number;
  byRule: Record<DeadlineRule, number>;
  items: OverdueItem[];
};

export type OverdueReport = {
  from: string;
  to: string;
  /** The requested range was longer than MAX_DAYS and was cut. */
  shortened: boolean;
  teacherId: number | null;
  /** The school's teachers, for the filter. */
  teachers: { id: number; name: string }[];
  byTeacher: TeacherOverdue[];
  /** The school's own deadlines, for the page's explanation. */
  homeworkGraceMinutes: number;
  markEntryDays: number;
};

export type OverdueReportQuery = { from?: string; to?: string; teacherId?: number; now?: Date };

/** Null when the actor may not read the school's overdue entries. */
export async function overdueReport(actor: Actor, q: OverdueReportQuery): Promise<OverdueReport | null> {
  if (!mayReadSchoolOverdue(actor)) return null;
  const now = q.now ?? new Date();
  const db = getDb();
  const [school, teacherRows] = await Promise.all([
    db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { timezone: true, homeworkGraceMinutes: true, markEntryDays: true } }),
    db.user.findMany({
      where: { schoolId: actor.schoolId, active: true, roles: { some: { role: 'TEACHER' } } },
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
      select: { id: true, lastName: true, firstName: true },
    }),
  ]);
  const range = reportRange(q.from, q.to, toSchoolDate(now, school.timezone));
  const items = await overdueItems(actor, { scope: 'school', from: range.from, to: range.to, now });
  if (!items) return null;
  const teacherId = q.teacherId ?? null;
  return {
    ...range,
    teacherId,
    homeworkGraceMinutes: school.homeworkGraceMinutes,
    markEntryDays: school.markEntryDays,
    teachers: teacherRows.map((t) => ({ id: t.id, name: `${t.lastName} ${t.firstName}` })),
    byTeacher: byTeacher(teacherId === null ? items : items.filter((i) => i.teacherId === teacherId)),
  };
}

/**
 * The asked range, or the last DEFAULT_DAYS days up to today; reversed ends are swapped, the
 * future is dropped (nothing there is overdue yet), a long range keeps its last MAX_DAYS days.
 */
export function reportRange(from: string | undefined, to: string | undefined, today: string): { from: string; to: string; shortened: boolean } {
  let end = to && isIsoDate(to) ? to : today;
  let start = from && isIsoDate(from) ? from : addDays(end, -DEFAULT_DAYS);
  if (start > end) [start, end] = [end, start];
  if (end > today) end = today;
  if (start > end) start = end;
  const shortened = daysBetween(start, end) > MAX_DAYS;
  return { from: shortened ? addDays(end, -MAX_DAYS) : start, to: end, shortened };
}

/** Teachers with the most overdue lessons first; items keep their order (newest first). */
export function byTeacher(items: readonly OverdueItem[]): TeacherOverdue[] {
  const groups = new Map<number, TeacherOverdue & { keys: Set<string>; unopenedKeys: Set<string> }>();
  for (const i of items) {
    let g = groups.get(i.teacherId);
    if (!g) {
      g = { teacherId: i.teacherId, teacherName: i.teacherName, lessons: 0, unopened: 0, byRule: { topic: 0, attendance: 0, homework: 0, marks: 0 }, items: [], keys: new Set(), unopenedKeys: new Set() };
      groups.set(i.teacherId, g);
    }
    const key = overdueLessonKey(i);
    g.keys.add(key);
    if (i.lessonId === null) g.unopenedKeys.add(key);
    g.byRule[i.rule]++;
    g.items.push(i);
  }
  return [...groups.values()]
    .map(({ keys, unopenedKeys, ...g }) => ({ ...g, lessons: keys.size, unopened: unopenedKeys.size }))
    .sort((a, b) => b.lessons - a.lessons || a.teacherName.localeCompare(b.teacherName, 'ru'));
}
