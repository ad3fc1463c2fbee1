// The regular weekly timetable (расписание уроков): who is in a weekday's slot from a date on. A
// new row runs from its first day to the end of its year, so it clashes with every row of the same
// weekday and slot still valid on or after that day (one starting later included). Whose rows
// clash is the rule of the one-day changes: pupils in common (slots.ts sharingPupils), or a
// teacher of both courses.
import 'server-only';
import type { Prisma } from '../../prisma-client';
import { dbDate } from '../dates';
import { courseTitle, courseTitleSelect } from '../names';

type Tx = Prisma.TransactionClient;

/** Rows of the weekday's slot valid on some day from `iso` on, in a year not over by then. */
function rowsFrom(schoolId: number, weekday: number, slot: number, iso: string, courses: Prisma.CourseWhereInput): Prisma.TimetableEntryWhereInput {
  const date = dbDate(iso);
  return {
    schoolId, weekday, slot,
    OR: [{ validTo: null }, { validTo: { gte: date } }],
    academicYear: { endDate: { gte: date } },
    course: { AND: [{ schoolId }, courses] },
  };
}

/** The title of a course of `courses` with a row in the slot from `iso` on, or null. */
export async function regularOccupant(tx: Tx, schoolId: number, weekday: number, slot: number, iso: string, courses: Prisma.CourseWhereInput): Promise<string | null> {
  const row = await tx.timetableEntry.findFirst({ where: rowsFrom(schoolId, weekday, slot, iso, courses), select: { course: { select: courseTitleSelect } }, orderBy: { id: 'asc' } });
  return row ? courseTitle(row.course) : null;
}

/** What else the teacher teaches in the slot from `iso` on by the regular timetable, or null. */
export function regularTeacherBusy(tx: Tx, schoolId: number, teacherId: number, weekday: number, slot: number, iso: string, exceptCourseId: number): Promise<string | null> {
  return regularOccupant(tx, schoolId, weekday, slot, iso, { id: { not: exceptCourseId }, teachers: { some: { teacherId } } });
}
