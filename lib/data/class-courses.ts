// The courses a class's own reports (the class overview, the summary sheet) cover: the class's
// courses, its subgroups' courses, and the courses of cross-class groups (a stream, a classless
// individual plan) with at least one pupil of the class among their members in the period.
//
// Not an access rule. A caller first gates the class (readableClasses, reportableClasses) and then
// reads only the class's own pupils' rows of these courses: a stream's other pupils belong to other
// classes. readableCourses stays as it is — leading a class does not open a stream's journal.
// A pupil who moved between two classes of a stream counts in each class for their days in it.
import 'server-only';
import type { Prisma, PrismaClient } from '../prisma-client';
import { enrolledBetween as enrolledBetweenDates } from './enrolled';

/** Enrollments in the class on at least one day of [from, to]. */
export function enrolledBetween(classId: number, from: Date, to: Date): Prisma.EnrollmentWhereInput {
  return { classId, ...enrolledBetweenDates(from, to) };
}

/** Courses of the class, its groups, and the cross-class groups the class's pupils of [from, to] are in. */
export function classCourses(classId: number, from: Date, to: Date): Prisma.CourseWhereInput {
  return {
    OR: [
      { classId },
      { group: { classId } },
      { group: { classId: null, members: { some: { student: { enrollments: { some: enrolledBetween(classId, from, to) } } } } } },
    ],
  };
}

/** A course of a group with no class (a stream, a classless individual plan), taught across classes. */
export function isCrossClass(c: { classId: number | null; group: { classId: number | null } | null }): boolean {
  return c.classId === null && c.group !== null && c.group.classId === null;
}

/**
 * The class each pupil was in last during [from, to] (a pupil's enrollments never overlap). A
 * cross-class course's final mark of a period is one per pupil: it goes in that class's reports,
 * as an ordinary course's final mark stands in the class whose course gave it (at the period's
 * end, in the class the pupil is in then). Their marks and absences go where they were made.
 * Called with the pupils a gated query returned; the class ids are compared, never shown.
 */
export async function lastClassBetween(db: PrismaClient, schoolId: number, studentIds: readonly number[], from: Date, to: Date): Promise<Map<number, number>> {
  if (!studentIds.length) return new Map();
  const rows = await db.enrollment.findMany({
    where: { schoolId, studentId: { in: [...studentIds] }, ...enrolledBetweenDates(from, to) },
    orderBy: { startDate: 'asc' },
    select: { studentId: true, classId: true },
  });
  return new Map(rows.map((r) => [r.studentId, r.classId]));
}
