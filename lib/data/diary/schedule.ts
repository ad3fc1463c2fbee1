// The pupil's timetable as it stands, its changes in the next two weeks, the schedule of tests of
// the current term (график контрольных работ) and the year's holidays (seed 000 §2).
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { addDays, isoWeekday } from '../../domain/calendar';
import { compareRu, LESSON_KIND_LABELS, TEST_LESSON_KINDS, shortPersonName, type LessonKindName } from '../../domain/diary-format';
import { timetableAppliesOn, type ChangeKindName } from '../../domain/diary-day';
import { toSchoolDate } from '../../domain/timezone';
import { dbDate, isoDate } from '../dates';
import { enrollmentOn, loadDiaryStudent, readableOn, studentCourses, takesCourseOn } from './context';
import { holidaysForGrade, periodsOfEnrollment, termFor, type DiaryHoliday, type DiaryPeriod } from './calendar';

/** How far ahead the list of timetable changes looks. */
export const CHANGES_AHEAD_DAYS = 14;

export type ScheduleSlot = { slot: number; time: { start: string; end: string } | null; courseId: number; subject: string; group: string | null; teacher: string | null; room: string | null };

export type DiarySchedule = {
  today: string;
  /** Weekdays 1..n with their lessons in slot order. */
  timetable: { weekday: number; lessons: ScheduleSlot[] }[];
  changes: { date: string; slot: number; subject: string; kind: ChangeKindName; substitute: string | null; newDate: string | null; newSlot: number | null; room: string | null; reason: string | null }[];
  term: DiaryPeriod | null;
  /**
   * Tests where they take place: one moved to another day is listed on that day (`movedFrom`: the
   * day it was announced for), a cancelled one says so. A test held after all (marks or absences
   * entered) stays where it was held.
   */
  tests: { lessonId: number; date: string; slot: number; subject: string; kindLabel: string; topic: string | null; past: boolean; movedFrom: string | null; cancelled: boolean }[];
  holidays: DiaryHoliday[];
};

export async function diarySchedule(actor: Actor, studentId: number, now = new Date()): Promise<DiarySchedule | null> {
  const student = await loadDiaryStudent(actor, studentId);
  if (!student) return null;
  const { periods, holidays, bells, courses } = student;
  const today = toSchoolDate(now, student.school.timezone);
  // The coming two weeks and the term's tests: none of a former class teacher's business once the
  // pupil has left their class (readableUntil, context.ts).
  if (!readableOn(student, today)) return null;
  const enrollment = enrollmentOn(student, today);
  const term = termFor(periodsOfEnrollment(periods, enrollment), [today], today);
  const until = addDays(today, CHANGES_AHEAD_DAYS - 1);
  const db = getDb();
  const course = studentCourses(actor, studentId);

  const [entries, changes, tests, termChanges] = await Promise.all([
    db.timetableEntry.findMany({
      where: { schoolId: actor.schoolId, course, validFrom: { lte: dbDate(until) }, OR: [{ validTo: null }, { validTo: { gte: dbDate(today) } }] },
      select: { courseId: true, weekday: true, slot: true, room: true, validFrom: true, validTo: true },
    }),
    db.timetableChange.findMany({
      // A lesson moved into the two weeks from an earlier date is a change in them too.
      where: {
        schoolId: actor.schoolId, course,
        OR: [{ date: { gte: dbDate(today), lte: dbDate(until) } }, { newDate: { gte: dbDate(today), lte: dbDate(until) } }],
      },
      select: { courseId: true, date: true, slot: true, kind: true, newDate: true, newSlot: true, room: true, reason: true, substituteTeacher: { select: { lastName: true, firstName: true, middleName: true } } },
      orderBy: [{ date: 'asc' }, { slot: 'asc' }],
    }),
    term
      ? db.lesson.findMany({
          where: {
            schoolId: actor.schoolId, course, date: { gte: dbDate(term.startDate), lte: dbDate(term.endDate) },
            OR: [{ plannedTest: true }, { lessonKind: { in: [...TEST_LESSON_KINDS] } }],
          },
          select: { id: true, courseId: true, date: true, slot: true, lessonKind: true, topic: true, topicEnteredAt: true, attendanceEnteredAt: true, _count: { select: { marks: true, attendance: true } } },
          orderBy: [{ date: 'asc' }, { slot: 'asc' }],
        })
      : Promise.resolve([]),
    // The term's cancellations and moves, for the tests announced on those days and slots.
    term
      ? db.timetableChange.findMany({
          where: { schoolId: actor.schoolId, course, kind: { in: ['CANCELLED', 'MOVED'] }, date: { gte: dbDate(term.startDate), lte: dbDate(term.endDate) } },
          select: { courseId: true, date: true, slot: true, kind: true, newDate: true, newSlot: true },
          orderBy: { createdAt: 'asc' },
        })
      : Promise.resolve([]),
  ]);

  // The timetable of a representative week: each weekday's rows valid on its next occurrence.
  const days = Math.max(5, ...entries.map((e) => e.weekday).filter((d) => d <= student.school.schoolDaysPerWeek));
  const timetable = Array.from({ length: days }, (_, i) => {
    const weekday = i + 1;
    const date = addDays(today, (weekday - isoWeekday(today) + 7) % 7);
    const lessons = entries
      .map((e) => ({ ...e, validFrom: isoDate(e.validFrom), validTo: e.validTo ? isoDate(e.validTo) : null }))
      .filter((e) => timetableAppliesOn(e, date) && takesCourseOn(student, e.courseId, date))
      .map((e): ScheduleSlot => {
        const c = courses.get(e.courseId)!;
        return { slot: e.slot, time: bells.get(e.slot) ?? null, courseId: c.id, subject: c.subject, group: c.group, teacher: c.teachers[0]?.name ?? null, room: e.room };
      })
      .sort((a, b) => a.slot - b.slot || compareRu(a.subject, b.subject));
    return { weekday, lessons };
  });

  const subject = (courseId: number) => courses.get(courseId)?.subject ?? 'Предмет';
  // Courses of every class the pupil was ever in are read; a class's changes and tests count only
  // on days the pupil was in that class (after a move from 7А to 7Б, 7А's are not theirs).
  const attends = (courseId: number, date: Date) => takesCourseOn(student, courseId, isoDate(date));
  const ownChanges = changes.filter((c) => attends(c.courseId, c.date) || (c.newDate !== null && attends(c.courseId, c.newDate)));
  const ownTests = tests.filter((l) => attends(l.courseId, l.date));
  return {
    today,
    timetable,
    changes: ownChanges.map((c) => ({
      date: isoDate(c.date), slot: c.slot, subject: subject(c.courseId), kind: c.kind,
      substitute: c.substituteTeacher ? shortPersonName(c.substituteTeacher) : null,
      newDate: c.newDate ? isoDate(c.newDate) : null, newSlot: c.newSlot, room: c.room, reason: c.reason,
    })),
    term,
    tests: ownTests
      .map((l) => {
        const announced = isoDate(l.date);
        // As the week view decides (week-rows.ts): marks, absences, or a topic written from the lesson's day on.
        const held = l.attendanceEnteredAt !== null || l._count.marks > 0 || l._count.attendance > 0
          || (l.topicEnteredAt !== null && toSchoolDate(l.topicEnteredAt, student.school.timezone) >= announced);
        // The latest change of the test's day and slot, as the week view applies them.
        const change = held ? undefined : termChanges.findLast((c) => c.courseId === l.courseId && c.slot === l.slot && isoDate(c.date) === announced);
        const moved = change?.kind === 'MOVED' && change.newDate ? { date: isoDate(change.newDate), slot: change.newSlot ?? l.slot } : null;
        const date = moved?.date ?? announced;
        return {
          lessonId: l.id, date, slot: moved?.slot ?? l.slot, subject: subject(l.courseId),
          kindLabel: LESSON_KIND_LABELS[l.lessonKind as LessonKindName], topic: l.topic, past: date < today,
          movedFrom: moved ? announced : null, cancelled: change?.kind === 'CANCELLED',
        };
      })
      .sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot),
    holidays: holidaysForGrade(holidays, enrollment?.gradeLevel).filter((h) => !enrollment || h.academicYearId === enrollment.academicYearId),
  };
}
