// Pupils left behind by the promotion (repeating the year, or not ticked) placed one by one into a
// class of next year that already exists, e.g. a repeating 5th grader into next year's 5Б made
// from this year's 4Б, under 'users:manage' like the promotion itself and with its dates: next
// year's class from its first day, this year's to the day before.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { dbDate } from './dates';
import { lastDayBefore, leftBehind, loadClasses, nextYearClasses, years } from './promotion';
import type { Failure, Result } from './users';

export type PlacementInput = { nextYearId: number; placements: { enrollmentId: number; classId: number }[] };
export type PlacementFailure = Failure & { pupilErrors?: Record<number, string> };

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };

/** Enrolls each pupil of `placements` into the next-year class chosen for them; any refusal writes nothing. */
export async function placePupils(actor: Actor, input: PlacementInput): Promise<Result<{ pupils: number }> | PlacementFailure> {
  if (!actor.permissions.has('users:manage')) return denied;
  if (!input.placements.length) return { ok: false, error: 'Выберите класс хотя бы для одного ученика' };
  return getDb().$transaction(async (tx: Prisma.TransactionClient): Promise<Result<{ pupils: number }> | PlacementFailure> => {
    // The promotion's lock: the pupils' list and next year's classes stay as read until the end.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('classes.promote'), ${actor.schoolId}::int)`;
    const { current, next } = await years(tx, actor);
    if (!current || !next) return { ok: false, error: 'Следующий учебный год ещё не заведён: сначала заведите его на странице «Учебные периоды»' };
    if (next.id !== input.nextYearId) return { ok: false, error: 'Учебные годы изменились, пока форма была открыта. Обновите страницу' };
    const open = new Map(leftBehind(await loadClasses(tx, actor.schoolId, current, next)).map((p) => [p.enrollmentId, p]));
    const classes = new Map((await nextYearClasses(tx, actor.schoolId, next.id)).map((c) => [c.id, c]));
    const pupilErrors: Record<number, string> = {};
    for (const { enrollmentId, classId } of input.placements) {
      if (!open.has(enrollmentId)) return { ok: false, error: 'Ученик не найден среди оставшихся в классах текущего учебного года: возможно, его уже перевели, пока форма была открыта. Обновите страницу' };
      if (!classes.has(classId)) pupilErrors[enrollmentId] = 'Класс не найден среди классов следующего учебного года этой школы';
    }
    // An open enrollment is the pupil's only one from its start on (enrollments never overlap):
    // no class of next year holds them yet.
    const pupils = input.placements.map((p) => ({ ...open.get(p.enrollmentId)!, classId: p.classId }));
    if (Object.keys(pupilErrors).length) return { ok: false, error: 'Никто не зачислен: исправьте отмеченных учеников', pupilErrors };

    const ended = await tx.enrollment.updateMany({ where: { schoolId: actor.schoolId, id: { in: pupils.map((p) => p.enrollmentId) }, endDate: null }, data: { endDate: dbDate(lastDayBefore(next)) } });
    if (ended.count !== pupils.length) throw new Error('classes.place: an enrollment changed during the placement');
    await tx.enrollment.createMany({ data: pupils.map((p) => ({ schoolId: actor.schoolId, studentId: p.studentId, classId: p.classId, startDate: dbDate(next.startDate), endDate: null })) });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'classes.place', entityType: 'AcademicYear', entityId: next.id,
      oldValue: { enrollments: pupils.map((p) => ({ id: p.enrollmentId, studentId: p.studentId, className: p.className, endDate: null })) },
      newValue: { pupils: pupils.map((p) => ({ studentId: p.studentId, classId: p.classId, className: classes.get(p.classId)!.name })), endedOn: lastDayBefore(next), enrolledFrom: next.startDate },
      details: { from: current.label, to: next.label },
    });
    return { ok: true, pupils: pupils.length };
  });
}
