// The school's bell slots: those of its default bell schedule, the one every page reads (the
// timetable pages and their checks, the lesson page, the journal's deadlines; the diary's SQL
// twin in diary/context-sql.ts says the same). One place for which schedule that is.
import 'server-only';
import type { Prisma, PrismaClient } from '../prisma-client';

type Db = PrismaClient | Prisma.TransactionClient;

/** The `where` of the school's bell slots. */
export const schoolBellsWhere = (schoolId: number) => ({ schoolId, bellSchedule: { isDefault: true } }) satisfies Prisma.BellSlotWhereInput;

/** The school's bell slots in order. */
export function schoolBells(db: Db, schoolId: number) {
  return db.bellSlot.findMany({ where: schoolBellsWhere(schoolId), select: { slot: true, startMinute: true, endMinute: true }, orderBy: { slot: 'asc' } });
}
