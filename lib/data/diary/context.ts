// The pupil whose diary is open, as the actor may see them. Access is decided by one query that
// applies readableDiaries(actor) (its SQL twin, scope-sql.ts): an id of somebody else's child matches
// nothing, and every diary function returns null. The pupil's context is read alongside it and
// discarded unless the gate admits the pupil; everything after runs with the admitted id.
import 'server-only';
import { cache } from 'react';
import type { Actor } from '../../auth/actor';
import type { Prisma } from '../../prisma-client';
import type { RoundingPolicy } from '../../domain/rounding';
import { readRoundingPolicy } from '../../domain/journal-grid';
import { clockTime } from '../../domain/bell-times';
import { compareRu, groupLabel, politePersonName, shortPersonName } from '../../domain/diary-format';
import { className } from '../names';
import { readableDiaries } from '../scope';
import { readableDiaryPupil } from '../scope-sql';
import type { BellTimes, DiaryHoliday, DiaryPeriod } from './calendar';
import type { DiaryCourse } from './courses';
import { queryContext } from './context-sql';

/** The pupil `studentId`, only if the actor may read them. */
export function ownStudent(actor: Actor, studentId: number): Prisma.UserWhereInput {
  return { AND: [{ id: studentId }, readableDiaries(actor)] };
}

/** Courses the pupil attends (their classes' courses and their groups'), scoped like ownStudent. */
export function studentCourses(actor: Actor, studentId: number): Prisma.CourseWhereInput {
  const student = ownStudent(actor, studentId);
  return {
    schoolId: actor.schoolId,
    OR: [{ schoolClass: { enrollments: { some: { student } } } }, { group: { members: { some: { student } } } }],
  };
}

export type DiaryEnrollment = {
  classId: number;
  className: string;
  gradeLevel: number;
  academicYearId: number;
  periodSchemeId: number;
  /** `name` «Петрова А. И.», `fullName` «Анна Ивановна Петрова». */
  classTeacher: { id: number; name: string; fullName: string } | null;
  startDate: string;
  endDate: string | null;
};

export type DiaryStudent = {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /**
   * The last day of the diary the actor may read, null for all of it: a former class teacher's
   * reads end on the pupil's last day in their class (readableDiaries' `on`, scope.ts). Every
   * page of the diary keeps to it (readableOn, lastReadableDay).
   */
  readableUntil: string | null;
  /** `resultVisibilityHours`: how long after publication families see final and exam results. */
  school: { id: number; name: string; timezone: string; policy: RoundingPolicy; schoolDaysPerWeek: number; resultVisibilityHours: number };
  /** Oldest first. */
  enrollments: DiaryEnrollment[];
  groups: { id: number; name: string; classId: number | null }[];
  /** Whether opening this diary counts as a family's check (seed 003 §8). */
  visitor: 'guardian' | 'self' | null;
  /** Terms of every scheme the pupil's classes use, and the years, by start date. */
  periods: DiaryPeriod[];
  holidays: DiaryHoliday[];
  bells: BellTimes;
  /** The pupil's courses (classes' and groups'), by subject name. */
  courses: Map<number, DiaryCourse>;
};

/** Cached for the request: the header, the visit and the page's data share the two queries. */
export const loadDiaryStudent = cache(async (actor: Actor, studentId: number): Promise<DiaryStudent | null> => {
  // Not an id at all (the URL's, the PDF route's query): no one's pupil, and no query.
  if (!Number.isSafeInteger(studentId) || studentId <= 0 || studentId > 2_147_483_647) return null;
  // Side by side to save a round trip on every diary page: the context (limited to the actor's
  // school) is thrown away unread unless the gate admits the pupil.
  const [pupil, row] = await Promise.all([readableDiaryPupil(actor, studentId), queryContext(actor.schoolId, studentId, actor.id)]);
  if (!pupil || !row) return null;
  const courses: DiaryCourse[] = row.courses.map((c) => ({
    id: c.id,
    academicYearId: c.academicYearId,
    subjectId: c.subjectId,
    subject: c.subject,
    group: groupLabel(c.subject, c.group),
    groupId: c.groupId,
    classId: c.classId,
    groupClassId: c.groupClassId,
    className: c.gradeLevel !== null && c.letter !== null ? className({ gradeLevel: c.gradeLevel, letter: c.letter }) : null,
    scale: c.scale,
    former: c.former,
    teachers: c.teachers
      .map((t) => ({ id: t.id, name: shortPersonName(t), fullName: politePersonName(t), primary: t.primary }))
      .sort((a, b) => Number(b.primary) - Number(a.primary) || compareRu(a.name, b.name)),
  }));
  courses.sort((a, b) => compareRu(a.subject, b.subject) || compareRu(a.group ?? '', b.group ?? '') || a.id - b.id);
  return {
    ...pupil,
    school: {
      id: row.school.id,
      name: row.school.name,
      timezone: row.school.timezone,
      policy: readRoundingPolicy(row.school.roundingPolicy),
      schoolDaysPerWeek: row.school.schoolDaysPerWeek,
      resultVisibilityHours: row.school.resultVisibilityHours,
    },
    enrollments: row.enrollments.map((e) => ({
      classId: e.classId,
      className: className(e),
      gradeLevel: e.gradeLevel,
      academicYearId: e.academicYearId,
      periodSchemeId: e.periodSchemeId,
      classTeacher: e.teacher ? { id: e.teacher.id, name: shortPersonName(e.teacher), fullName: politePersonName(e.teacher) } : null,
      startDate: e.startDate,
      endDate: e.endDate,
    })),
    groups: row.groups,
    visitor: row.guardian ? 'guardian' : pupil.id === actor.id ? 'self' : null,
    periods: row.periods,
    holidays: row.holidays,
    bells: new Map(row.bells.map((b) => [b.slot, { start: clockTime(b.startMinute), end: clockTime(b.endMinute) }])),
    courses: new Map(courses.map((c) => [c.id, c])),
  };
});

/** The enrollment on the date; otherwise the last one begun before it, otherwise the first. */
export function enrollmentOn(student: Pick<DiaryStudent, 'enrollments'>, date: string): DiaryEnrollment | null {
  const list = student.enrollments;
  const covering = list.find((e) => e.startDate <= date && (e.endDate === null || date <= e.endDate));
  if (covering) return covering;
  const before = list.filter((e) => e.startDate <= date);
  return before[before.length - 1] ?? list[0] ?? null;
}

/**
 * The class a week is shown under: the latest enrollment that overlaps the week. The week of
 * 1 September starts in August, when last year's enrollment still holds; choosing by its Monday
 * showed last year's class, and its terms made the first school days non-study days.
 */
export function enrollmentForWeek(student: Pick<DiaryStudent, 'enrollments'>, monday: string, sunday: string): DiaryEnrollment | null {
  // Enrollments come ordered by start date (context-sql.ts), so the last one is the latest.
  const overlapping = student.enrollments.filter((e) => e.startDate <= sunday && (e.endDate === null || monday <= e.endDate));
  return overlapping[overlapping.length - 1] ?? enrollmentOn(student, monday);
}

/** Whether the pupil's course `courseId` applies to them on the date (attendsOn by course id). */
export function takesCourseOn(student: Pick<DiaryStudent, 'enrollments' | 'courses'>, courseId: number, date: string): boolean {
  const course = student.courses.get(courseId);
  return !!course && attendsOn(student, course, date);
}

/** Whether a course of the class (or of a group of the class) applies to the pupil on the date. */
export function attendsOn(student: Pick<DiaryStudent, 'enrollments'>, course: { classId: number | null; groupClassId: number | null; former?: boolean }, date: string): boolean {
  // A group left is no longer theirs (memberships carry no dates): its timetable and lessons are not shown.
  if (course.former) return false;
  const classId = course.classId ?? course.groupClassId;
  // Streams and individual plans belong to no class: membership alone decides.
  if (classId === null) return true;
  return student.enrollments.some((e) => e.classId === classId && e.startDate <= date && (e.endDate === null || date <= e.endDate));
}

/** Whether the actor may read the pupil's diary of the date (DiaryStudent.readableUntil). */
export function readableOn(student: Pick<DiaryStudent, 'readableUntil'>, date: string): boolean {
  return student.readableUntil === null || date <= student.readableUntil;
}

/** `date`, or the last day the actor may read when that is earlier: «today» for a former class teacher. */
export function lastReadableDay(student: Pick<DiaryStudent, 'readableUntil'>, date: string): string {
  return readableOn(student, date) ? date : student.readableUntil!;
}

/** «Иванов Пётр» */
export function studentName(s: Pick<DiaryStudent, 'lastName' | 'firstName'>): string {
  return `${s.lastName} ${s.firstName}`;
}
