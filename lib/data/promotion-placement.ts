// Pupils left behind by the promotion (repeating the year, not ticked, or of a class with no class
// next year) placed one by one into a class of next year that already exists, e.g. a repeating 5th
// grader into next year's 5Б made from this year's 4Б, under 'users:manage' like the promotion
// itself and with its dates: next year's class from its first day, this year's to the day before.
// While next year has not begun, a pupil moved by mistake is corrected here: into another class of
// next year, or back into this year's class (see correctPupils).
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { dbDate } from './dates';
import { lastDayBefore, leftBehind, loadClasses, lockForPromotion, movedPupils, nextYearClasses, noNextYear, years, type MovedPupil } from './promotion';
import type { Failure, Result } from './users';

/** classId null: the pupil stays in this year's class they were moved from. `shownClassId`: their class of next year as the form showed it. */
export type Correction = { enrollmentId: number; shownClassId: number; classId: number | null };
export type PlacementInput = { nextYearId: number; placements: { enrollmentId: number; classId: number }[]; corrections?: Correction[] };
export type PlacementFailure = Failure & { pupilErrors?: Record<number, string> };
/** `remaining`: pupils still without a class of the year placed into (graduates, whose enrollment has ended, aside). */
export type PlacementDone = { pupils: number; corrected: number; remaining: number };

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const stale = 'Ученик не найден среди оставшихся в классах текущего учебного года: возможно, его уже перевели, пока форма была открыта. Обновите страницу';

/** One entry per enrollment: a repeat with the same class is dropped, one with another class is refused. */
function unique<T extends { enrollmentId: number; classId: number | null }>(list: readonly T[], errors: Record<number, string>): T[] {
  const seen = new Map<number, T>();
  for (const item of list) {
    const first = seen.get(item.enrollmentId);
    if (!first) seen.set(item.enrollmentId, item);
    else if (first.classId !== item.classId) errors[item.enrollmentId] = 'Для ученика выбрано несколько классов: выберите один';
  }
  return [...seen.values()];
}

type Year = { id: number; label: string; startDate: string };
type Pupil = { enrollmentId: number; studentId: number; className: string };

/**
 * The placements, one per enrollment, each of a pupil in `open` into one of `classes`; null when a
 * pupil is not in `open` (placed meanwhile, or another school's): the form is stale.
 */
export function checkPlacements(list: readonly { enrollmentId: number; classId: number }[], open: ReadonlyMap<number, unknown>, classes: ReadonlyMap<number, unknown>, pupilErrors: Record<number, string>, which: 'следующего' | 'текущего') {
  const placements = unique(list, pupilErrors);
  for (const { enrollmentId, classId } of placements) {
    if (!open.has(enrollmentId)) return null;
    if (!classes.has(classId)) pupilErrors[enrollmentId] ??= `Класс не найден среди классов ${which} учебного года этой школы`;
  }
  return placements;
}

/**
 * Moves each placed pupil from their open enrollment of year `from` into the chosen class of year
 * `to`: the old one ends the day before `to` begins, the new one starts on its first day (a pupil
 * is in one class at a time: the enrollments' no-overlap rule). An open enrollment is the pupil's
 * only one from its start on, so nothing of `to` holds them yet. One audit row; the count placed.
 */
export async function enrollPupils(
  tx: Prisma.TransactionClient, actor: Actor, action: string, from: Year, to: Year,
  placements: readonly { enrollmentId: number; classId: number }[], open: ReadonlyMap<number, Pupil>, classes: ReadonlyMap<number, { name: string }>,
): Promise<number> {
  const pupils = placements.map((p) => ({ ...open.get(p.enrollmentId)!, classId: p.classId }));
  if (!pupils.length) return 0;
  const ended = await tx.enrollment.updateMany({ where: { schoolId: actor.schoolId, id: { in: pupils.map((p) => p.enrollmentId) }, endDate: null }, data: { endDate: dbDate(lastDayBefore(to)) } });
  if (ended.count !== pupils.length) throw new Error(`${action}: an enrollment changed during the placement`);
  await tx.enrollment.createMany({ data: pupils.map((p) => ({ schoolId: actor.schoolId, studentId: p.studentId, classId: p.classId, startDate: dbDate(to.startDate), endDate: null })) });
  await writeAudit(tx, {
    schoolId: actor.schoolId, actorId: actor.id, action, entityType: 'AcademicYear', entityId: to.id,
    oldValue: { enrollments: pupils.map((p) => ({ id: p.enrollmentId, studentId: p.studentId, className: p.className, endDate: null })) },
    newValue: { pupils: pupils.map((p) => ({ studentId: p.studentId, classId: p.classId, className: classes.get(p.classId)!.name })), endedOn: lastDayBefore(to), enrolledFrom: to.startDate },
    details: { from: from.label, to: to.label },
  });
  return pupils.length;
}

/**
 * Pupils still in a class of year `yearId` (open enrollment). Graduates are not among them: the
 * promotion form's «Выпуск» ends their enrollment (lib/data/promotion-graduation.ts); an 11th
 * grader not graduated repeats the year and needs a class.
 */
export const unplaced = (tx: Prisma.TransactionClient, schoolId: number, yearId: number) =>
  tx.enrollment.count({ where: { schoolId, endDate: null, schoolClass: { schoolId, academicYearId: yearId } } });

/**
 * Enrolls each pupil of `placements` into the next-year class chosen for them, and applies the
 * `corrections` of pupils already moved; any refusal writes nothing.
 */
export async function placePupils(actor: Actor, input: PlacementInput): Promise<Result<PlacementDone> | PlacementFailure> {
  if (!actor.permissions.has('users:manage')) return denied;
  if (!input.placements.length && !input.corrections?.length) return { ok: false, error: 'Выберите класс хотя бы для одного ученика' };
  return getDb().$transaction(async (tx: Prisma.TransactionClient): Promise<Result<PlacementDone> | PlacementFailure> => {
    // The promotion's locks: the years, the pupils' list and next year's classes stay as read until the end.
    await lockForPromotion(tx, actor.schoolId);
    const { current, next } = await years(tx, actor);
    if (!current || !next) return { ok: false, error: noNextYear };
    if (next.id !== input.nextYearId) return { ok: false, error: 'Учебные годы изменились, пока форма была открыта. Обновите страницу' };
    const open = new Map(leftBehind(await loadClasses(tx, actor.schoolId, current, next)).map((p) => [p.enrollmentId, p]));
    const classes = new Map((await nextYearClasses(tx, actor.schoolId, next.id)).map((c) => [c.id, c]));
    const pupilErrors: Record<number, string> = {};
    const placements = checkPlacements(input.placements, open, classes, pupilErrors, 'следующего');
    if (!placements) return { ok: false, error: stale };
    const corrections = unique(input.corrections ?? [], pupilErrors);
    const moved = new Map((await movedPupils(tx, actor, current, next)).map((p) => [p.enrollmentId, p]));
    for (const c of corrections) {
      const pupil = moved.get(c.enrollmentId);
      if (!pupil) return { ok: false, error: `Ученик не найден среди переведённых в классы ${next.label}: возможно, учебный год уже начался или ученика перевели, пока форма была открыта. Обновите страницу` };
      if (pupil.classId !== c.shownClassId) return { ok: false, error: `${pupil.name}: класс ученика изменил другой пользователь, пока форма была открыта. Обновите страницу` };
      const problem = c.classId !== null && !classes.has(c.classId) ? 'Класс не найден среди классов следующего учебного года этой школы' : await correctionProblem(tx, actor.schoolId, next, pupil, c.classId);
      if (problem) pupilErrors[c.enrollmentId] ??= problem;
    }
    if (Object.keys(pupilErrors).length) return { ok: false, error: 'Ничего не изменено: исправьте отмеченных учеников', pupilErrors };

    const pupils = await enrollPupils(tx, actor, 'classes.place', current, next, placements, open, classes);
    if (corrections.length) await applyCorrections(tx, actor, next, corrections.map((c) => ({ ...c, pupil: moved.get(c.enrollmentId)!, className: c.classId === null ? null : classes.get(c.classId)!.name })));
    return { ok: true, pupils, corrected: corrections.filter((c) => c.classId !== moved.get(c.enrollmentId)!.classId).length, remaining: await unplaced(tx, actor.schoolId, current.id) };
  });
}

/**
 * Why a moved pupil cannot leave their class of next year, or null. Whatever of next year already
 * names the pupil (a group, a mark, attendance, a final mark, individual homework) would be left behind in a class
 * they are no longer in; going back, this year's enrollment reopens to no end, which no later
 * enrollment may overlap (the database's no-overlap rule).
 */
async function correctionProblem(tx: Prisma.TransactionClient, schoolId: number, next: { id: number; label: string; startDate: string }, pupil: MovedPupil, classId: number | null): Promise<string | null> {
  if (classId === pupil.classId) return null;
  if (classId === null && !pupil.from) return `${pupil.name} зачислен(а) в ${pupil.className} не переводом из класса этого года: вернуть некуда, выберите класс ${next.label}`;
  const studentId = pupil.studentId;
  const ofYear = { academicYearId: next.id };
  const [groups, marks, attendance, finals, homework] = await Promise.all([
    tx.studyGroupMember.count({ where: { schoolId, studentId, group: ofYear } }),
    tx.mark.count({ where: { schoolId, studentId, course: ofYear } }),
    tx.attendance.count({ where: { schoolId, studentId, lesson: { course: ofYear } } }),
    tx.finalMark.count({ where: { schoolId, studentId, course: ofYear } }),
    // Individual homework (studentId set) given for a lesson of next year's course.
    tx.homework.count({ where: { schoolId, studentId, lesson: { course: ofYear } } }),
  ]);
  if (groups + marks + attendance + finals + homework > 0) return `У ученика уже есть группы, отметки, посещаемость или индивидуальные домашние задания ${next.label}: сначала удалите их`;
  if (classId === null) {
    const later = await tx.enrollment.count({ where: { schoolId, studentId, id: { not: pupil.enrollmentId }, startDate: { gte: dbDate(next.startDate) } } });
    if (later > 0) return `${pupil.name} зачислен(а) и в другой класс после ${pupil.from!.className}: вернуть в ${pupil.from!.className} нельзя`;
  }
  return null;
}

type Applied = Correction & { pupil: MovedPupil; className: string | null };

/** Re-places or sends back the moved pupils, in one audit row with what each was and became. */
async function applyCorrections(tx: Prisma.TransactionClient, actor: Actor, next: { id: number; label: string; startDate: string }, list: Applied[]) {
  const changed = list.filter((c) => c.classId !== c.pupil.classId);
  for (const c of changed) {
    if (c.classId !== null) {
      await tx.enrollment.update({ where: { id: c.enrollmentId, schoolId: actor.schoolId }, data: { classId: c.classId } });
    } else {
      // Next year's first: the reopened enrollment would overlap it otherwise.
      await tx.enrollment.delete({ where: { id: c.enrollmentId, schoolId: actor.schoolId } });
      await tx.enrollment.update({ where: { id: c.pupil.from!.enrollmentId, schoolId: actor.schoolId }, data: { endDate: null } });
    }
  }
  if (!changed.length) return;
  await writeAudit(tx, {
    schoolId: actor.schoolId, actorId: actor.id, action: 'classes.correct', entityType: 'AcademicYear', entityId: next.id,
    oldValue: { pupils: changed.map((c) => ({ studentId: c.pupil.studentId, enrollmentId: c.enrollmentId, classId: c.pupil.classId, className: c.pupil.className, startDate: next.startDate, from: c.pupil.from && { enrollmentId: c.pupil.from.enrollmentId, className: c.pupil.from.className, endDate: lastDayBefore(next) } })) },
    newValue: {
      pupils: changed.map((c) => c.classId !== null
        ? { studentId: c.pupil.studentId, enrollmentId: c.enrollmentId, classId: c.classId, className: c.className }
        : { studentId: c.pupil.studentId, enrollmentId: null, stays: { enrollmentId: c.pupil.from!.enrollmentId, className: c.pupil.from!.className, endDate: null } }),
    },
    details: { to: next.label },
  });
}
