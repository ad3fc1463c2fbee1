// An academic year's own dates, and removing a next year created by mistake, under
// 'school:settings' (the right of /admin/calendar/periods, where the year is created). A year's
// dates bound its periods, lessons, holidays and timetable: they change only around what is
// already there, never onto another year of the school.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { addDays, formatDateRu } from '../domain/calendar';
import { yearDatesProblem, type DateSpan } from '../domain/study-periods';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { changedMeanwhile, type Failure, type Result } from './users';

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const canManage = (actor: Actor) => actor.permissions.has('school:settings');
const notFound: Failure = { ok: false, error: 'Учебный год не найден или уже закончился' };
const spanText = (s: DateSpan) => `${formatDateRu(s.startDate)}–${formatDateRu(s.endDate)}`;

/**
 * Locks one of the actor's school's current years against the other changes of its dates and
 * of its periods (savePeriodDates locks the same period rows first), and against rows added to
 * it meanwhile (an insert referencing the year waits for the row lock). One change of a school's
 * years at a time (createNextYear's lock): the overlap check sees the other's dates.
 */
async function lockYear(tx: Prisma.TransactionClient, actor: Actor, id: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('academic-year'), ${actor.schoolId}::int)`;
  await tx.$queryRaw`SELECT id FROM study_periods WHERE academic_year_id = ${id} AND school_id = ${actor.schoolId} ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM academic_years WHERE id = ${id} AND school_id = ${actor.schoolId} AND id = ANY(${[...actor.currentYears]}::int[]) FOR UPDATE`;
  if (!rows.length) return null;
  return tx.academicYear.findUniqueOrThrow({ where: { id }, select: { id: true, label: true, startYear: true, startDate: true, endDate: true } });
}

/** What of the year's journal, calendar and timetable lies outside `dates`, counted. */
async function outsideRows(tx: Prisma.TransactionClient, schoolId: number, yearId: number, dates: DateSpan) {
  const [from, to] = [dbDate(dates.startDate), dbDate(dates.endDate)];
  const before = { lt: from };
  const after = { gt: to };
  const [lessonsBefore, lessons, holidaysBefore, holidays, timetableBefore, timetable] = await Promise.all([
    tx.lesson.count({ where: { schoolId, course: { academicYearId: yearId }, date: before } }),
    tx.lesson.count({ where: { schoolId, course: { academicYearId: yearId }, OR: [{ date: before }, { date: after }] } }),
    tx.holiday.count({ where: { schoolId, academicYearId: yearId, startDate: before } }),
    tx.holiday.count({ where: { schoolId, academicYearId: yearId, OR: [{ startDate: before }, { endDate: after }] } }),
    tx.timetableEntry.count({ where: { schoolId, academicYearId: yearId, validFrom: before } }),
    // A row without an end runs to the year's end, wherever that is.
    tx.timetableEntry.count({ where: { schoolId, academicYearId: yearId, OR: [{ validFrom: before }, { validFrom: after }, { validTo: after }] } }),
  ]);
  return { lessons, holidays, timetable, startSide: lessonsBefore + holidaysBefore + timetableBefore > 0 };
}

export type YearDatesInput = { id: number; startDate: string; endDate: string; shownStartDate: string; shownEndDate: string };

/**
 * Changes the dates of a current or next year of the actor's school. `shown…`: the dates the form
 * showed; if the year changed since, nothing is saved. The pupils' enrollments that began with the
 * year (next year's classes from /admin/promotion) move with its first day, and the classes they
 * came from end the day before it, as the promotion set them.
 */
export async function saveYearDates(actor: Actor, input: YearDatesInput): Promise<Result<{ changed: boolean }>> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<Result<{ changed: boolean }>> => {
    const year = await lockYear(tx, actor, input.id);
    if (!year) return notFound;
    const old = { startDate: isoDate(year.startDate), endDate: isoDate(year.endDate) };
    if (old.startDate !== input.shownStartDate || old.endDate !== input.shownEndDate) return changedMeanwhile('Даты этого учебного года', 'form');
    const next = { startDate: input.startDate, endDate: input.endDate };
    if (next.startDate === old.startDate && next.endDate === old.endDate) return { ok: true, changed: false };
    const periods = await tx.studyPeriod.findMany({ where: { schoolId: actor.schoolId, academicYearId: year.id }, select: { name: true, ordinal: true, startDate: true, endDate: true, status: true }, orderBy: { id: 'asc' } });
    const problem = yearDatesProblem(next, year.startYear, periods.map((p) => ({ name: p.name, ordinal: p.ordinal, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate), closed: p.status === 'CLOSED' })));
    if (problem) return { ok: false, ...problem };
    const neighbour = await tx.academicYear.findFirst({
      where: { schoolId: actor.schoolId, id: { not: year.id }, startDate: { lte: dbDate(next.endDate) }, endDate: { gte: dbDate(next.startDate) } },
      select: { label: true, startDate: true, endDate: true },
    });
    if (neighbour) {
      const theirs = { startDate: isoDate(neighbour.startDate), endDate: isoDate(neighbour.endDate) };
      return { ok: false, field: theirs.startDate < old.startDate ? 'startDate' : 'endDate', error: `Пересекается с учебным годом ${neighbour.label} (${spanText(theirs)})` };
    }
    const rows = await outsideRows(tx, actor.schoolId, year.id, next);
    if (rows.lessons + rows.holidays + rows.timetable > 0) {
      // Counted as «name: n», which reads right for any n.
      const what = [['уроков', rows.lessons], ['каникул и праздников', rows.holidays], ['строк расписания', rows.timetable]]
        .filter(([, n]) => n).map(([name, n]) => `${name}: ${n}`).join(', ');
      return { ok: false, field: rows.startSide ? 'startDate' : 'endDate', error: `Вне новых дат (${spanText(next)}) оказались бы записи этого учебного года: ${what}. Сначала перенесите или удалите их` };
    }
    await tx.academicYear.update({ where: { id: year.id }, data: { startDate: dbDate(next.startDate), endDate: dbDate(next.endDate) } });
    const moved = next.startDate === old.startDate ? [] : await moveEnrollments(tx, actor.schoolId, year, old.startDate, next.startDate);
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'academicYear.dates', entityType: 'AcademicYear', entityId: year.id,
      // Each enrollment moved, by id, with its date before and after: a change is undone from the audit alone.
      oldValue: { ...old, enrollments: moved.map((m) => ({ id: m.id, [m.field]: m.from })) },
      newValue: { ...next, enrollments: moved.map((m) => ({ id: m.id, [m.field]: m.to })) },
      details: { label: year.label, enrollmentsMoved: moved.filter((m) => m.field === 'startDate').length },
    });
    return { ok: true, changed: true };
  });
}

/** An enrollment whose first (startDate) or last (endDate) day moved with the year. */
type Moved = { id: number; field: 'startDate' | 'endDate'; from: string; to: string };

/**
 * Enrollments into the year's classes from its old first day start on the new one; enrollments
 * of the year before ending the day before the old first day end the day before the new one:
 * the promoted pupils' and the graduates' (promotion.ts ends both there, and nothing else ends
 * an enrollment of the year before on that day). Ordered so that a pupil's enrollments never
 * overlap on the way (the database refuses that). Returns each enrollment moved with its old and
 * new date, for the audit.
 */
async function moveEnrollments(tx: Prisma.TransactionClient, schoolId: number, year: { id: number; startYear: number }, from: string, to: string): Promise<Moved[]> {
  const starting = await tx.enrollment.findMany({ where: { schoolId, startDate: dbDate(from), schoolClass: { academicYearId: year.id } }, select: { id: true, studentId: true }, orderBy: { id: 'asc' } });
  const endWhere = {
    schoolId, endDate: dbDate(addDays(from, -1)),
    OR: [{ studentId: { in: starting.map((e) => e.studentId) } }, { schoolClass: { academicYear: { schoolId, startYear: year.startYear - 1 } } }],
  };
  const ending = await tx.enrollment.findMany({ where: endWhere, select: { id: true }, orderBy: { id: 'asc' } });
  if (!starting.length && !ending.length) return [];
  const starts = () => tx.enrollment.updateMany({ where: { id: { in: starting.map((e) => e.id) } }, data: { startDate: dbDate(to) } });
  const ends = () => tx.enrollment.updateMany({ where: { id: { in: ending.map((e) => e.id) } }, data: { endDate: dbDate(addDays(to, -1)) } });
  if (to < from) { await ends(); await starts(); } else { await starts(); await ends(); }
  return [
    ...starting.map((e): Moved => ({ id: e.id, field: 'startDate', from, to })),
    ...ending.map((e): Moved => ({ id: e.id, field: 'endDate', from: addDays(from, -1), to: addDays(to, -1) })),
  ];
}

/** Whether a year of the actor's school has not begun yet (on the school's clock). */
const notBegun = (actor: Actor, year: { startDate: Date }) => isoDate(year.startDate) > toSchoolDate(new Date(), actor.timeZone);

/**
 * Removes a year that has not begun (a next year created by mistake) with its study periods,
 * only while nothing else hangs on it: classes, groups, courses, curriculum, timetable, holidays,
 * exam results. Each is named with its count, to be removed first.
 */
export async function deleteYear(actor: Actor, input: { id: number }): Promise<Result> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<Result> => {
    const year = await lockYear(tx, actor, input.id);
    if (!year) return notFound;
    if (!notBegun(actor, year)) return { ok: false, error: `Учебный год ${year.label} уже начался: его нельзя удалить` };
    const where = { schoolId: actor.schoolId, academicYearId: year.id };
    const [classes, groups, courses, curriculum, timetable, holidays, exams, finals] = await Promise.all([
      tx.schoolClass.count({ where }), tx.studyGroup.count({ where }), tx.course.count({ where }), tx.curriculumPlan.count({ where }),
      tx.timetableEntry.count({ where }), tx.holiday.count({ where }), tx.examResult.count({ where }),
      // Final marks hold on to their period (no cascade): counted wherever their course is.
      tx.finalMark.count({ where: { schoolId: actor.schoolId, period: { academicYearId: year.id } } }),
    ]);
    const there = ([[classes, 'классы'], [groups, 'учебные группы'], [courses, 'предметы классов (учебная нагрузка)'], [curriculum, 'строки учебного плана'],
      [timetable, 'строки расписания'], [holidays, 'каникулы и праздники'], [exams, 'результаты экзаменов'], [finals, 'итоговые отметки за его периоды']] as const).filter(([n]) => n > 0);
    if (there.length) return { ok: false, error: `В году ${year.label} уже ${there.length === 1 ? 'созданы' : 'есть'} ${there.map(([n, what]) => `${what} (${n})`).join(', ')}: сначала удалите их` };
    const periods = await tx.studyPeriod.findMany({ where, select: { name: true, startDate: true, endDate: true } });
    await tx.studyPeriod.deleteMany({ where });
    await tx.academicYear.delete({ where: { id: year.id } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'academicYear.delete', entityType: 'AcademicYear', entityId: year.id,
      oldValue: { label: year.label, startDate: isoDate(year.startDate), endDate: isoDate(year.endDate), periods: periods.map((p) => ({ name: p.name, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate) })) },
    });
    return { ok: true };
  });
}
