// The class as its class teacher or management sees it for the family-side reports (diary checks,
// acknowledgements): scoped through readableClasses, with its periods, holidays and pupils.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { Prisma } from '../../prisma-client';
import { toSchoolDate } from '../../domain/timezone';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { enrolledBetween } from '../class-courses';
import { readableClasses, readableDiaries } from '../scope';
import { termFor, type DiaryHoliday, type DiaryPeriod } from './calendar';

export type ClassReportBase = {
  classId: number;
  className: string;
  classTeacherId: number | null;
  gradeLevel: number;
  timezone: string;
  schoolDaysPerWeek: number;
  today: string;
  /** Terms in order, then the year. */
  periods: DiaryPeriod[];
  period: DiaryPeriod;
  holidays: DiaryHoliday[];
};

/**
 * `prefer`: without a requested period, 'current' picks the term under way (diary checks),
 * 'finished' the last term already over (its final marks are what families acknowledge).
 */
export async function loadClassReportBase(
  actor: Actor,
  classId: number,
  periodId: number | null | undefined,
  now: Date,
  prefer: 'current' | 'finished' = 'current',
): Promise<ClassReportBase | null> {
  if (!Number.isSafeInteger(classId) || classId <= 0) return null;
  const row = await getDb().schoolClass.findFirst({
    where: { AND: [{ id: classId }, readableClasses(actor)] },
    select: {
      id: true, gradeLevel: true, letter: true, classTeacherId: true, periodSchemeId: true,
      school: { select: { timezone: true, schoolDaysPerWeek: true } },
      academicYear: {
        select: {
          studyPeriods: { select: { id: true, name: true, kind: true, ordinal: true, startDate: true, endDate: true, schemeId: true, academicYearId: true } },
          holidays: { select: { name: true, startDate: true, endDate: true, gradeLevels: true, academicYearId: true } },
        },
      },
    },
  });
  if (!row) return null;
  const today = toSchoolDate(now, row.school.timezone);
  const all = row.academicYear.studyPeriods
    .filter((p) => p.kind === 'YEAR' || p.schemeId === row.periodSchemeId)
    .map((p) => ({ ...p, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate) }))
    .sort((a, b) => (a.kind === b.kind ? a.ordinal - b.ordinal : a.kind === 'TERM' ? -1 : 1));
  const finished = all.filter((p) => p.kind === 'TERM' && p.endDate < today).at(-1);
  const period = all.find((p) => p.id === periodId) ?? (prefer === 'finished' ? finished : undefined) ?? termFor(all, [today], today) ?? all[0];
  if (!period) return null;
  return {
    classId: row.id,
    className: className(row),
    classTeacherId: row.classTeacherId,
    gradeLevel: row.gradeLevel,
    timezone: row.school.timezone,
    schoolDaysPerWeek: row.school.schoolDaysPerWeek,
    today,
    periods: all,
    period,
    holidays: row.academicYear.holidays.map((h) => ({ ...h, startDate: isoDate(h.startDate), endDate: isoDate(h.endDate) })),
  };
}

/** The class's pupils at any time this school year (its periods' span) whom the actor may read. */
export function yearPupils(actor: Actor, base: ClassReportBase): Prisma.UserWhereInput {
  const yearEnd = base.periods.reduce((end, p) => (p.endDate > end ? p.endDate : end), base.period.endDate);
  return classPupils(actor, base.classId, base.periods[0].startDate, yearEnd);
}

/** Pupils of the class during [from, to] whom the actor may read. */
export function classPupils(actor: Actor, classId: number, from: string, to: string): Prisma.UserWhereInput {
  return {
    AND: [
      readableDiaries(actor),
      { enrollments: { some: enrolledBetween(classId, dbDate(from), dbDate(to)) } },
    ],
  };
}

/**
 * The pupils whose results of a period belong to the class: those in it on the period's last day,
 * and those who left the school from it during the period. A pupil who moved to another class
 * during the period belongs there, so the two class teachers do not both count them.
 */
export function periodPupils(actor: Actor, classId: number, from: string, to: string): Prisma.UserWhereInput {
  return {
    AND: [
      classPupils(actor, classId, from, to),
      {
        OR: [
          { enrollments: { some: enrolledBetween(classId, dbDate(to), dbDate(to)) } },
          { enrollments: { none: { classId: { not: classId }, startDate: { gt: dbDate(from), lte: dbDate(to) } } } },
        ],
      },
    ],
  };
}
