// The teacher's home: today's lessons as the diary plans them (the timetable with the day's
// changes, on the courses' study days: journal/planned-lessons.ts), their courses, and what is
// overdue by the regulations' deadlines (lib/data/journal/deadlines.ts). A lesson cancelled or
// moved away stays listed, so marked: the teacher learns of it here.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { addDays, formatDateRu } from '../domain/calendar';
import type { DiaryLessonStatus } from '../domain/diary-day';
import { toSchoolDate } from '../domain/timezone';
import { dbDate } from './dates';
import { courseTitle, courseTitleSelect } from './names';
import { readableCourses } from './scope';
import { currentClasses } from './class-list';
import { overdueItems } from './journal/deadlines';
import { plannedSlots } from './journal/planned-lessons';

/** How far back the home page looks for overdue entries. */
const OVERDUE_DAYS = 30;

/** The kind of change shown next to a lesson; null: as in the timetable. */
export type TodayChange = 'SUBSTITUTION' | 'MOVED' | 'CANCELLED' | 'ROOM' | null;

export type TodayLesson = {
  courseId: number;
  title: string;
  slot: number;
  room: string | null;
  /** As the diary plans the day (lib/domain/diary-day.ts planDay). */
  status: DiaryLessonStatus;
  change: TodayChange;
  /** What the teacher reads next to the change: who teaches it, where it went or came from, why. */
  note: string | null;
  lessonId: number | null;
  /** The teacher gives this lesson today and has not opened it yet. */
  canOpen: boolean;
};

const SUBSTITUTED = 'Урок ведёт замещающий учитель';
const place = (p: { date: string; slot: number }) => `${formatDateRu(p.date)}, ${p.slot}-й урок`;

export async function teacherHome(actor: Actor, now = new Date()) {
  const db = getDb();
  const school = await db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { timezone: true, name: true, homeworkGraceMinutes: true, markEntryDays: true } });
  const today = toSchoolDate(now, school.timezone);
  const date = dbDate(today);
  const own = { schoolId: actor.schoolId, teachers: { some: { teacherId: actor.id } } };

  const [courses, planned] = await Promise.all([
    // This year's courses: earlier years' journals stay readable but are not today's work.
    db.course.findMany({ where: { AND: [readableCourses(actor), own, { academicYearId: { in: [...actor.currentYears] } }] }, select: { id: true, ...courseTitleSelect }, orderBy: { id: 'asc' } }),
    // Today planned as the diary plans it: the teacher's courses, and those they substitute today
    // (recorded on the timetable page, or set in the lesson form: the lesson row is theirs).
    plannedSlots(actor.schoolId, {
      OR: [
        { teachers: { some: { teacherId: actor.id } } },
        { changes: { some: { date, kind: 'SUBSTITUTION', substituteTeacherId: actor.id } } },
        { lessons: { some: { date, teacherId: actor.id } } },
      ],
    }, today, today),
  ]);

  const day: TodayLesson[] = planned.flatMap((p) => {
    const mine = p.courseTeachers.some((t) => t.id === actor.id);
    const row = p.lesson;
    const substitute = p.status === 'substitution' ? p.substituteTeacher?.id : undefined;
    // An opened lesson row says who keeps it (the lesson form may have set or removed a
    // substitute since); before that, the substitution recorded on the timetable page.
    const handedOver = mine && (row ? row.isSubstitution && row.teacherId !== actor.id : substitute !== undefined && substitute !== actor.id);
    const substitutes = !mine && (row ? row.teacherId === actor.id : substitute === actor.id);
    if (!mine && !substitutes) return [];
    const takesPlace = p.status !== 'cancelled' && p.status !== 'moved-away';
    const change: TodayChange = handedOver || substitutes ? 'SUBSTITUTION'
      : p.status === 'cancelled' ? 'CANCELLED'
      : p.status === 'moved-away' || p.status === 'moved-in' ? 'MOVED'
      : p.roomChanged ? 'ROOM' : null;
    const why = [
      handedOver ? SUBSTITUTED : substitutes ? 'Вы замещаете' : null,
      // After the «Перенесён» label: «Перенесён: с 14.09.2026, 1-й урок».
      p.movedFrom ? `с ${place(p.movedFrom)}` : null,
      p.movedTo ? `на ${place(p.movedTo)}` : null,
      p.reason,
    ].filter(Boolean).join('; ');
    return [{
      courseId: p.courseId, title: p.courseTitle, slot: p.slot, room: p.room, status: p.status, change,
      note: why || null,
      lessonId: takesPlace ? (row?.id ?? null) : null,
      canOpen: takesPlace && !row && !handedOver,
    }];
  });
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
