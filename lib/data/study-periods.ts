// The dates of the study periods as the school sets them each year by the director's order, and
// the next academic year with a copy of this year's periods, under 'school:settings'. Closing a
// period stays on /journal/periods ('periods:close'); this changes dates only, never a period's
// kind or ordinal. The journal finds a lesson's period by its date (write-context.ts periodOpen),
// so a change here applies at the next request.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { addDays, formatDateRu } from '../domain/calendar';
import { pluralRu } from '../domain/russian';
import { droppedDays, nextYearDate, nextYearSpans, periodDatesProblem, yearCoverProblem, yearLabel, type DateSpan } from '../domain/study-periods';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { changedMeanwhile } from './users';

export type Failure = { ok: false; error: string; field?: string };
export type Result<T = object> = ({ ok: true } & T) | Failure;

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const canManage = (actor: Actor) => actor.permissions.has('school:settings');
const spanText = (s: DateSpan) => (s.startDate === s.endDate ? formatDateRu(s.startDate) : `${formatDateRu(s.startDate)}–${formatDateRu(s.endDate)}`);

export type PeriodDatesRow = { id: number; name: string; scheme: string; startDate: string; endDate: string; closed: boolean };
export type PeriodYear = { id: number; label: string; startYear: number; startDate: string; endDate: string };

/**
 * The current years of the actor's school (as the calendar page lists them: the latest begun and
 * any not begun yet) with their periods.
 */
export async function periodSettings(actor: Actor) {
  if (!canManage(actor)) return null;
  const db = getDb();
  const years = await db.academicYear.findMany({
    where: { schoolId: actor.schoolId, id: { in: [...actor.currentYears] } },
    select: { id: true, label: true, startYear: true, startDate: true, endDate: true },
    orderBy: { startDate: 'asc' },
  });
  const periods = await db.studyPeriod.findMany({
    where: { schoolId: actor.schoolId, academicYearId: { in: years.map((y) => y.id) } },
    select: { id: true, academicYearId: true, name: true, startDate: true, endDate: true, status: true, scheme: { select: { name: true } } },
    orderBy: [{ kind: 'asc' }, { schemeId: 'asc' }, { ordinal: 'asc' }],
  });
  // The first current year is the one in force only once it has begun (createNextYear's rule).
  const current = years[0] && isoDate(years[0].startDate) <= toSchoolDate(new Date(), actor.timeZone) ? years[0] : undefined;
  const year = (y: (typeof years)[number]): PeriodYear => ({ id: y.id, label: y.label, startYear: y.startYear, startDate: isoDate(y.startDate), endDate: isoDate(y.endDate) });
  return {
    years: years.map((y) => ({
      ...year(y),
      periods: periods.filter((p) => p.academicYearId === y.id).map((p): PeriodDatesRow => ({
        id: p.id, name: p.name, scheme: p.scheme?.name ?? 'Учебный год', startDate: isoDate(p.startDate), endDate: isoDate(p.endDate), closed: p.status === 'CLOSED',
      })),
    })),
    /** The year a «next year» follows: the one in force (the latest begun), and whether its successor exists. */
    current: current ? year(current) : null,
    nextExists: years.some((y) => current && y.startYear > current.startYear),
  };
}

/** The next year's default dates: the current year's, a year on (1 September – 31 May as the school keeps them). */
export const nextYearDefaults = (current: PeriodYear) => ({
  label: yearLabel(current.startYear + 1), startDate: nextYearDate(current.startDate), endDate: nextYearDate(current.endDate),
});

const countText = (n: number, one: string, few: string, many: string) => `${n} ${pluralRu(n, one, few, many)}`;

/**
 * Refuses dates that would leave lessons already opened in the journal (with their marks) outside
 * every period of their class's scheme: the days the period gives up belong to no other period
 * (its neighbours do not move, and an overlap is refused before this). A period of the whole year
 * (no scheme) counts every class's lessons. Final marks of the period in those courses are named
 * too: they were set on marks that would no longer be in the period.
 */
async function recordedRefusal(tx: Prisma.TransactionClient, p: { id: number; schoolId: number; academicYearId: number; schemeId: number | null }, from: string, dropped: readonly DateSpan[]): Promise<Failure | null> {
  if (!dropped.length) return null;
  const days = dropped.map((d) => ({ date: { gte: dbDate(d.startDate), lte: dbDate(d.endDate) } }));
  // A course's scheme: its class's, its group's class's, or (a stream) its members' classes'.
  const scheme = p.schemeId === null ? {} : {
    OR: [
      { schoolClass: { periodSchemeId: p.schemeId } },
      { group: { schoolClass: { periodSchemeId: p.schemeId } } },
      { group: { classId: null, members: { some: { student: { enrollments: { some: { schoolClass: { academicYearId: p.academicYearId, periodSchemeId: p.schemeId } } } } } } } },
    ],
  };
  const lessons = await tx.lesson.findMany({
    where: { schoolId: p.schoolId, OR: days, course: { academicYearId: p.academicYearId, ...scheme } },
    select: { id: true, courseId: true },
  });
  if (!lessons.length) return null;
  const marks = await tx.mark.count({ where: { schoolId: p.schoolId, lessonId: { in: lessons.map((l) => l.id) } } });
  const finals = await tx.finalMark.count({ where: { schoolId: p.schoolId, periodId: p.id, courseId: { in: [...new Set(lessons.map((l) => l.courseId))] } } });
  const what = [countText(lessons.length, 'урок', 'урока', 'уроков'), countText(marks, 'отметка', 'отметки', 'отметок')].join(', ')
    + (finals ? `; по этим предметам уже выставлено ${countText(finals, 'итоговая отметка', 'итоговые отметки', 'итоговых отметок')} за период` : '');
  return {
    ok: false, field: dropped[0].startDate === from ? 'startDate' : 'endDate',
    error: `В днях, которые выйдут из периода (${dropped.map(spanText).join(' и ')}), в журнале уже записано: ${what}. Эти записи оказались бы вне всех учебных периодов. Выберите другие даты или сначала перенесите уроки`,
  };
}

export type PeriodDatesInput = { id: number; startDate: string; endDate: string; shownStartDate: string; shownEndDate: string };

/**
 * Changes a study period's dates (a period of one of the actor's school's current years).
 * `shown…`: the dates as the form showed them; if the period changed since, nothing is saved.
 */
export async function savePeriodDates(actor: Actor, input: PeriodDatesInput): Promise<Result<{ changed: boolean }>> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<Result<{ changed: boolean }>> => {
    // The year's periods locked (FOR UPDATE waits for lesson and mark writes in flight, which hold
    // FOR SHARE on the period of their date): two changes of neighbours, or of a term and the
    // whole-year period, cannot both pass the order and cover checks.
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT q.id FROM study_periods p
        JOIN study_periods q ON q.school_id = p.school_id AND q.academic_year_id = p.academic_year_id
       WHERE p.id = ${input.id} AND p.school_id = ${actor.schoolId} AND p.academic_year_id = ANY(${[...actor.currentYears]}::int[])
       ORDER BY q.id FOR UPDATE OF q`;
    if (!locked.length) return { ok: false, error: 'Учебный период не найден или его учебный год уже закончился' };
    const all = await tx.studyPeriod.findMany({
      where: { id: { in: locked.map((l) => l.id) }, schoolId: actor.schoolId },
      select: { id: true, schoolId: true, academicYearId: true, schemeId: true, kind: true, name: true, ordinal: true, startDate: true, endDate: true, status: true, academicYear: { select: { startDate: true, endDate: true } } },
    });
    const p = all.find((s) => s.id === input.id)!;
    const scheme = all.filter((s) => s.schemeId === p.schemeId && s.kind === p.kind);
    const old = { startDate: isoDate(p.startDate), endDate: isoDate(p.endDate) };
    if (old.startDate !== input.shownStartDate || old.endDate !== input.shownEndDate) return changedMeanwhile('Даты этого периода', 'form');
    if (p.status === 'CLOSED') return { ok: false, field: 'startDate', error: 'Период закрыт: его даты не меняются. Если даты нужно исправить, попросите руководство школы открыть период' };
    const next = { startDate: input.startDate, endDate: input.endDate };
    if (next.startDate === old.startDate && next.endDate === old.endDate) return { ok: true, changed: false };
    const year = { startDate: isoDate(p.academicYear.startDate), endDate: isoDate(p.academicYear.endDate) };
    const neighbour = (s: (typeof all)[number]) => ({ name: s.name, ordinal: s.ordinal, startDate: isoDate(s.startDate), endDate: isoDate(s.endDate) });
    const others = scheme.filter((s) => s.id !== p.id).map(neighbour);
    const yearPeriod = all.find((s) => s.kind === 'YEAR' && s.id !== p.id);
    const problem = periodDatesProblem(next, year, p.ordinal, others)
      ?? yearCoverProblem(next, p.kind, yearPeriod ? neighbour(yearPeriod) : null, all.filter((s) => s.kind === 'TERM').map(neighbour));
    if (problem) return { ok: false, ...problem };
    const refusal = await recordedRefusal(tx, p, old.startDate, droppedDays(old, next, (d) => addDays(d, -1), (d) => addDays(d, 1)));
    if (refusal) return refusal;
    await tx.studyPeriod.update({ where: { id: p.id }, data: { startDate: dbDate(next.startDate), endDate: dbDate(next.endDate) } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'period.dates', entityType: 'StudyPeriod', entityId: p.id,
      oldValue: old, newValue: next, details: { name: p.name },
    });
    return { ok: true, changed: true };
  });
}

export type NextYearInput = { sourceYearId: number; label: string; startDate: string; endDate: string };

/**
 * Creates the academic year after `sourceYearId` (the one in force) with a copy of its study
 * periods a year on, all open; a period that the new year's dates cut is cut to them. Classes,
 * courses and the timetable are not copied: the school sets them up next.
 */
export async function createNextYear(actor: Actor, input: NextYearInput): Promise<Result<{ id: number }>> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<Result<{ id: number }>> => {
    // One creation of a school's year at a time: the overlap check below must see the other's year.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('academic-year'), ${actor.schoolId}::int)`;
    const source = await tx.academicYear.findFirst({
      where: { id: input.sourceYearId, schoolId: actor.schoolId },
      select: { id: true, label: true, startYear: true, startDate: true, endDate: true, studyPeriods: { select: { schemeId: true, kind: true, name: true, ordinal: true, startDate: true, endDate: true } } },
    });
    if (!source) return { ok: false, error: 'Учебный год не найден' };
    // Only after the year in force (the latest begun): a year not begun yet would give one two ahead.
    if (!actor.currentYears.includes(source.id) || isoDate(source.startDate) > toSchoolDate(new Date(), actor.timeZone)) {
      return { ok: false, error: `Следующий учебный год заводится после текущего (уже начавшегося), а учебный год ${source.label} не текущий` };
    }
    const startYear = source.startYear + 1;
    const label = yearLabel(startYear);
    if (await tx.academicYear.findFirst({ where: { schoolId: actor.schoolId, startYear: { gte: startYear } }, select: { id: true } })) {
      return { ok: false, error: `Учебный год ${label} уже заведён` };
    }
    if (input.label !== label) return { ok: false, field: 'label', error: `Следующий учебный год — ${label}` };
    const lastDay = `${startYear + 1}-08-31`;
    if (!input.startDate.startsWith(`${startYear}-`)) return { ok: false, field: 'startDate', error: `Учебный год ${label} начинается в ${startYear} году` };
    if (input.endDate <= input.startDate) return { ok: false, field: 'endDate', error: 'Окончание года раньше его начала' };
    if (input.endDate > lastDay) return { ok: false, field: 'endDate', error: `Учебный год заканчивается не позже ${formatDateRu(lastDay)}` };
    const sourceSpan = { startDate: isoDate(source.startDate), endDate: isoDate(source.endDate) };
    if (input.startDate <= sourceSpan.endDate) return { ok: false, field: 'startDate', error: `Пересекается с учебным годом ${source.label} (${spanText(sourceSpan)})` };
    // The whole-year period is the year; a term keeps its days a year on (adjacent terms stay
    // adjacent), inside the new year.
    const inOrder = source.studyPeriods.map((s) => ({ ...s, startDate: isoDate(s.startDate), endDate: isoDate(s.endDate) }))
      .sort((a, b) => (a.schemeId ?? 0) - (b.schemeId ?? 0) || a.kind.localeCompare(b.kind) || a.ordinal - b.ordinal);
    const moved = [...new Set(inOrder.map((s) => `${s.schemeId} ${s.kind}`))]
      .flatMap((key) => nextYearSpans(inOrder.filter((s) => `${s.schemeId} ${s.kind}` === key), (d) => addDays(d, 1)));
    const periods = moved.map((s) => {
      const from = s.kind === 'YEAR' ? input.startDate : s.startDate;
      const to = s.kind === 'YEAR' ? input.endDate : s.endDate;
      return { ...s, name: s.name.replace(source.label, label), startDate: from < input.startDate ? input.startDate : from, endDate: to > input.endDate ? input.endDate : to };
    });
    const squeezed = periods.find((s) => s.startDate > s.endDate);
    if (squeezed) return { ok: false, field: 'endDate', error: `В эти даты не помещается «${squeezed.name}»: выберите даты шире` };
    const year = await tx.academicYear.create({
      data: { schoolId: actor.schoolId, startYear, label, startDate: dbDate(input.startDate), endDate: dbDate(input.endDate) }, select: { id: true },
    });
    await tx.studyPeriod.createMany({
      data: periods.map((s) => ({ schoolId: actor.schoolId, academicYearId: year.id, schemeId: s.schemeId, kind: s.kind, name: s.name, ordinal: s.ordinal, startDate: dbDate(s.startDate), endDate: dbDate(s.endDate) })),
    });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'academicYear.create', entityType: 'AcademicYear', entityId: year.id,
      newValue: { label, startDate: input.startDate, endDate: input.endDate, periods: periods.map((s) => ({ name: s.name, startDate: s.startDate, endDate: s.endDate })) },
      details: { copiedFrom: source.label },
    });
    return { ok: true, id: year.id };
  });
}
