// Pupils left in a class of last year once this year has begun (not moved up, or sent back with
// «остаётся», and not placed before 1 September): last year is no longer current, so they are in
// no class list of this year and no class teacher reads their diary. The promotion page lists them
// and places them into a class of this year from its first day, with the placement's own checks,
// writes and audit (enrollPupils), under 'users:manage'.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { fullName } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { dbDate, isoDate } from './dates';
import { className } from './names';
import { lockForPromotion, nextYearClasses, years, type LeftBehindPupil } from './promotion';
import { checkPlacements, enrollPupils, unplaced, type PlacementDone, type PlacementFailure } from './promotion-placement';
import type { Failure, Result } from './users';

type Year = { id: number; label: string; startDate: string };
export type Stranded = { previous: Year; current: Year; pupils: LeftBehindPupil[]; classes: { id: number; name: string }[] };
export type StrandedInput = { currentYearId: number; placements: { enrollmentId: number; classId: number }[] };

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };

/** The year before `current` with its pupils still in its classes, and this year's classes; null when nobody is left. */
export async function strandedPupils(db: Prisma.TransactionClient, actor: Actor, current: { id: number; label: string; startYear: number; startDate: string }): Promise<Stranded | null> {
  const prev = await db.academicYear.findFirst({ where: { schoolId: actor.schoolId, startYear: current.startYear - 1 }, select: { id: true, label: true, startDate: true } });
  if (!prev) return null;
  const rows = await db.enrollment.findMany({
    where: { schoolId: actor.schoolId, endDate: null, schoolClass: { schoolId: actor.schoolId, academicYearId: prev.id } },
    select: { id: true, studentId: true, student: { select: { lastName: true, firstName: true, middleName: true } }, schoolClass: { select: { gradeLevel: true, letter: true } } },
    orderBy: [{ schoolClass: { gradeLevel: 'asc' } }, { schoolClass: { letter: 'asc' } }, { student: { lastName: 'asc' } }, { student: { firstName: 'asc' } }],
  });
  if (!rows.length) return null;
  return {
    previous: { ...prev, startDate: isoDate(prev.startDate) },
    current,
    pupils: rows.map((r) => ({ enrollmentId: r.id, studentId: r.studentId, name: fullName(r.student), className: className(r.schoolClass) })),
    classes: await nextYearClasses(db, actor.schoolId, current.id),
  };
}

/**
 * Places the pupils left in last year's classes into this year's, from this year's first day
 * (last year's class ending the day before, as a promotion does): the journal and the diary show
 * them in the new class from 1 September, lessons before the placement with no marks. Any refusal
 * writes nothing.
 */
export async function placeStranded(actor: Actor, input: StrandedInput): Promise<Result<PlacementDone> | PlacementFailure> {
  if (!actor.permissions.has('users:manage')) return denied;
  if (!input.placements.length) return { ok: false, error: 'Выберите класс хотя бы для одного ученика' };
  return getDb().$transaction(async (tx): Promise<Result<PlacementDone> | PlacementFailure> => {
    await lockForPromotion(tx, actor.schoolId);
    const { current } = await years(tx, actor);
    if (!current || current.id !== input.currentYearId) return { ok: false, error: 'Учебные годы изменились, пока форма была открыта. Обновите страницу' };
    const stranded = await strandedPupils(tx, actor, current);
    const open = new Map((stranded?.pupils ?? []).map((p) => [p.enrollmentId, p]));
    const classes = new Map((await nextYearClasses(tx, actor.schoolId, current.id)).map((c) => [c.id, c]));
    const pupilErrors: Record<number, string> = {};
    const placements = checkPlacements(input.placements, open, classes, pupilErrors, 'текущего');
    if (!placements || !stranded) return { ok: false, error: `Ученик не найден среди оставшихся в классах прошлого учебного года: возможно, его уже зачислили, пока форма была открыта. Обновите страницу` };
    // Enrolled into last year's class after this year began: no day before this year's first to end it on.
    const late = await tx.enrollment.findMany({ where: { schoolId: actor.schoolId, id: { in: placements.map((p) => p.enrollmentId) }, startDate: { gte: dbDate(current.startDate) } }, select: { id: true } });
    for (const l of late) pupilErrors[l.id] ??= `${open.get(l.id)!.name} зачислен(а) в ${open.get(l.id)!.className} уже в ${current.label}, после начала года: здесь его класс не сменить`;
    if (Object.keys(pupilErrors).length) return { ok: false, error: 'Ничего не изменено: исправьте отмеченных учеников', pupilErrors };
    const pupils = await enrollPupils(tx, actor, 'classes.place', stranded.previous, current, placements, open, classes);
    return { ok: true, pupils, corrected: 0, remaining: await unplaced(tx, actor.schoolId, stranded.previous.id) };
  });
}
