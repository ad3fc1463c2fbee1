// Graduation and leaving, part of the promotion form: the 11th grade finishes school, and a 9th
// class that does not go on to a 10th leaves it. The ticked pupils' enrollment ends the day before
// next year's first, like a promoted pupil's: the class holds them all summer, the family still
// reads that year's diary (guardianship, not the enrollment, gives the right) and the ГИА retakes
// of September still find them in last year's class (lib/data/exams.ts). Ended, they are no longer
// left behind, stranded (lib/data/promotion-stranded.ts) or counted among those without a class.
import 'server-only';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { addDays } from '../domain/calendar';
import { dbDate } from './dates';

/** Grades whose class may graduate: the last, and the 9th (a class not going on to a 10th). */
export const GRADUATING_GRADES = [9, 11];

/**
 * Per class of the current year (grades 9 and 11), the pupils already graduated: their enrollment
 * ended the day before next year's first with no class of next year after it.
 */
export async function graduatedCounts(db: Prisma.TransactionClient, schoolId: number, currentId: number, next: { startDate: string }): Promise<Map<number, number>> {
  const rows = await db.enrollment.groupBy({
    by: ['classId'],
    where: {
      schoolId, endDate: dbDate(addDays(next.startDate, -1)),
      schoolClass: { schoolId, academicYearId: currentId, gradeLevel: { in: GRADUATING_GRADES } },
      student: { enrollments: { none: { startDate: { gte: dbDate(next.startDate) } } } },
    },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.classId, r._count._all]));
}

type Graduate = { enrollmentId: number; studentId: number; classId: number };

/** Ends the graduates' enrollments on `endedOn`, in the caller's transaction, with one audit row (old and new end). */
export async function graduatePupils(tx: Prisma.TransactionClient, actor: Actor, years: { current: { label: string }; next: { id: number; label: string } }, classes: { id: number; name: string }[], pupils: Graduate[], notTicked: number[], endedOn: string) {
  if (pupils.length) {
    const ended = await tx.enrollment.updateMany({ where: { schoolId: actor.schoolId, id: { in: pupils.map((p) => p.enrollmentId) }, endDate: null }, data: { endDate: dbDate(endedOn) } });
    if (ended.count !== pupils.length) throw new Error('classes.graduate: an enrollment changed during the graduation');
  }
  await writeAudit(tx, {
    schoolId: actor.schoolId, actorId: actor.id, action: 'classes.graduate', entityType: 'AcademicYear', entityId: years.next.id,
    oldValue: { enrollments: pupils.map((p) => ({ id: p.enrollmentId, classId: p.classId, studentId: p.studentId, endDate: null })) },
    newValue: { enrollments: pupils.map((p) => ({ id: p.enrollmentId, classId: p.classId, studentId: p.studentId, endDate: endedOn })), classes: classes.map((c) => ({ id: c.id, name: c.name })) },
    details: { from: years.current.label, to: years.next.label, notGraduated: notTicked },
  });
}
