// Diary checks of a class (seed 003 §8): per family and per week of a period, on how many days a
// parent opened the child's diary, with the families below two a week picked out. Only families
// who get the diary online are expected to check it: the others get it on paper or by e-mail
// (the consent in force, as lib/data/consents.ts decides for the weekly extracts) or cannot sign in.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { checkWeeks, familyChecks, pupilWeeks, type CheckWeek, type FamilyChecks } from '../../domain/diary-checks';
import { addDays, weekStart } from '../../domain/calendar';
import { deliveriesOf, type PaperReason } from '../consents';
import { shortPersonName } from '../../domain/diary-format';
import { comparePupils } from '../../domain/journal-grid';
import { dbDate, isoDate } from '../dates';
import { enrolledBetween } from '../class-courses';
import { signsIn } from '../extracts/paper';
import { holidaysForGrade, type DiaryPeriod } from './calendar';
import { classPupils, loadClassReportBase } from './class-scope';

export type FamilyRow = {
  studentId: number;
  pupil: string;
  guardians: { id: number; name: string; hasAccount: boolean }[];
  /** Why the family is not expected to check the diary online, or null when it is. */
  offline: OfflineReason | null;
  checks: FamilyChecks;
};

/** No guardian can sign in, the diary goes by e-mail, or on paper (and why). */
export type OfflineReason = 'NO_ACCOUNT' | 'EMAIL' | PaperReason;

export type ClassDiaryChecks = {
  classId: number;
  className: string;
  today: string;
  periods: DiaryPeriod[];
  period: DiaryPeriod;
  weeks: CheckWeek[];
  families: FamilyRow[];
  summary: { families: number; withMisses: number; offline: number };
};

export async function classDiaryChecks(actor: Actor, classId: number, periodId?: number | null, now = new Date()): Promise<ClassDiaryChecks | null> {
  const base = await loadClassReportBase(actor, classId, periodId, now);
  if (!base) return null;
  const { period, today } = base;
  const holidays = holidaysForGrade(base.holidays, base.gradeLevel);
  const weeks = checkWeeks(period.startDate, period.endDate, today, holidays, base.schoolDaysPerWeek, base.gradeLevel);
  const pupils = classPupils(actor, classId, period.startDate, period.endDate);
  // Visits count over whole weeks, also where the period starts or ends mid-week.
  const visitsFrom = weekStart(period.startDate);
  const lastSunday = addDays(weekStart(period.endDate), 6);
  const visitsTo = lastSunday < today ? lastSunday : today;
  const db = getDb();
  const inPeriod = enrolledBetween(classId, dbDate(period.startDate), dbDate(period.endDate));

  const [students, visits] = await Promise.all([
    db.user.findMany({
      where: pupils,
      select: {
        id: true, lastName: true, firstName: true,
        enrollments: { where: inPeriod, select: { startDate: true, endDate: true } },
        guardians: { select: { parent: { select: { id: true, lastName: true, firstName: true, middleName: true, login: true, passwordHash: true, active: true } } } },
      },
    }),
    visitsTo < visitsFrom
      ? Promise.resolve([])
      : db.diaryVisit.findMany({
          where: { schoolId: actor.schoolId, date: { gte: dbDate(visitsFrom), lte: dbDate(visitsTo) }, student: pupils },
          select: { userId: true, studentId: true, date: true },
        }),
  ]);
  const deliveries = await deliveriesOf(actor.schoolId, students.map((s) => s.id));

  const families = students.sort(comparePupils).map((s): FamilyRow => {
    const guardians = s.guardians.map(({ parent: p }) => ({ id: p.id, name: shortPersonName(p), hasAccount: signsIn(p) }));
    const ids = new Set(guardians.map((g) => g.id));
    // The pupil's days in this class within the period: weeks before they came or after they left are not judged.
    const from = s.enrollments.map((e) => isoDate(e.startDate)).reduce((a, b) => (a < b ? a : b), period.endDate);
    const to = s.enrollments.map((e) => (e.endDate ? isoDate(e.endDate) : period.endDate)).reduce((a, b) => (a > b ? a : b), period.startDate);
    // A family's check is a guardian's visit; the pupil's own visits are not the parents' control.
    // Visits after the week the pupil left the class are not counted either: they are the new
    // class's, and its former class teacher reads nothing of the diary after the move (scope.ts).
    const leftBy = addDays(weekStart(to), 6);
    const dates = visits.filter((v) => v.studentId === s.id && ids.has(v.userId)).map((v) => isoDate(v.date)).filter((d) => d <= leftBy);
    const own = pupilWeeks(weeks, from > period.startDate ? from : period.startDate, to < period.endDate ? to : period.endDate, today, holidays, base.schoolDaysPerWeek, base.gradeLevel);
    const delivery = deliveries.get(s.id);
    // A family on e-mail gets its letters whether or not a parent can sign in (extracts/paper.ts).
    const offline: OfflineReason | null = delivery?.kind === 'email' ? 'EMAIL'
      : !guardians.some((g) => g.hasAccount) ? 'NO_ACCOUNT'
      : delivery?.kind === 'paper' ? delivery.reason
      : null;
    return { studentId: s.id, pupil: `${s.lastName} ${s.firstName}`, guardians, offline, checks: familyChecks(dates, weeks, today, own) };
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
      withMisses: families.filter((f) => !f.offline && f.checks.missed > 0).length,
      offline: families.filter((f) => f.offline).length,
    },
  };
}
