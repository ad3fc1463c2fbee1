// A pupil's classes as the administrator sees them on the pupil's page (section «Класс»): the
// enrollments, the class of today, and the classes a transfer or an enrolment may choose. The
// changes themselves are in pupil-class-change.ts.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { toSchoolDate } from '../domain/timezone';
import { CLASS_NOW_FIRST, classNowOrLast } from './enrolled';
import { dbDate, isoDate } from './dates';
import { className } from './names';

export type PupilEnrollment = {
  id: number;
  classId: number;
  className: string;
  academicYearId: number;
  yearLabel: string;
  yearStart: string;
  yearEnd: string;
  startDate: string;
  endDate: string | null;
};

export type PupilClassView = {
  today: string;
  /** Newest first. */
  enrollments: PupilEnrollment[];
  /** The enrollment covering today: the class a transfer or a leaving starts from. */
  current: PupilEnrollment | null;
  /** The class to name now (classNowOrLast): today's, else the one to come, else the last. */
  shown: PupilEnrollment | null;
  /** What the form saw: a change made meanwhile makes it stale (enrollmentsVersion). */
  version: string;
  /** Other classes of the current enrollment's year (transfer). */
  transferClasses: { id: number; name: string }[];
  /** Classes of the school's current years (enrolment). */
  enrolClasses: { id: number; name: string }[];
  active: boolean;
};

export const enrollmentSelect = {
  id: true, classId: true, startDate: true, endDate: true,
  schoolClass: { select: { gradeLevel: true, letter: true, academicYearId: true, academicYear: { select: { label: true, startDate: true, endDate: true } } } },
} as const satisfies Prisma.EnrollmentSelect;

type Row = Prisma.EnrollmentGetPayload<{ select: typeof enrollmentSelect }>;

export const toPupilEnrollment = (e: Row): PupilEnrollment => ({
  id: e.id, classId: e.classId, className: className(e.schoolClass), academicYearId: e.schoolClass.academicYearId,
  yearLabel: e.schoolClass.academicYear.label, yearStart: isoDate(e.schoolClass.academicYear.startDate), yearEnd: isoDate(e.schoolClass.academicYear.endDate),
  startDate: isoDate(e.startDate), endDate: e.endDate ? isoDate(e.endDate) : null,
});

/** The pupil's enrollments, oldest first (CLASS_NOW_FIRST), scoped to the actor's school. */
export async function pupilEnrollments(db: Prisma.TransactionClient, schoolId: number, studentId: number): Promise<PupilEnrollment[]> {
  const rows = await db.enrollment.findMany({ where: { schoolId, studentId, schoolClass: { schoolId } }, select: enrollmentSelect, orderBy: CLASS_NOW_FIRST });
  return rows.map(toPupilEnrollment);
}

/** Every enrollment with its dates and class: any change to them makes a form shown before stale. */
export const enrollmentsVersion = (list: readonly PupilEnrollment[]) =>
  [...list].sort((a, b) => a.id - b.id).map((e) => `${e.id}:${e.classId}:${e.startDate}:${e.endDate ?? ''}`).join(',');

/** The enrollment in force on `date` (enrollments never overlap: at most one). */
export const enrollmentOn = (list: readonly PupilEnrollment[], date: string) =>
  list.find((e) => e.startDate <= date && (e.endDate === null || date <= e.endDate)) ?? null;

/** Classes of the school's year `yearId` (or of its current years), in grade and letter order. */
export async function classesOf(db: Prisma.TransactionClient, actor: Actor, yearIds: readonly number[]) {
  const rows = await db.schoolClass.findMany({
    where: { schoolId: actor.schoolId, academicYearId: { in: [...yearIds] } },
    select: { id: true, gradeLevel: true, letter: true, academicYear: { select: { label: true } } },
    orderBy: [{ academicYear: { startDate: 'asc' } }, { gradeLevel: 'asc' }, { letter: 'asc' }],
  });
  return rows.map((c) => ({ id: c.id, name: yearIds.length > 1 ? `${className(c)} (${c.academicYear.label})` : className(c) }));
}

/** The section's data; null without the right to read people or when `studentId` is not a pupil of the actor's school. */
export async function pupilClass(actor: Actor, studentId: number, now = new Date()): Promise<PupilClassView | null> {
  if (!actor.permissions.has('users:read') && !actor.permissions.has('users:manage')) return null;
  const db = getDb();
  const pupil = await db.user.findFirst({ where: { id: studentId, schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' } } }, select: { active: true } });
  if (!pupil) return null;
  const today = toSchoolDate(now, actor.timeZone);
  const list = await pupilEnrollments(db, actor.schoolId, studentId);
  const current = enrollmentOn(list, today);
  const canManage = actor.permissions.has('users:manage');
  const transferClasses = canManage && current ? (await classesOf(db, actor, [current.academicYearId])).filter((c) => c.id !== current.classId) : [];
  const enrolClasses = canManage && !current ? await classesOf(db, actor, actor.currentYears) : [];
  return {
    today, enrollments: [...list].reverse(), current, shown: classNowOrLast(list.map((e) => ({ e, endDate: e.endDate === null ? null : dbDate(e.endDate) })), dbDate(today))?.e ?? null,
    version: enrollmentsVersion(list), transferClasses, enrolClasses, active: pupil.active,
  };
}
