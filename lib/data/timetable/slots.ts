// What occupies a slot of a day: the timetable rows valid that day in the year the day belongs to
// (an earlier year's rows left open-ended count no more, nor rows on a holiday of their grade), less those cancelled or moved away;
// lessons moved into the slot; lesson rows opened in it. The timetable-change form asks this: is
// the class free in the slot a lesson is moved to, and is a teacher (the substitute, or the moved
// lesson's own) free in a slot.
import 'server-only';
import type { Prisma, PrismaClient } from '../../prisma-client';
import { holidayCoversGrade, isoWeekday } from '../../domain/calendar';
import { schoolBellsWhere } from '../bells';
import { courseTitle, courseTitleSelect } from '../names';
import { dbDate } from '../dates';
import { classCourses } from '../class-courses';
import { enrolledOn } from '../enrolled';

type Db = PrismaClient | Prisma.TransactionClient;

export type Occupant = { courseId: number; title: string };

/** `courses` limits the search (a class's courses, a teacher's); `skipCourses` are not counted (handed to a substitute). */
export async function slotOccupants(db: Db, schoolId: number, iso: string, slot: number, courses: Prisma.CourseWhereInput, skipCourses: readonly number[] = []): Promise<Occupant[]> {
  const date = dbDate(iso);
  const course = { AND: [{ schoolId }, courses] };
  const [entries, away, movedIn, lessons, holidays] = await Promise.all([
    db.timetableEntry.findMany({
      where: { schoolId, weekday: isoWeekday(iso), slot, validFrom: { lte: date }, OR: [{ validTo: null }, { validTo: { gte: date } }], academicYear: { startDate: { lte: date }, endDate: { gte: date } }, course },
      select: { courseId: true, course: { select: { ...courseTitleSelect, academicYearId: true } } },
    }),
    db.timetableChange.findMany({ where: { schoolId, date, slot, kind: { in: ['CANCELLED', 'MOVED'] }, course }, select: { courseId: true } }),
    db.timetableChange.findMany({ where: { schoolId, kind: 'MOVED', newDate: date, newSlot: slot, course }, select: { courseId: true, course: { select: courseTitleSelect } } }),
    db.lesson.findMany({ where: { schoolId, date, slot, course }, select: { courseId: true, course: { select: courseTitleSelect } } }),
    db.holiday.findMany({ where: { schoolId, startDate: { lte: date }, endDate: { gte: date } }, select: { academicYearId: true, gradeLevels: true } }),
  ]);
  const gone = new Set([...away.map((c) => c.courseId), ...skipCourses]);
  // A timetable row does not hold on a holiday of its class's grade (holiday-day.ts's rule): during
  // first-graders' February holidays their teacher is free to substitute.
  const onHoliday = (c: { academicYearId: number; schoolClass: { gradeLevel: number } | null; group: { schoolClass: { gradeLevel: number } | null } | null }) => {
    const grade = c.schoolClass?.gradeLevel ?? c.group?.schoolClass?.gradeLevel ?? null;
    return holidays.some((h) => h.academicYearId === c.academicYearId && holidayCoversGrade(h, grade));
  };
  const found = new Map<number, Occupant>();
  for (const e of entries) if (!gone.has(e.courseId) && !onHoliday(e.course)) found.set(e.courseId, { courseId: e.courseId, title: courseTitle(e.course) });
  // A lesson moved in and then cancelled or moved on from here is gone too.
  for (const r of movedIn) if (!gone.has(r.courseId)) found.set(r.courseId, { courseId: r.courseId, title: courseTitle(r.course) });
  for (const r of lessons) if (!skipCourses.includes(r.courseId)) found.set(r.courseId, { courseId: r.courseId, title: courseTitle(r.course) });
  return [...found.values()];
}

type PupilsOf = { classId: number | null; groupId: number | null; group: { classId: number | null } | null };

/**
 * The courses whose lessons cannot share a slot with this course's on the date: those with a
 * pupil in common. A class's course: the class's, its groups' and the streams its pupils are in
 * (class-courses.ts). A group's course: its own group's, its class's whole-class courses (a
 * stream's: those of its members' classes) and other groups with one of its members — not the
 * other group of a split class, which the timetable puts side by side. The one rule for moving a
 * lesson into a slot and for putting it back (timetable/changes.ts).
 */
export function sharingPupils(course: PupilsOf, iso: string): Prisma.CourseWhereInput {
  const date = dbDate(iso);
  if (course.classId) return classCourses(course.classId, date, date);
  const groupId = course.groupId ?? -1;
  const member: Prisma.UserWhereInput = { groupMemberships: { some: { groupId } } };
  const classId = course.group?.classId ?? null;
  return {
    OR: [
      { groupId },
      ...(classId ? [{ classId }] : []),
      { schoolClass: { enrollments: { some: { ...enrolledOn(date), student: member } } } },
      { group: { members: { some: { student: member } } } },
    ],
  };
}

/**
 * What the teacher already teaches in the slot, or null: their courses' lessons less those handed
 * to someone else (on the timetable page or in the lesson form), and the lessons they substitute
 * (recorded on the timetable page, or set in the lesson form: the lesson row is theirs).
 * `exceptCourseId`: the lesson being changed, which does not keep its own teacher busy.
 */
export async function teacherBusyWith(db: Db, schoolId: number, teacherId: number, iso: string, slot: number, exceptCourseId: number): Promise<string | null> {
  const date = dbDate(iso);
  const own: Prisma.CourseWhereInput = { teachers: { some: { teacherId } } };
  const others = { courseId: { not: exceptCourseId } };
  const [handedOnPage, handedInForm, substitutes, lessonsTaken] = await Promise.all([
    db.timetableChange.findMany({ where: { schoolId, date, slot, kind: 'SUBSTITUTION', substituteTeacherId: { not: teacherId }, course: own }, select: { courseId: true } }),
    db.lesson.findMany({ where: { schoolId, date, slot, isSubstitution: true, teacherId: { not: teacherId }, course: own }, select: { courseId: true } }),
    db.timetableChange.findMany({ where: { schoolId, date, slot, kind: 'SUBSTITUTION', substituteTeacherId: teacherId, ...others }, select: { course: { select: courseTitleSelect } } }),
    db.lesson.findMany({ where: { schoolId, date, slot, teacherId, ...others }, select: { course: { select: courseTitleSelect } } }),
  ]);
  const handed = [...handedOnPage, ...handedInForm].map((c) => c.courseId);
  const taught = await slotOccupants(db, schoolId, iso, slot, own, [...handed, exceptCourseId]);
  const busy = taught[0]?.title ?? [...substitutes, ...lessonsTaken].map((r) => courseTitle(r.course))[0];
  return busy ?? null;
}

/** The slot is one of the school's bell slots (bells.ts). */
export async function bellSlotExists(db: Db, schoolId: number, slot: number): Promise<boolean> {
  return (await db.bellSlot.count({ where: { ...schoolBellsWhere(schoolId), slot } })) > 0;
}

/** Marks or attendance recorded: the lesson took place. */
export const heldSelect = { attendanceEnteredAt: true, _count: { select: { marks: true, attendance: true } } } as const;
export const wasHeld = (l: { attendanceEnteredAt: Date | null; _count: { marks: number; attendance: number } }) =>
  l.attendanceEnteredAt !== null || l._count.marks > 0 || l._count.attendance > 0;
