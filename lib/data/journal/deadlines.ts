// Late and missing journal entries by the regulations' deadlines (DOMAIN.md, seed 002 §3.4–3.6),
// for the teacher's home ('mine') and for management reports ('school'). Two sources: the lesson
// rows (what was opened, and when each entry was made), and the timetable of the range
// (planned-lessons.ts), whose lessons never opened in the journal have nothing entered at all.
// A fixed number of queries whatever the range: the school, lessons, bells, the planned lessons'
// two, and one aggregate of late marks.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { Prisma } from '../../prisma-client';
import { clockTime } from '../../domain/bell-times';
import { lessonDeadlineFlags, type DeadlineRule, type DeadlineSettings, type LessonEntries } from '../../domain/journal-deadlines';
import { toSchoolDate } from '../../domain/timezone';
import { schoolBells } from '../bells';
import { dbDate, isoDate } from '../dates';
import { courseTitle, courseTitleSelect } from '../names';
import { NOTHING, readableCourses, writableLessons } from '../scope';
import { plannedLessons, type PlannedJournalLesson } from './planned-lessons';

export type OverdueItem = {
  /** Null: the timetable planned the lesson and no one opened it in the journal. */
  lessonId: number | null;
  courseId: number;
  courseTitle: string;
  teacherId: number;
  teacherName: string;
  date: string;
  slot: number;
  rule: DeadlineRule;
  status: 'late' | 'missing';
  text: string;
};

/** One lesson's flags share a key: its id, or its course, date and slot while it has no row. */
export function overdueLessonKey(i: Pick<OverdueItem, 'lessonId' | 'courseId' | 'date' | 'slot'>): string {
  return i.lessonId === null ? `${i.courseId}:${i.date}:${i.slot}` : String(i.lessonId);
}

export type OverdueQuery = { scope: 'mine' | 'school'; from: string; to: string; now?: Date };

/** Management's report of the whole school's overdue entries (the 'school' scope). */
export function mayReadSchoolOverdue(actor: Actor): boolean {
  return actor.permissions.has('reports:read:school') || actor.permissions.has('journal:read:school');
}

type Scope = { lessons: Prisma.LessonWhereInput; courses: Prisma.CourseWhereInput };

/** Who sees what: null when the actor may not ask for that scope. */
function scopeOf(actor: Actor, q: OverdueQuery): Scope | null {
  const p = actor.permissions;
  if (q.scope === 'mine') {
    // The actor's courses (minus lessons handed to a substitute, decided per lesson below) and
    // the courses where they substitute in the range; like writableLessons, only for who writes marks.
    const substitutes = { schoolId: actor.schoolId, kind: 'SUBSTITUTION' as const, substituteTeacherId: actor.id, date: { gte: dbDate(q.from), lte: dbDate(q.to) } };
    const courses = p.has('marks:write')
      ? { schoolId: actor.schoolId, OR: [{ teachers: { some: { teacherId: actor.id } } }, { changes: { some: substitutes } }] }
      : NOTHING;
    return { lessons: { AND: [{ teacherId: actor.id }, writableLessons(actor)] }, courses };
  }
  if (p.has('reports:read:school')) return { lessons: { schoolId: actor.schoolId }, courses: { schoolId: actor.schoolId } };
  if (p.has('journal:read:school')) return { lessons: { schoolId: actor.schoolId, course: readableCourses(actor) }, courses: readableCourses(actor) };
  return null;
}

/** Null when the actor may not ask for that scope. Newest lessons first. */
export async function overdueItems(actor: Actor, q: OverdueQuery): Promise<OverdueItem[] | null> {
  const scope = scopeOf(actor, q);
  if (!scope) return null;
  const now = q.now ?? new Date();
  const db = getDb();
  const school = await db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { timezone: true, homeworkGraceMinutes: true, markEntryDays: true } });
  const today = toSchoolDate(now, school.timezone);
  const to = q.to < today ? q.to : today;

  const [lessons, bells, planned] = await Promise.all([
    db.lesson.findMany({
      where: { ...scope.lessons, date: { gte: dbDate(q.from), lte: dbDate(to) } },
      orderBy: [{ date: 'desc' }, { slot: 'asc' }],
      select: {
        id: true, courseId: true, date: true, slot: true, lessonKind: true, plannedTest: true, topic: true, createdAt: true, teacherId: true,
        topicEnteredAt: true, attendanceEnteredAt: true, noHomeworkAt: true,
        teacher: { select: { lastName: true, firstName: true } },
        course: { select: courseTitleSelect },
        homework: { where: { studentId: null }, orderBy: { createdAt: 'asc' }, take: 1, select: { createdAt: true } },
        _count: { select: { marks: true, attendance: true } },
      },
    }),
    schoolBells(db, actor.schoolId),
    plannedLessons(actor.schoolId, scope.courses, q.from, to),
  ]);
  // Today's lessons are still in time; they count only for the teacher's last lesson of the day.
  const unopened = unopenedOf(actor, q.scope, planned).filter((u) => u.date < today);
  if (!lessons.length && !unopened.length) return [];
  const late = lessons.length ? await lateMarkCounts(lessons.map((l) => l.id), school.markEntryDays, school.timezone) : new Map<number, number>();

  // The homework deadline counts from the end of the teacher's last lesson that day (all courses),
  // opened or not: a lesson the timetable still holds later that day moves the deadline too.
  const lastSlot = new Map<string, number>();
  const seeSlot = (teacherId: number, date: string, slot: number) => {
    const k = `${teacherId}:${date}`;
    lastSlot.set(k, Math.max(lastSlot.get(k) ?? 0, slot));
  };
  for (const l of lessons) seeSlot(l.teacherId, isoDate(l.date), l.slot);
  for (const p of planned) for (const t of p.teachers) seeSlot(t.id, p.date, p.slot);
  const endOf = new Map(bells.map((b) => [b.slot, b.endMinute]));
  const lastLessonEnd = (teacherId: number, date: string, slot: number) => {
    const end = endOf.get(lastSlot.get(`${teacherId}:${date}`) ?? slot);
    return end === undefined ? null : clockTime(end);
  };
  const settings: DeadlineSettings = { timeZone: school.timezone, homeworkGraceMinutes: school.homeworkGraceMinutes, markEntryDays: school.markEntryDays };

  const fromRows = lessons.map((l) => {
    const date = isoDate(l.date);
    return {
      base: { lessonId: l.id, courseId: l.courseId, courseTitle: courseTitle(l.course), teacherId: l.teacherId, teacherName: `${l.teacher.lastName} ${l.teacher.firstName}`, date, slot: l.slot },
      entries: {
        date,
        kind: l.lessonKind,
        plannedTest: l.plannedTest,
        // Rows imported without the timestamps count as entered when the lesson was created.
        topicEnteredAt: l.topicEnteredAt ?? (l.topic ? l.createdAt : null),
        attendanceEnteredAt: l.attendanceEnteredAt ?? (l._count.attendance ? l.createdAt : null),
        // An assignment or «не задано», whichever came first.
        homeworkEnteredAt: earliest(l.homework[0]?.createdAt ?? null, l.noHomeworkAt),
        teacherLastLessonEnd: lastLessonEnd(l.teacherId, date, l.slot),
        markCount: l._count.marks,
        lateMarkCount: late.get(l.id) ?? 0,
      } satisfies LessonEntries,
    };
  });
  // A lesson never opened has nothing entered: the same rules, with every entry missing.
  const fromTimetable = unopened.map((u) => ({
    base: { lessonId: null, courseId: u.courseId, courseTitle: u.courseTitle, teacherId: u.teacher.id, teacherName: u.teacher.name, date: u.date, slot: u.slot },
    entries: {
      date: u.date, kind: 'LESSON', plannedTest: false, topicEnteredAt: null, attendanceEnteredAt: null, homeworkEnteredAt: null,
      teacherLastLessonEnd: lastLessonEnd(u.teacher.id, u.date, u.slot), markCount: 0, lateMarkCount: 0,
    } satisfies LessonEntries,
  }));

  return [...fromRows, ...fromTimetable]
    .sort((a, b) => b.base.date.localeCompare(a.base.date) || a.base.slot - b.base.slot || a.base.courseId - b.base.courseId)
    .flatMap(({ base, entries }) => lessonDeadlineFlags(entries, settings, now).map((f) => ({ ...base, ...f })));
}

type Unopened = Omit<PlannedJournalLesson, 'teachers' | 'opened'> & { teacher: { id: number; name: string } };

/**
 * The planned lessons without a lesson row, each with the teacher it is flagged for: in 'mine'
 * the actor, if they keep its record (their course and not handed to a substitute, or their
 * substitution); in 'school' the substitute or the course's primary teacher.
 */
function unopenedOf(actor: Actor, scope: OverdueQuery['scope'], planned: readonly PlannedJournalLesson[]): Unopened[] {
  return planned.flatMap(({ opened, teachers, ...lesson }) => {
    if (opened) return [];
    const teacher = scope === 'mine' ? teachers.find((t) => t.id === actor.id) : teachers[0];
    return teacher ? [{ ...lesson, teacher }] : [];
  });
}

/** Marks created after the mark deadline: the end of (lesson date + markEntryDays) on the school's clock. */
async function lateMarkCounts(lessonIds: number[], markEntryDays: number, timeZone: string): Promise<Map<number, number>> {
  const rows = await getDb().$queryRaw<{ lessonId: number; late: number }[]>`
    SELECT m.lesson_id AS "lessonId", count(*)::int AS late
      FROM marks m JOIN lessons l ON l.id = m.lesson_id
     WHERE m.lesson_id = ANY(${lessonIds}::int[])
       AND m.created_at >= (((l.date + ${markEntryDays + 1}::int)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC')
     GROUP BY m.lesson_id`;
  return new Map(rows.map((r) => [r.lessonId, r.late]));
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() <= b.getTime() ? a : b;
}
