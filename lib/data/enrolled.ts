// Which class a pupil is in, by the enrollment's dates: the one rule as Prisma `where` fragments.
// An open end (endDate null) does not mean "the class now": a pupil moved up to next year's class
// (promotion.ts) has this year's enrollment ending the day before next year's first and next year's, open,
// beginning on its first day, so until then the open one is the class they are not in yet.
// A pupil's enrollments never overlap (a database rule), so one enrollment covers any date.
//
// The SQL statements of the hot paths (lib/sql.ts takes no fragments) write the same condition
// out: `e.start_date <= d AND (e.end_date IS NULL OR e.end_date >= d)`; say so where they do.
import 'server-only';
import type { Prisma } from '../prisma-client';
import { toSchoolDate } from '../domain/timezone';
import { dbDate } from './dates';

/** Enrollments in force on at least one day of [from, to] (dates as @db.Date values). */
export function enrolledBetween(from: Date, to: Date): Prisma.EnrollmentWhereInput {
  return { startDate: { lte: to }, OR: [{ endDate: null }, { endDate: { gte: from } }] };
}

/** The enrollment in force on `date`: the pupil's class that day. */
export function enrolledOn(date: Date): Prisma.EnrollmentWhereInput {
  return enrolledBetween(date, date);
}

/**
 * Enrollments not ended before `today`: the class the pupil is in today and the one they go to
 * next (next year's class after a promotion, or an August intake's first class). Lists by class
 * ("who is in 7А") use it, so a class being prepared for next year shows its pupils too.
 */
export function notEndedBy(today: Date): Prisma.EnrollmentWhereInput {
  return { OR: [{ endDate: null }, { endDate: { gte: today } }] };
}

/**
 * The pupil's class to show "now", with `notEndedBy(today)` as the where and `take: 1`: the
 * earliest of those, which is the class of today if there is one, else the one the pupil goes to
 * next (an August intake). Never next year's class while this year's lasts.
 */
export const CLASS_NOW_FIRST = { startDate: 'asc' } as const satisfies Prisma.EnrollmentOrderByWithRelationInput;

/**
 * Of a pupil's enrollments ordered by CLASS_NOW_FIRST, the class to name now (the first not
 * ended before `today`), else the last one ended: a graduate's or a leaver's last class.
 */
export function classNowOrLast<E extends { endDate: Date | null }>(enrollments: E[], today: Date): E | undefined {
  return enrollments.find((e) => e.endDate === null || e.endDate >= today) ?? enrollments.at(-1);
}

/** Today on the school's clock, as a @db.Date value for the fragments above. */
export function schoolToday(timeZone: string, now = new Date()): Date {
  return dbDate(toSchoolDate(now, timeZone));
}
