// The school's calendar as management keeps it: the holidays (каникулы) of the current academic
// years, added, changed and removed under 'timetable:manage', and the year's study periods to
// read beside them. The diary and the journal read holidays straight from the table, so a change
// here shows in every pupil's week at the next request.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { formatDateRu } from '../domain/calendar';
import { holidayProblems, holidaySpan, type HolidayInput } from '../domain/holidays';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { MESSAGES } from './journal/result';
import { courseTitle, courseTitleSelect } from './names';

export type Failure = { ok: false; error: string; field?: string };
export type Result<T = object> = ({ ok: true } & T) | Failure;

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const notFound: Failure = { ok: false, error: 'Каникулы не найдены' };

const canManage = (actor: Actor) => actor.permissions.has('timetable:manage');

export type CalendarYear = { id: number; label: string; startDate: string; endDate: string };
export type HolidayRow = { id: number; name: string; startDate: string; endDate: string; gradeLevels: number[] };
export type PeriodRow = { id: number; name: string; scheme: string; startDate: string; endDate: string; closed: boolean; closedAt: Date | null };

/**
 * The current academic years of the actor's school (Actor.currentYears: the latest begun and any
 * not begun yet), the first the one today falls in or the latest begun: a school prepares next
 * year's calendar in summer while this year's is still in force.
 */
async function currentYears(actor: Actor): Promise<CalendarYear[]> {
  const rows = await getDb().academicYear.findMany({
    where: { schoolId: actor.schoolId, id: { in: [...actor.currentYears] } },
    select: { id: true, label: true, startDate: true, endDate: true },
    orderBy: { startDate: 'asc' },
  });
  return rows.map((y) => ({ id: y.id, label: y.label, startDate: isoDate(y.startDate), endDate: isoDate(y.endDate) }));
}

/** Everything the calendar page shows for one current year (`yearId`, or the first current one). */
export async function schoolCalendar(actor: Actor, yearId?: number | null) {
  if (!canManage(actor)) return null;
  const years = await currentYears(actor);
  const year = years.find((y) => y.id === yearId) ?? years[0];
  if (!year) return { years, year: null, holidays: [], periods: [] };
  const db = getDb();
  const [holidays, periods] = await Promise.all([
    db.holiday.findMany({
      where: { schoolId: actor.schoolId, academicYearId: year.id },
      select: { id: true, name: true, startDate: true, endDate: true, gradeLevels: true },
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    }),
    db.studyPeriod.findMany({
      where: { schoolId: actor.schoolId, academicYearId: year.id },
      select: { id: true, name: true, kind: true, startDate: true, endDate: true, status: true, closedAt: true, scheme: { select: { name: true } } },
      orderBy: [{ kind: 'asc' }, { schemeId: 'asc' }, { ordinal: 'asc' }],
    }),
  ]);
  return {
    years,
    year,
    holidays: holidays.map((h): HolidayRow => ({ id: h.id, name: h.name, startDate: isoDate(h.startDate), endDate: isoDate(h.endDate), gradeLevels: [...h.gradeLevels].sort((a, b) => a - b) })),
    periods: periods.map((p): PeriodRow => ({
      id: p.id, name: p.name, scheme: p.scheme?.name ?? 'Учебный год', startDate: isoDate(p.startDate), endDate: isoDate(p.endDate),
      closed: p.status === 'CLOSED', closedAt: p.closedAt,
    })),
  };
}

/** One change of a year's holidays at a time, so two overlapping holidays saved at once cannot both pass the check. */
async function lockYear(tx: Prisma.TransactionClient, yearId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('holidays'), ${yearId}::int)`;
}

type Span = { startDate: string; endDate: string; gradeLevels: readonly number[] };

/**
 * Refuses when a closed study period of the year shares a day with the holiday and applies to its
 * grades (a period of a grade's class scheme, or the whole year): a holiday added, moved or removed
 * there would change the closed period's plan and overdue lessons afterwards. FOR SHARE, as the
 * journal's periodOpen: a period being closed waits for this change, and this change for the close.
 */
async function closedPeriodRefusal(tx: Prisma.TransactionClient, schoolId: number, yearId: number, h: Span): Promise<Failure | null> {
  const grades = [...h.gradeLevels];
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT p.status::text AS status FROM study_periods p
     WHERE p.school_id = ${schoolId} AND p.academic_year_id = ${yearId}
       AND p.start_date <= ${h.endDate}::date AND p.end_date >= ${h.startDate}::date
       AND (p.scheme_id IS NULL OR cardinality(${grades}::int[]) = 0 OR p.scheme_id IN (
             SELECT k.period_scheme_id FROM school_classes k
              WHERE k.school_id = ${schoolId} AND k.academic_year_id = ${yearId} AND k.grade_level = ANY(${grades}::int[])))
     FOR SHARE OF p`;
  return rows.some((r) => r.status === 'CLOSED') ? { ok: false, error: MESSAGES.periodClosed, field: 'startDate' } : null;
}

const LISTED = 5;

/**
 * Refuses a holiday over days where lessons of its grades (every lesson for a school-wide one) are
 * already opened in the journal, naming them: a holiday hides the day's timetable, not lessons
 * already held with their marks and attendance.
 */
async function openedLessonsRefusal(tx: Prisma.TransactionClient, schoolId: number, h: Span): Promise<Failure | null> {
  const grades = { in: [...h.gradeLevels] };
  const lessons = await tx.lesson.findMany({
    where: {
      schoolId, date: { gte: dbDate(h.startDate), lte: dbDate(h.endDate) },
      ...(h.gradeLevels.length ? { course: { OR: [{ schoolClass: { gradeLevel: grades } }, { group: { schoolClass: { gradeLevel: grades } } }] } } : {}),
    },
    select: { date: true, slot: true, course: { select: courseTitleSelect } },
    orderBy: [{ date: 'asc' }, { slot: 'asc' }, { id: 'asc' }],
  });
  if (!lessons.length) return null;
  const names = lessons.map((l) => `${courseTitle(l.course)} — ${formatDateRu(isoDate(l.date))}, ${l.slot}-й урок`);
  const listed = names.slice(0, LISTED).join('; ') + (names.length > LISTED ? ` и ещё ${names.length - LISTED}` : '');
  return { ok: false, field: 'startDate', error: `В эти дни в журнале уже открыты уроки: ${listed}. Выберите другие даты или сначала уберите эти уроки из журнала` };
}

const sameSpan = (a: Span, b: Span) =>
  a.startDate === b.startDate && a.endDate === b.endDate && a.gradeLevels.length === b.gradeLevels.length && a.gradeLevels.every((g) => b.gradeLevels.includes(g));

const audited = (h: { name: string; startDate: string; endDate: string; gradeLevels: number[] }) =>
  ({ name: h.name, startDate: h.startDate, endDate: h.endDate, gradeLevels: h.gradeLevels });

/**
 * Adds a holiday (`id` absent) or changes one of a current year. The year must be one of the
 * actor's school's current years; the dates, grades and overlaps are checked by holidayProblems.
 */
export async function saveHoliday(actor: Actor, input: HolidayInput & { id?: number | null; academicYearId: number }): Promise<Result<{ id: number }>> {
  if (!canManage(actor)) return denied;
  const year = (await currentYears(actor)).find((y) => y.id === input.academicYearId);
  if (!year) return { ok: false, error: 'Учебный год не найден или уже закончился' };
  return getDb().$transaction(async (tx): Promise<Result<{ id: number }>> => {
    await lockYear(tx, year.id);
    const existing = input.id
      ? await tx.holiday.findFirst({ where: { id: input.id, schoolId: actor.schoolId, academicYearId: year.id }, select: { id: true, name: true, startDate: true, endDate: true, gradeLevels: true } })
      : null;
    if (input.id && !existing) return notFound;
    const others = await tx.holiday.findMany({
      where: { schoolId: actor.schoolId, academicYearId: year.id, ...(input.id ? { id: { not: input.id } } : {}) },
      select: { name: true, startDate: true, endDate: true, gradeLevels: true },
    });
    const problem = holidayProblems(input, holidaySpan(year), others.map((o) => ({ name: o.name, startDate: isoDate(o.startDate), endDate: isoDate(o.endDate), gradeLevels: o.gradeLevels })));
    if (problem) return { ok: false, ...problem };
    const old = existing && { startDate: isoDate(existing.startDate), endDate: isoDate(existing.endDate), gradeLevels: existing.gradeLevels };
    // A new name alone changes no day; new days or grades are checked where the holiday was and where it goes.
    if (!old || !sameSpan(old, input)) {
      const refusal = (old && (await closedPeriodRefusal(tx, actor.schoolId, year.id, old)))
        ?? (await closedPeriodRefusal(tx, actor.schoolId, year.id, input))
        ?? (await openedLessonsRefusal(tx, actor.schoolId, input));
      if (refusal) return refusal;
    }
    const data = { name: input.name, startDate: dbDate(input.startDate), endDate: dbDate(input.endDate), gradeLevels: input.gradeLevels };
    if (existing) {
      await tx.holiday.update({ where: { id: existing.id }, data });
      await writeAudit(tx, {
        schoolId: actor.schoolId, actorId: actor.id, action: 'holiday.update', entityType: 'Holiday', entityId: existing.id,
        oldValue: audited({ ...existing, startDate: isoDate(existing.startDate), endDate: isoDate(existing.endDate) }), newValue: audited(input),
      });
      return { ok: true, id: existing.id };
    }
    const created = await tx.holiday.create({ data: { ...data, schoolId: actor.schoolId, academicYearId: year.id }, select: { id: true } });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'holiday.create', entityType: 'Holiday', entityId: created.id, newValue: { ...audited(input), year: year.label } });
    return { ok: true, id: created.id };
  });
}

/** Removes a holiday of a current year; the audit keeps what it was. */
export async function deleteHoliday(actor: Actor, id: number): Promise<Result> {
  if (!canManage(actor)) return denied;
  const years = actor.currentYears;
  return getDb().$transaction(async (tx): Promise<Result> => {
    const existing = await tx.holiday.findFirst({
      where: { id, schoolId: actor.schoolId, academicYearId: { in: [...years] } },
      select: { id: true, academicYearId: true, name: true, startDate: true, endDate: true, gradeLevels: true },
    });
    if (!existing) return notFound;
    await lockYear(tx, existing.academicYearId);
    const closed = await closedPeriodRefusal(tx, actor.schoolId, existing.academicYearId, { startDate: isoDate(existing.startDate), endDate: isoDate(existing.endDate), gradeLevels: existing.gradeLevels });
    if (closed) return { ok: false, error: closed.error };
    await tx.holiday.delete({ where: { id: existing.id } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'holiday.delete', entityType: 'Holiday', entityId: existing.id,
      oldValue: audited({ ...existing, startDate: isoDate(existing.startDate), endDate: isoDate(existing.endDate) }),
    });
    return { ok: true };
  });
}

/** «01.09.2026–31.08.2027»: the span a year's holidays may take, for the form's hint. */
export const spanText = (year: CalendarYear) => {
  const span = holidaySpan(year);
  return `${formatDateRu(span.startDate)}–${formatDateRu(span.endDate)}`;
};

/** Today on the school's clock, to mark the holiday or period in force. */
export const schoolToday = (actor: Actor, now = new Date()) => toSchoolDate(now, actor.timeZone);
