// The courses a class's own reports (the class overview, the summary sheet) cover: the class's
// courses, its subgroups' courses, and the courses of cross-class groups (a stream, a classless
// individual plan) with at least one pupil of the class among their members in the period.
//
// Not an access rule. A caller first gates the class (readableClasses, reportableClasses) and then
// reads only the class's own pupils' rows of these courses: a stream's other pupils belong to other
// classes. readableCourses stays as it is — leading a class does not open a stream's journal.
import 'server-only';
import type { Prisma } from '../prisma-client';

/** Enrollments in the class on at least one day of [from, to]. */
export function enrolledBetween(classId: number, from: Date, to: Date): Prisma.EnrollmentWhereInput {
  return { classId, startDate: { lte: to }, OR: [{ endDate: null }, { endDate: { gte: from } }] };
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
