// The regular weekly timetable (расписание уроков): who is in a weekday's slot from a date on. A
// new row runs from its first day to the end of its year, so it clashes with every row of the same
// weekday and slot valid on some day of that span (one starting later included); the span ends
// with the year, so next year's rows, entered in spring, do not clash with this year's. Whose rows
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
/** The days a new row runs: from its first day to the last day of its academic year. */
export type Span = { from: string; to: string };

/** Rows of the weekday's slot valid on some day of `span`, in a year not over by its start. */
function rowsIn(schoolId: number, weekday: number, slot: number, span: Span, courses: Prisma.CourseWhereInput): Prisma.TimetableEntryWhereInput {
  const date = dbDate(span.from);
  return {
    schoolId, weekday, slot,
    validFrom: { lte: dbDate(span.to) },
    OR: [{ validTo: null }, { validTo: { gte: date } }],
    academicYear: { endDate: { gte: date } },
    course: { AND: [{ schoolId }, courses] },
  };
}

/** The title of a course of `courses` with a row in the slot during `span`, or null. */
export async function regularOccupant(tx: Tx, schoolId: number, weekday: number, slot: number, span: Span, courses: Prisma.CourseWhereInput): Promise<string | null> {
  const row = await tx.timetableEntry.findFirst({ where: rowsIn(schoolId, weekday, slot, span, courses), select: { course: { select: courseTitleSelect } }, orderBy: { id: 'asc' } });
  return row ? courseTitle(row.course) : null;
}

/** What else the teacher teaches in the slot during `span` by the regular timetable, or null. */
export function regularTeacherBusy(tx: Tx, schoolId: number, teacherId: number, weekday: number, slot: number, span: Span, exceptCourseId: number): Promise<string | null> {
  return regularOccupant(tx, schoolId, weekday, slot, span, { id: { not: exceptCourseId }, teachers: { some: { teacherId } } });
}

export type DayOccupant = { date: string; title: string };

/**
 * The first lesson on a date of `span`, on the weekday in the slot, that is there by a one-day
 * fact: moved there (timetable/changes.ts) or opened there in the journal, of `courses`; and, with
 * `teacherId`, substituted there by that teacher. Null when there is none.
 */
export async function oneDayOccupant(tx: Tx, schoolId: number, weekday: number, slot: number, span: Span, courses: Prisma.CourseWhereInput, teacherId?: number): Promise<DayOccupant | null> {
  const within = { gte: dbDate(span.from), lte: dbDate(span.to) };
  const course = { AND: [{ schoolId }, courses] };
  const [moved, opened, substituted] = await Promise.all([
    tx.timetableChange.findMany({ where: { schoolId, kind: 'MOVED', newDate: within, newSlot: slot, course }, select: { newDate: true, course: { select: courseTitleSelect } } }),
    tx.lesson.findMany({ where: { schoolId, date: within, slot, course }, select: { date: true, course: { select: courseTitleSelect } } }),
    teacherId
      ? tx.timetableChange.findMany({ where: { schoolId, kind: 'SUBSTITUTION', substituteTeacherId: teacherId, date: within, slot }, select: { date: true, course: { select: courseTitleSelect } } })
      : Promise.resolve([]),
  ]);
  const found = [...moved.map((m) => ({ date: m.newDate!, course: m.course })), ...opened, ...substituted]
    .map((r) => ({ date: isoDate(r.date), title: courseTitle(r.course) }))
    .filter((r) => isoWeekday(r.date) === weekday)
    .sort((a, b) => a.date.localeCompare(b.date));
  return found[0] ?? null;
}
