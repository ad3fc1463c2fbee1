// The teacher's home: today's lessons from the timetable with today's changes, their courses,
// and what is overdue by the regulations' deadlines (lib/data/journal/deadlines.ts).
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { addDays, isoWeekday } from '../domain/calendar';
import { toSchoolDate } from '../domain/timezone';
import { dbDate } from './dates';
import { courseTitle, courseTitleSelect } from './names';
import { readableCourses } from './scope';
import { currentClasses } from './class-list';
import { overdueItems } from './journal/deadlines';

/** How far back the home page looks for overdue entries. */
const OVERDUE_DAYS = 30;

export type TodayLesson = {
  courseId: number;
  title: string;
  slot: number;
  room: string | null;
  change: 'SUBSTITUTION' | 'MOVED' | 'CANCELLED' | 'ROOM' | null;
  note: string | null;
  lessonId: number | null;
};

export async function teacherHome(actor: Actor, now = new Date()) {
  const db = getDb();
  const school = await db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { timezone: true, name: true, homeworkGraceMinutes: true, markEntryDays: true } });
  const today = toSchoolDate(now, school.timezone);
  const weekday = isoWeekday(today);
  const date = dbDate(today);
  const own = { schoolId: actor.schoolId, teachers: { some: { teacherId: actor.id } } };

  const [courses, entries, changes, lessons] = await Promise.all([
    // This year's courses: earlier years' journals stay readable but are not today's work.
    db.course.findMany({ where: { AND: [readableCourses(actor), own, { academicYearId: { in: [...actor.currentYears] } }] }, select: { id: true, ...courseTitleSelect }, orderBy: { id: 'asc' } }),
    db.timetableEntry.findMany({
      where: { schoolId: actor.schoolId, weekday, validFrom: { lte: date }, OR: [{ validTo: null }, { validTo: { gte: date } }], course: own },
      select: { courseId: true, slot: true, room: true, course: { select: courseTitleSelect } },
    }),
    db.timetableChange.findMany({
      where: { schoolId: actor.schoolId, date, OR: [{ course: own }, { substituteTeacherId: actor.id }] },
      select: { courseId: true, slot: true, kind: true, substituteTeacherId: true, newDate: true, newSlot: true, room: true, reason: true, course: { select: courseTitleSelect } },
    }),
    db.lesson.findMany({ where: { schoolId: actor.schoolId, date, OR: [{ course: own }, { teacherId: actor.id }] }, select: { id: true, courseId: true, slot: true } }),
  ]);

  const lessonAt = (courseId: number, slot: number) => lessons.find((l) => l.courseId === courseId && l.slot === slot)?.id ?? null;
  const day: TodayLesson[] = entries.map((e) => {
    const change = changes.find((c) => c.courseId === e.courseId && c.slot === e.slot);
    const handedOver = change?.kind === 'SUBSTITUTION' && change.substituteTeacherId !== actor.id;
    return {
      courseId: e.courseId,
      title: courseTitle(e.course),
      slot: e.slot,
      room: change?.room ?? e.room,
      change: change?.kind ?? null,
      note: handedOver ? 'Урок ведёт замещающий учитель' : (change?.reason ?? null),
      lessonId: lessonAt(e.courseId, e.slot),
    };
  });
  for (const c of changes.filter((c) => c.kind === 'SUBSTITUTION' && c.substituteTeacherId === actor.id)) {
    day.push({ courseId: c.courseId, title: courseTitle(c.course), slot: c.slot, room: c.room, change: 'SUBSTITUTION', note: 'Вы замещаете', lessonId: lessonAt(c.courseId, c.slot) });
  }
  day.sort((a, b) => a.slot - b.slot);
  const overdue = actor.permissions.has('marks:write') ? ((await overdueItems(actor, { scope: 'mine', from: addDays(today, -OVERDUE_DAYS), to: today, now })) ?? []) : [];
  // Management reads every class, the class teacher their own; the overview links on to each
  // subject's journal. The current years, not today's: in the summer the year just ended is still
  // the one whose summary sheets are being made.
  const [classes, led] = await Promise.all([
    actor.permissions.has('journal:read:school') ? currentClasses(actor, 'readable') : [],
    currentClasses(actor, 'led'),
  ]);
  const deadlines = { homeworkGraceMinutes: school.homeworkGraceMinutes, markEntryDays: school.markEntryDays };
  return { today, schoolName: school.name, deadlines, lessons: day, courses: courses.map((c) => ({ id: c.id, title: courseTitle(c) })), overdue, classes, led };
}
