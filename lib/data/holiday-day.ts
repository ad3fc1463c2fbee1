// Is a date a holiday (каникулы) for a course's class? The one check behind every place that puts
// a lesson on a date: the timetable-change form (a change or a move onto the date, a move removed
// back onto its old date) and the journal's opening of a lesson. Holidays belong to a school year and cover some grades, or all
// (empty gradeLevels); a stream group of no class has no grade, so only a school-wide one applies.
import 'server-only';
import type { Prisma, PrismaClient } from '../prisma-client';
import { formatDateRu, holidayCoversGrade } from '../domain/calendar';
import { dbDate } from './dates';
import { fail, type Failure } from './journal/result';

type Db = PrismaClient | Prisma.TransactionClient;

/** The course fields the check reads: its year and its class's grade (a group's, through its class). */
type HolidayCourse = {
  academicYearId: number;
  schoolClass: { gradeLevel: number } | null;
  group: { schoolClass: { gradeLevel: number } | null } | null;
};

/** The name of the holiday of the course's year on the date that applies to the grade, or null. */
async function holidayOn(db: Db, schoolId: number, academicYearId: number, iso: string, gradeLevel: number | null): Promise<string | null> {
  const date = dbDate(iso);
  const rows = await db.holiday.findMany({ where: { schoolId, academicYearId, startDate: { lte: date }, endDate: { gte: date } }, select: { name: true, gradeLevels: true } });
  return rows.find((h) => holidayCoversGrade(h, gradeLevel))?.name ?? null;
}

/**
 * «26.10.2026 — каникулы («Осенние каникулы»): уроков нет» on `field`, or null on a school day.
 * Runs in the transaction that then writes the lesson or the change: it shares the year's lock
 * that saving a holiday takes (calendar.ts lockYear), so a holiday saved meanwhile either sees
 * the new lesson (and refuses) or is seen here.
 */
export async function holidayRefusal(tx: Prisma.TransactionClient, schoolId: number, course: HolidayCourse, iso: string, field?: string): Promise<Failure | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext('holidays'), ${course.academicYearId}::int)`;
  const grade = course.schoolClass?.gradeLevel ?? course.group?.schoolClass?.gradeLevel ?? null;
  const holiday = await holidayOn(tx, schoolId, course.academicYearId, iso, grade);
  return holiday ? fail(`${formatDateRu(iso)} — каникулы («${holiday}»): уроков нет`, field) : null;
}
