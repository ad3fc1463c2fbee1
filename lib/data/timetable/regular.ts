// The regular weekly timetable (расписание уроков): who is in a weekday's slot from a date on. A
// new row runs from its first day to the end of its year, so it clashes with every row of the same
// weekday and slot still valid on or after that day (one starting later included). Whose rows
// clash is the rule of the one-day changes: pupils in common (slots.ts sharingPupils), or a
// teacher of both courses. The one-day facts already recorded for a later date count too: a
// lesson moved into the slot, a journal lesson opened in it (a test announced in advance), a
// substitution given to the teacher (oneDayOccupant).
import 'server-only';
import type { Prisma } from '../../prisma-client';
import { isoWeekday } from '../../domain/calendar';
import { dbDate, isoDate } from '../dates';
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

export type DayOccupant = { date: string; title: string };

/**
 * The first lesson on a date from `iso` on, on the weekday in the slot, that is there by a one-day
 * fact: moved there (timetable/changes.ts) or opened there in the journal, of `courses`; and, with
 * `teacherId`, substituted there by that teacher. Null when there is none.
 */
export async function oneDayOccupant(tx: Tx, schoolId: number, weekday: number, slot: number, iso: string, courses: Prisma.CourseWhereInput, teacherId?: number): Promise<DayOccupant | null> {
  const from = dbDate(iso);
  const course = { AND: [{ schoolId }, courses] };
  const [moved, opened, substituted] = await Promise.all([
    tx.timetableChange.findMany({ where: { schoolId, kind: 'MOVED', newDate: { gte: from }, newSlot: slot, course }, select: { newDate: true, course: { select: courseTitleSelect } } }),
    tx.lesson.findMany({ where: { schoolId, date: { gte: from }, slot, course }, select: { date: true, course: { select: courseTitleSelect } } }),
    teacherId
      ? tx.timetableChange.findMany({ where: { schoolId, kind: 'SUBSTITUTION', substituteTeacherId: teacherId, date: { gte: from }, slot }, select: { date: true, course: { select: courseTitleSelect } } })
      : Promise.resolve([]),
  ]);
  const found = [...moved.map((m) => ({ date: m.newDate!, course: m.course })), ...opened, ...substituted]
    .map((r) => ({ date: isoDate(r.date), title: courseTitle(r.course) }))
    .filter((r) => isoWeekday(r.date) === weekday)
    .sort((a, b) => a.date.localeCompare(b.date));
  return found[0] ?? null;
}
