// Late and missing journal entries by the regulations' deadlines (DOMAIN.md, seed 002 §3.4–3.6),
// for the teacher's home ('mine') and for management reports ('school'). A fixed number of
// queries whatever the range: lessons, the school's bells, and one aggregate of late marks.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { lessonDeadlineFlags, minutesToClock, type DeadlineRule } from '../../domain/journal-deadlines';
import { toSchoolDate } from '../../domain/timezone';
import { dbDate, isoDate } from '../dates';
import { courseTitle, courseTitleSelect } from '../names';
import { readableCourses, writableLessons } from '../scope';

export type OverdueItem = {
  lessonId: number;
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

export type OverdueQuery = { scope: 'mine' | 'school'; from: string; to: string; now?: Date };

/** Null when the actor may not ask for that scope. Newest lessons first. */
export async function overdueItems(actor: Actor, q: OverdueQuery): Promise<OverdueItem[] | null> {
  const p = actor.permissions;
  const db = getDb();
  let scope;
  if (q.scope === 'mine') scope = { AND: [{ teacherId: actor.id }, writableLessons(actor)] };
  else if (p.has('reports:read:school')) scope = { schoolId: actor.schoolId };
  else if (p.has('journal:read:school')) scope = { schoolId: actor.schoolId, course: readableCourses(actor) };
  else return null;

  const now = q.now ?? new Date();
  const school = await db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { timezone: true, homeworkGraceMinutes: true, markEntryDays: true } });
  const today = toSchoolDate(now, school.timezone);
  const to = q.to < today ? q.to : today;
  const [lessons, bells] = await Promise.all([
    db.lesson.findMany({
      where: { ...scope, date: { gte: dbDate(q.from), lte: dbDate(to) } },
      orderBy: [{ date: 'desc' }, { slot: 'asc' }],
      select: {
        id: true, courseId: true, date: true, slot: true, lessonKind: true, topic: true, createdAt: true, teacherId: true,
        topicEnteredAt: true, attendanceEnteredAt: true,
        teacher: { select: { lastName: true, firstName: true } },
        course: { select: courseTitleSelect },
        homework: { where: { studentId: null }, orderBy: { createdAt: 'asc' }, take: 1, select: { createdAt: true } },
        _count: { select: { marks: true, attendance: true } },
      },
    }),
    db.bellSlot.findMany({ where: { schoolId: actor.schoolId, bellSchedule: { isDefault: true } }, select: { slot: true, endMinute: true } }),
  ]);
  if (!lessons.length) return [];
  const late = await lateMarkCounts(lessons.map((l) => l.id), school.markEntryDays, school.timezone);

  // The homework deadline counts from the end of the teacher's last lesson that day (all courses).
  const lastSlot = new Map<string, number>();
  for (const l of lessons) {
    const k = `${l.teacherId}:${isoDate(l.date)}`;
    lastSlot.set(k, Math.max(lastSlot.get(k) ?? 0, l.slot));
  }
  const endOf = new Map(bells.map((b) => [b.slot, b.endMinute]));
  const settings = { timeZone: school.timezone, homeworkGraceMinutes: school.homeworkGraceMinutes, markEntryDays: school.markEntryDays };

  return lessons.flatMap((l) => {
    const date = isoDate(l.date);
    const end = endOf.get(lastSlot.get(`${l.teacherId}:${date}`) ?? l.slot);
    const flags = lessonDeadlineFlags(
      {
        date,
        kind: l.lessonKind,
        // Rows imported without the timestamps count as entered when the lesson was created.
        topicEnteredAt: l.topicEnteredAt ?? (l.topic ? l.createdAt : null),
        attendanceEnteredAt: l.attendanceEnteredAt ?? (l._count.attendance ? l.createdAt : null),
        homeworkEnteredAt: l.homework[0]?.createdAt ?? null,
        teacherLastLessonEnd: end === undefined ? null : minutesToClock(end),
        markCount: l._count.marks,
        lateMarkCount: late.get(l.id) ?? 0,
      },
      settings,
      now,
    );
    const base = { lessonId: l.id, courseId: l.courseId, courseTitle: courseTitle(l.course), teacherId: l.teacherId, teacherName: `${l.teacher.lastName} ${l.teacher.firstName}`, date, slot: l.slot };
    return flags.map((f) => ({ ...base, ...f }));
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
