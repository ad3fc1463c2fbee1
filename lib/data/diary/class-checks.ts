// Diary checks of a class (seed 003 §8): per family and per week of a period, on how many days a
// parent opened the child's diary, with the families below two a week picked out.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { checkWeeks, familyChecks, type CheckWeek, type FamilyChecks } from '../../domain/diary-checks';
import { shortPersonName } from '../../domain/diary-format';
import { comparePupils } from '../../domain/journal-grid';
import { dbDate, isoDate } from '../dates';
import { holidaysForGrade, type DiaryPeriod } from './calendar';
import { classPupils, loadClassReportBase } from './class-scope';

export type FamilyRow = {
  studentId: number;
  pupil: string;
  guardians: { id: number; name: string; hasAccount: boolean }[];
  /** No guardian can sign in: the family gets paper extracts, so checks are not expected. */
  noAccount: boolean;
  checks: FamilyChecks;
};

export type ClassDiaryChecks = {
  classId: number;
  className: string;
  today: string;
  periods: DiaryPeriod[];
  period: DiaryPeriod;
  weeks: CheckWeek[];
  families: FamilyRow[];
  summary: { families: number; withMisses: number; noAccount: number };
};

export async function classDiaryChecks(actor: Actor, classId: number, periodId?: number | null, now = new Date()): Promise<ClassDiaryChecks | null> {
  const base = await loadClassReportBase(actor, classId, periodId, now);
  if (!base) return null;
  const { period, today } = base;
  const to = period.endDate < today ? period.endDate : today;
  const weeks = checkWeeks(period.startDate, period.endDate, today, holidaysForGrade(base.holidays, base.gradeLevel), base.schoolDaysPerWeek, base.gradeLevel);
  const pupils = classPupils(actor, classId, period.startDate, period.endDate);
  const db = getDb();

  const [students, visits] = await Promise.all([
    db.user.findMany({
      where: pupils,
      select: {
        id: true, lastName: true, firstName: true,
        guardians: { select: { parent: { select: { id: true, lastName: true, firstName: true, middleName: true, login: true, passwordHash: true, active: true } } } },
      },
    }),
    to < period.startDate
      ? Promise.resolve([])
      : db.diaryVisit.findMany({
          where: { schoolId: actor.schoolId, date: { gte: dbDate(period.startDate), lte: dbDate(to) }, student: pupils },
          select: { userId: true, studentId: true, date: true },
        }),
  ]);

  const families = students.sort(comparePupils).map((s): FamilyRow => {
    const guardians = s.guardians.map(({ parent: p }) => ({ id: p.id, name: shortPersonName(p), hasAccount: !!p.login && !!p.passwordHash && p.active }));
    const ids = new Set(guardians.map((g) => g.id));
    // A family's check is a guardian's visit; the pupil's own visits are not the parents' control.
    const dates = visits.filter((v) => v.studentId === s.id && ids.has(v.userId)).map((v) => isoDate(v.date));
    const noAccount = !guardians.some((g) => g.hasAccount);
    return { studentId: s.id, pupil: `${s.lastName} ${s.firstName}`, guardians, noAccount, checks: familyChecks(dates, weeks, today) };
  });

  return {
    classId: base.classId,
    className: base.className,
    today,
    periods: base.periods,
    period,
    weeks,
    families,
    summary: {
      families: families.length,
      withMisses: families.filter((f) => !f.noAccount && f.checks.missed > 0).length,
      noAccount: families.filter((f) => f.noAccount).length,
    },
  };
}
