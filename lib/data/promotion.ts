// The move to a new school year (seed 002: the administrator prepares next year's classes): this
// year's classes become next year's, a grade up, with the pupils the administrator ticks, under
// 'users:manage' (the right that enrols pupils, lib/data/import.ts, and names class teachers).
// Courses and the teaching load are not copied here: /admin/courses copies them per class
// (lib/data/teaching-load-copy.ts).
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import { fullName } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { addDays } from '../domain/calendar';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { className } from './names';
import { strandedPupils, type Stranded } from './promotion-stranded';
import { GRADUATING_GRADES, graduatePupils, graduatedCounts } from './promotion-graduation';
import type { Failure, Result } from './users';

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const canManage = (actor: Actor) => actor.permissions.has('users:manage');

/** The last grade: its pupils finish school and nothing is created for them. */
export const FINAL_GRADE = 11;
/** After the 9th grade a pupil leaves or goes on to a 10th class: the administrator decides per class. */
export const OPTIONAL_GRADE = 9;

type Year = { id: number; label: string; startYear: number; startDate: string; endDate: string };
export type PromotionPupil = { enrollmentId: number; studentId: number; name: string };
export type PromotionClass = {
  id: number;
  name: string;
  classTeacherId: number | null;
  pupils: PromotionPupil[];
  /** Next year's class; null for the final grade (graduates). */
  target: { name: string; gradeLevel: number; letter: string; periodSchemeId: number; scheme: string; exists: boolean } | null;
  /** Whether the class is promoted unless the administrator says otherwise (not the 9th grade). */
  byDefault: boolean;
  /** Whether the class may graduate (11th; a 9th not going on), ticked by default (the 11th), and how many of it already have. */
  graduation: { byDefault: boolean; done: number } | null;
};
export type PromotionPlan =
  | { ready: false; current: Year | null; stranded: Stranded | null }
  | { ready: true; current: Year; next: Year; stranded: Stranded | null; classes: PromotionClass[]; teachers: { id: number; name: string }[]; leftBehind: LeftBehindPupil[]; moved: MovedPupil[]; nextClasses: { id: number; name: string }[] };

/** A pupil still in a class of this year (repeating the year, leaving, not moved yet, or of a class with no next year's class). */
export type LeftBehindPupil = PromotionPupil & { className: string };

/** Every pupil still in a class of this year, in class order: whatever their class's target, any of them may join a class of next year. */
export const leftBehind = (classes: readonly PromotionClass[]): LeftBehindPupil[] =>
  classes.flatMap((c) => c.pupils.map((p) => ({ ...p, className: c.name })));

/**
 * A pupil already moved into a class of next year (not begun yet): `enrollmentId` is that
 * enrollment; `from` is this year's enrollment the move ended (the day before next year's first),
 * null when the pupil came from elsewhere and has nothing here to go back to.
 */
export type MovedPupil = PromotionPupil & { classId: number; className: string; from: { enrollmentId: number; className: string } | null };

/** The pupils enrolled in next year's classes while it has not begun, in class order; none once it has. */
export async function movedPupils(db: Prisma.TransactionClient, actor: Actor, current: Year, next: Year): Promise<MovedPupil[]> {
  if (next.startDate <= toSchoolDate(new Date(), actor.timeZone)) return [];
  const rows = await db.enrollment.findMany({
    where: { schoolId: actor.schoolId, endDate: null, schoolClass: { schoolId: actor.schoolId, academicYearId: next.id } },
    select: { id: true, studentId: true, student: { select: { lastName: true, firstName: true, middleName: true } }, schoolClass: { select: { id: true, gradeLevel: true, letter: true } } },
    orderBy: [{ schoolClass: { gradeLevel: 'asc' } }, { schoolClass: { letter: 'asc' } }, { student: { lastName: 'asc' } }, { student: { firstName: 'asc' } }],
  });
  const before = await db.enrollment.findMany({
    where: { schoolId: actor.schoolId, studentId: { in: rows.map((r) => r.studentId) }, endDate: dbDate(lastDayBefore(next)), schoolClass: { schoolId: actor.schoolId, academicYearId: current.id } },
    select: { id: true, studentId: true, schoolClass: { select: { gradeLevel: true, letter: true } } },
  });
  const fromOf = new Map(before.map((b) => [b.studentId, { enrollmentId: b.id, className: className(b.schoolClass) }]));
  return rows.map((r) => ({
    enrollmentId: r.id, studentId: r.studentId, name: fullName(r.student), classId: r.schoolClass.id, className: className(r.schoolClass), from: fromOf.get(r.studentId) ?? null,
  }));
}

/**
 * Promotion and placement read next year's dates and add rows to it: they wait for a change of
 * the school's years in flight ('academic-year', lib/data/academic-years.ts), which waits for
 * them in turn. The year's lock first, as everywhere, so that neither waits for the other forever.
 */
export async function lockForPromotion(tx: Prisma.TransactionClient, schoolId: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('academic-year'), ${schoolId}::int)`;
  // One promotion or placement per school at a time: the second waits and then finds what the first did.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('classes.promote'), ${schoolId}::int)`;
}

/** Next year's classes of the school, in grade and letter order. */
export async function nextYearClasses(db: Prisma.TransactionClient, schoolId: number, nextId: number) {
  const rows = await db.schoolClass.findMany({ where: { schoolId, academicYearId: nextId }, select: { id: true, gradeLevel: true, letter: true }, orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }] });
  return rows.map((c) => ({ id: c.id, name: className(c) }));
}

const yearSelect = { id: true, label: true, startYear: true, startDate: true, endDate: true } as const;
const year = (y: { id: number; label: string; startYear: number; startDate: Date; endDate: Date }): Year => ({ ...y, startDate: isoDate(y.startDate), endDate: isoDate(y.endDate) });

/** The year in force (the latest begun of the current years) and the one after it, if created. */
export async function years(db: Prisma.TransactionClient, actor: Actor): Promise<{ current: Year | null; next: Year | null }> {
  const rows = (await db.academicYear.findMany({ where: { schoolId: actor.schoolId, id: { in: [...actor.currentYears] } }, select: yearSelect, orderBy: { startDate: 'asc' } })).map(year);
  const today = toSchoolDate(new Date(), actor.timeZone);
  const current = rows[0] && rows[0].startDate <= today ? rows[0] : null;
  const next = current ? rows.find((y) => y.startYear === current.startYear + 1) ?? null : null;
  return { current, next };
}

/** This year's classes with their pupils still in them, and what each becomes next year. */
export async function loadClasses(db: Prisma.TransactionClient, schoolId: number, current: Year, next: Year): Promise<PromotionClass[]> {
  const classes = await db.schoolClass.findMany({
    where: { schoolId, academicYearId: current.id },
    orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }],
    select: {
      id: true, gradeLevel: true, letter: true, classTeacherId: true, periodSchemeId: true,
      // Pupils in the class now: an enrollment ended earlier is a pupil who left or moved.
      enrollments: {
        where: { schoolId, endDate: null },
        select: { id: true, student: { select: { id: true, lastName: true, firstName: true, middleName: true } } },
        orderBy: [{ student: { lastName: 'asc' } }, { student: { firstName: 'asc' } }],
      },
    },
  });
  const existing = await db.schoolClass.findMany({ where: { schoolId, academicYearId: next.id }, select: { gradeLevel: true, letter: true } });
  const taken = new Set(existing.map(className));
  const graduated = await graduatedCounts(db, schoolId, current.id, next);
  const schemes = new Map((await db.periodScheme.findMany({ where: { schoolId }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  // A grade's scheme is the one this year's classes of that grade follow (quarters up to the 9th,
  // halves in 10–11 in the demo school); a grade nobody is in this year keeps the class's own.
  const schemeOfGrade = new Map<number, number>();
  for (const c of classes) if (!schemeOfGrade.has(c.gradeLevel)) schemeOfGrade.set(c.gradeLevel, c.periodSchemeId);
  return classes.map((c) => {
    const grade = c.gradeLevel + 1;
    const periodSchemeId = schemeOfGrade.get(grade) ?? c.periodSchemeId;
    const name = className({ gradeLevel: grade, letter: c.letter });
    return {
      id: c.id,
      name: className(c),
      classTeacherId: c.classTeacherId,
      pupils: c.enrollments.map((e) => ({ enrollmentId: e.id, studentId: e.student.id, name: fullName(e.student) })),
      target: c.gradeLevel >= FINAL_GRADE ? null : { name, gradeLevel: grade, letter: c.letter, periodSchemeId, scheme: schemes.get(periodSchemeId) ?? '', exists: taken.has(name) },
      byDefault: c.gradeLevel !== OPTIONAL_GRADE,
      // Ticked by default for the 11th only until it has graduated: those left after that were left on
      // purpose (repeating the year), and a later visit for another class must not graduate them.
      graduation: GRADUATING_GRADES.includes(c.gradeLevel) ? { byDefault: c.gradeLevel >= FINAL_GRADE && !graduated.get(c.id), done: graduated.get(c.id) ?? 0 } : null,
    };
  });
}

async function activeTeachers(db: Prisma.TransactionClient, schoolId: number) {
  const rows = await db.user.findMany({
    where: { schoolId, active: true, roles: { some: { role: 'TEACHER' } } },
    select: { id: true, lastName: true, firstName: true, middleName: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
  });
  return rows.map((t) => ({ id: t.id, name: fullName(t) }));
}

/** The page's plan; null without the right. */
export async function promotionPlan(actor: Actor): Promise<PromotionPlan | null> {
  if (!canManage(actor)) return null;
  const db = getDb();
  const { current, next } = await years(db, actor);
  // Last year's pupils never placed: listed whether or not next year is created yet.
  const stranded = current && await strandedPupils(db, actor, current);
  if (!current || !next) return { ready: false, current, stranded };
  const classes = await loadClasses(db, actor.schoolId, current, next);
  return {
    ready: true, current, next, stranded, classes, teachers: await activeTeachers(db, actor.schoolId),
    leftBehind: leftBehind(classes), moved: await movedPupils(db, actor, current, next), nextClasses: await nextYearClasses(db, actor.schoolId, next.id),
  };
}

export type PromotionInput = {
  nextYearId: number;
  /** Classes of this year to promote. */
  classIds: number[];
  /** Next year's class teacher per promoted class (null: none yet). */
  teachers: Record<number, number | null>;
  /** Enrollments (pupils of the promoted classes) that move up. */
  enrollmentIds: number[];
  /** Per promoted class, the enrollments the form listed: a class whose list changed since is refused. */
  shown: Record<number, number[]>;
  /** Classes of this year that graduate (11th, a 9th not promoted): their ticked pupils leave school. */
  graduateClassIds?: number[];
};

export type PromotionFailure = Failure & { classErrors?: Record<number, string> };
export type PromotionDone = { classes: number; pupils: number; graduated: number };

/** The day before next year's first: the last day of a promoted pupil in this year's class. */
export const lastDayBefore = (next: { startDate: string }) => addDays(next.startDate, -1);

export const noNextYear = 'Следующий учебный год ещё не заведён: сначала заведите его на странице «Учебные периоды»';

/**
 * Creates next year's classes for `classIds` and moves the ticked pupils into them from next
 * year's first day, in one transaction with one audit row. A pupil's enrollment in this year's
 * class gets the day before next year's as its end: a pupil is in one class at a time (the enrollments'
 * no-overlap trigger), and the diary shows each week under the class of its dates. Any refusal
 * writes nothing.
 */
export async function promoteClasses(actor: Actor, input: PromotionInput): Promise<Result<PromotionDone> | PromotionFailure> {
  if (!canManage(actor)) return denied;
  if (!input.classIds.length && !input.graduateClassIds?.length) return { ok: false, error: 'Отметьте хотя бы один класс' };
  return getDb().$transaction(async (tx): Promise<Result<PromotionDone> | PromotionFailure> => {
    await lockForPromotion(tx, actor.schoolId);
    const { current, next } = await years(tx, actor);
    if (!current || !next) return { ok: false, error: noNextYear };
    if (next.id !== input.nextYearId) return { ok: false, error: 'Учебные годы изменились, пока форма была открыта. Обновите страницу' };
    const all = await loadClasses(tx, actor.schoolId, current, next);
    // A class sent twice (a form posted with a repeated field) is promoted once.
    const chosen = [...new Set(input.classIds)].map((id) => all.find((c) => c.id === id));
    if (chosen.some((c) => !c)) return { ok: false, error: 'Класс не найден в текущем учебном году этой школы' };
    const classes = chosen as PromotionClass[];
    const graduating = [...new Set(input.graduateClassIds ?? [])].map((id) => all.find((c) => c.id === id));
    if (graduating.some((c) => !c)) return { ok: false, error: 'Класс не найден в текущем учебном году этой школы' };
    const leaving = graduating as PromotionClass[];
    const ticked = new Set(input.enrollmentIds);
    const classErrors: Record<number, string> = {};
    const stale = (c: PromotionClass) => [...(input.shown[c.id] ?? [])].sort((a, b) => a - b).join(',') !== c.pupils.map((p) => p.enrollmentId).sort((a, b) => a - b).join(',');
    for (const c of classes) {
      if (!c.target) classErrors[c.id] = `${c.name}: выпускной класс, на следующий год не переводится`;
      else if (c.target.exists) classErrors[c.id] = `Класс ${c.target.name} на ${next.label} уже создан — возможно, другим пользователем, пока форма была открыта. Снимите отметку с класса ${c.name} или обновите страницу`;
      else if (stale(c)) classErrors[c.id] = `Список учеников ${c.name} изменился, пока форма была открыта. Обновите страницу`;
    }
    for (const c of leaving) {
      if (!c.graduation) classErrors[c.id] ??= `${c.name}: выпускаются только 11 и 9 классы`;
      else if (classes.includes(c)) classErrors[c.id] ??= `${c.name}: класс либо переходит в 10 класс, либо выпускается — снимите одну из отметок`;
      else if (stale(c)) classErrors[c.id] ??= `Список учеников ${c.name} изменился, пока форма была открыта. Обновите страницу`;
    }
    const refused = (): PromotionFailure => ({ ok: false, error: 'Ничего не создано: исправьте отмеченные классы', classErrors });
    // A form opened before someone else's promotion lists pupils no longer in this year's classes: the class says why.
    if (Object.keys(classErrors).length) return refused();
    const known = new Set(all.flatMap((c) => c.pupils.map((p) => p.enrollmentId)));
    if (input.enrollmentIds.some((id) => !known.has(id))) return { ok: false, error: 'Ученик не найден в классах текущего учебного года этой школы' };
    const pupils = classes.flatMap((c) => c.pupils.filter((p) => ticked.has(p.enrollmentId)).map((p) => ({ ...p, classId: c.id })));
    const graduates = leaving.flatMap((c) => c.pupils.filter((p) => ticked.has(p.enrollmentId)).map((p) => ({ ...p, classId: c.id })));
    // A pupil already placed in a class beyond this year (by hand, or a transfer) is not moved twice.
    const later = await tx.enrollment.findMany({
      where: { schoolId: actor.schoolId, studentId: { in: [...pupils, ...graduates].map((p) => p.studentId) }, startDate: { gt: dbDate(current.endDate) } },
      select: { studentId: true },
    });
    for (const l of later) {
      const p = [...pupils, ...graduates].find((x) => x.studentId === l.studentId)!;
      classErrors[p.classId] ??= `${p.name} уже зачислен(а) в класс следующего учебного года: снимите отметку ${pupils.includes(p) ? '«переводится»' : '«выпускается»'}`;
    }
    const teacherIds = [...new Set(classes.map((c) => input.teachers[c.id]).filter((t): t is number => typeof t === 'number'))];
    const teachers = new Set((await tx.user.findMany({ where: { id: { in: teacherIds }, schoolId: actor.schoolId, active: true, roles: { some: { role: 'TEACHER' } } }, select: { id: true } })).map((t) => t.id));
    for (const c of classes) {
      const t = input.teachers[c.id];
      if (typeof t === 'number' && !teachers.has(t)) classErrors[c.id] ??= 'Классным руководителем может быть только работающий учитель этой школы';
    }
    if (Object.keys(classErrors).length) return refused();

    if (leaving.length) {
      await graduatePupils(tx, actor, { current, next }, leaving, graduates, leaving.flatMap((c) => c.pupils.filter((p) => !ticked.has(p.enrollmentId)).map((p) => p.studentId)), lastDayBefore(next));
    }
    if (!classes.length) return { ok: true, classes: 0, pupils: 0, graduated: graduates.length };
    const created = await tx.schoolClass.createManyAndReturn({
      data: classes.map((c) => ({
        schoolId: actor.schoolId, academicYearId: next.id, gradeLevel: c.target!.gradeLevel, letter: c.target!.letter,
        periodSchemeId: c.target!.periodSchemeId, classTeacherId: input.teachers[c.id] ?? null,
      })),
      select: { id: true, gradeLevel: true, letter: true, classTeacherId: true },
    });
    const newId = new Map(created.map((n) => [className(n), n.id]));
    const targetOf = new Map(classes.map((c) => [c.id, newId.get(c.target!.name)!]));
    if (pupils.length) {
      // This year's class holds them until next year's begins, summer included: the journal and
      // the diary of May stay theirs, and a pupil is never without a class in between (the
      // "current class" everywhere is the enrollment covering today); next year's holds them
      // from its first day.
      const ended = await tx.enrollment.updateMany({ where: { schoolId: actor.schoolId, id: { in: pupils.map((p) => p.enrollmentId) }, endDate: null }, data: { endDate: dbDate(lastDayBefore(next)) } });
      // Read under no lock of the pupils' own: a transfer committed meanwhile rolls everything back.
      if (ended.count !== pupils.length) throw new Error('classes.promote: an enrollment changed during the promotion');
      await tx.enrollment.createMany({
        data: pupils.map((p) => ({ schoolId: actor.schoolId, studentId: p.studentId, classId: targetOf.get(p.classId)!, startDate: dbDate(next.startDate), endDate: null })),
      });
    }
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'classes.promote', entityType: 'AcademicYear', entityId: next.id,
      oldValue: { enrollments: pupils.map((p) => ({ id: p.enrollmentId, classId: p.classId, studentId: p.studentId, endDate: null })) },
      newValue: {
        classes: classes.map((c) => ({
          id: targetOf.get(c.id), name: c.target!.name, from: c.name, classTeacherId: input.teachers[c.id] ?? null, periodSchemeId: c.target!.periodSchemeId,
          pupils: pupils.filter((p) => p.classId === c.id).map((p) => p.studentId),
        })),
        endedOn: lastDayBefore(next), enrolledFrom: next.startDate,
      },
      details: { from: current.label, to: next.label, notMoved: classes.flatMap((c) => c.pupils.filter((p) => !ticked.has(p.enrollmentId)).map((p) => p.studentId)) },
    });
    return { ok: true, classes: created.length, pupils: pupils.length, graduated: graduates.length };
  });
}
