// Перенос нагрузки: a class of next year (created by /admin/promotion, which copies no courses)
// takes the courses of a class of the year before, by default the one it was promoted from
// (grade − 1, same letter): the same subjects and grading scales, the class's groups by name
// (without pupils: next year's group lists are made anew) and the group courses in them, the same
// teachers. A teacher who no longer works at the school (account disabled, role taken away) is
// left out: the course is copied without them and the page names the courses left without a
// primary teacher. Under 'timetable:manage', like the rest of the teaching load; one transaction,
// one audit row, nothing written on any refusal.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { schoolToday } from './enrolled';
import { className } from './names';
import { canManage, denied, workingTeacher, type LoadResult } from './teaching-load';

type Tx = Prisma.TransactionClient;
type YearClass = { id: number; gradeLevel: number; letter: string; academicYearId: number; academicYear: { startYear: number; label: string } };

const classSelect = { id: true, gradeLevel: true, letter: true, academicYearId: true, academicYear: { select: { startYear: true, label: true } } } as const;

/** A class of the actor's school in a year that has not begun yet (on the school's clock); null otherwise. */
async function nextYearClass(db: Tx, actor: Actor, classId: number, now: Date): Promise<YearClass | null> {
  return db.schoolClass.findFirst({
    where: {
      id: classId, schoolId: actor.schoolId, academicYearId: { in: [...actor.currentYears] },
      academicYear: { startDate: { gt: schoolToday(actor.timeZone, now) } },
    },
    select: classSelect,
  });
}

/** The class's courses, whole-class and of its groups. */
const classCourses = (db: Tx, actor: Actor, classId: number) =>
  db.course.count({ where: { schoolId: actor.schoolId, OR: [{ classId }, { group: { classId } }] } });

/** The classes of the year before `target`'s, with their course counts. */
async function previousYearClasses(db: Tx, actor: Actor, target: YearClass) {
  const rows = await db.schoolClass.findMany({
    where: { schoolId: actor.schoolId, academicYear: { schoolId: actor.schoolId, startYear: target.academicYear.startYear - 1 } },
    select: { ...classSelect, _count: { select: { courses: true } }, groups: { select: { _count: { select: { courses: true } } } } },
    orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }],
  });
  return rows.map((c) => ({ ...c, name: className(c), courses: c._count.courses + c.groups.reduce((n, g) => n + g._count.courses, 0) }));
}

/** `blocked`: why nothing can be copied into the class now (it has courses, or no class of the year before has any). */
export type CopyChoice = { year: string; sources: { id: number; name: string; courses: number }[]; defaultId: number | null; blocked: string | null };

/**
 * What the page offers for `classId`: the previous year's classes to copy from and the one it was
 * promoted from; null when the class is not next year's.
 */
export async function copyChoice(actor: Actor, classId: number, now = new Date()): Promise<CopyChoice | null> {
  if (!canManage(actor)) return null;
  const db = getDb();
  const target = await nextYearClass(db, actor, classId, now);
  if (!target) return null;
  const year = `${target.academicYear.startYear - 1}/${target.academicYear.startYear}`;
  const sources = (await previousYearClasses(db, actor, target)).filter((c) => c.courses > 0);
  const promotedFrom = sources.find((c) => c.gradeLevel === target.gradeLevel - 1 && c.letter === target.letter);
  const blocked = await classCourses(db, actor, target.id) > 0 ? 'У класса уже есть курсы: перенос делается только в класс без курсов.'
    : !sources.length ? `Ни у одного класса ${year} учебного года нет курсов: переносить нечего.` : null;
  return { year, sources: sources.map((c) => ({ id: c.id, name: c.name, courses: c.courses })), defaultId: promotedFrom?.id ?? null, blocked };
}

export type CopyDone = { courses: number; groups: number; withoutPrimary: string[] };

/**
 * Copies the courses of `sourceClassId` (the year before the target's) into `targetClassId` (a
 * class of a year not begun, with no courses yet). The target class's row is locked, as
 * addCourse locks it: a course added meanwhile is seen by the "already has courses" check.
 */
export async function copyCourses(actor: Actor, input: { targetClassId: number; sourceClassId: number }, now = new Date()): Promise<LoadResult<CopyDone>> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<LoadResult<CopyDone>> => {
    await tx.$queryRaw`SELECT id FROM school_classes WHERE id = ${input.targetClassId} AND school_id = ${actor.schoolId} FOR UPDATE`;
    const target = await nextYearClass(tx, actor, input.targetClassId, now);
    if (!target) return { ok: false, error: 'Перенести предметы можно только в класс следующего учебного года этой школы (год ещё не начался)', field: 'form' };
    if (await classCourses(tx, actor, target.id) > 0) {
      return { ok: false, error: `У ${className(target)} класса уже есть курсы: перенос делается только в класс без курсов. Добавьте недостающие курсы по одному`, field: 'form' };
    }
    const source = (await previousYearClasses(tx, actor, target)).find((c) => c.id === input.sourceClassId);
    if (!source) return { ok: false, error: `Выберите класс ${target.academicYear.startYear - 1}/${target.academicYear.startYear} учебного года этой школы`, field: 'sourceClassId' };
    if (!source.courses) return { ok: false, error: `У ${source.name} класса нет курсов: переносить нечего`, field: 'sourceClassId' };

    const courses = await tx.course.findMany({
      where: { schoolId: actor.schoolId, OR: [{ classId: source.id }, { group: { classId: source.id } }] },
      select: { id: true, subjectId: true, groupId: true, gradingScaleId: true, subject: { select: { name: true } }, teachers: { select: { teacherId: true, isPrimary: true } } },
      orderBy: [{ subject: { name: 'asc' } }, { id: 'asc' }],
    });
    const sourceGroups = await tx.studyGroup.findMany({ where: { schoolId: actor.schoolId, classId: source.id }, select: { id: true, name: true, kind: true }, orderBy: { id: 'asc' } });
    // Groups the target class already has (made by hand before any course) are reused by name.
    const existing = new Map((await tx.studyGroup.findMany({ where: { schoolId: actor.schoolId, classId: target.id }, select: { id: true, name: true } })).map((g) => [g.name, g.id]));
    const groupMap = new Map<number, number>();
    const createdGroups: { id: number; name: string; from: number }[] = [];
    for (const g of sourceGroups) {
      let id = existing.get(g.name);
      if (id === undefined) {
        id = (await tx.studyGroup.create({ data: { schoolId: actor.schoolId, academicYearId: target.academicYearId, classId: target.id, kind: g.kind, name: g.name }, select: { id: true } })).id;
        createdGroups.push({ id, name: g.name, from: g.id });
        existing.set(g.name, id);
      }
      groupMap.set(g.id, id);
    }
    const teacherIds = [...new Set(courses.flatMap((c) => c.teachers.map((t) => t.teacherId)))];
    const working = new Set((await tx.user.findMany({ where: { ...workingTeacher(actor), id: { in: teacherIds } }, select: { id: true } })).map((u) => u.id));

    const copied = [];
    const leftOut: { courseId: number; teacherId: number }[] = [];
    const withoutPrimary: string[] = [];
    for (const c of courses) {
      const kept = c.teachers.filter((t) => working.has(t.teacherId));
      leftOut.push(...c.teachers.filter((t) => !working.has(t.teacherId)).map((t) => ({ courseId: c.id, teacherId: t.teacherId })));
      const place = c.groupId !== null ? { groupId: groupMap.get(c.groupId)! } : { classId: target.id };
      const created = await tx.course.create({
        data: {
          schoolId: actor.schoolId, academicYearId: target.academicYearId, subjectId: c.subjectId, gradingScaleId: c.gradingScaleId, ...place,
          teachers: { create: kept.map((t) => ({ schoolId: actor.schoolId, teacherId: t.teacherId, isPrimary: t.isPrimary })) },
        },
        select: { id: true },
      });
      const primaryId = kept.find((t) => t.isPrimary)?.teacherId ?? null;
      if (primaryId === null) withoutPrimary.push(c.subject.name);
      copied.push({ id: created.id, from: c.id, subjectId: c.subjectId, ...place, gradingScaleId: c.gradingScaleId, primaryId, coTeacherIds: kept.filter((t) => !t.isPrimary).map((t) => t.teacherId).sort((a, b) => a - b) });
    }
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'course.copy', entityType: 'SchoolClass', entityId: target.id,
      oldValue: { courses: [] },
      newValue: { courses: copied, groups: createdGroups },
      details: { from: { classId: source.id, name: source.name, year: source.academicYear.label }, to: { name: className(target), year: target.academicYear.label }, teachersLeftOut: leftOut },
    });
    return { ok: true, courses: copied.length, groups: createdGroups.length, withoutPrimary };
  });
}
