// Учебная нагрузка: the courses of the current year's classes (subject, group, teachers, scale),
// kept by the holder of 'timetable:manage' (the deputy director; administrator and management by
// default). Every query is scoped by the actor's school. Only the current academic years' load is
// changed (Actor.currentYears: the latest begun and any not begun yet): an earlier year's is
// history, closed as that year's journal is (yearEnded in lib/data/journal/write-context.ts).
// Journal rights follow the course's teachers (readableCourses/writableLessons in scope.ts), so
// changing them passes the whole journal, lessons already held included, to the new teachers: a
// removed teacher no longer reads or writes it, the new one completes marks within the deadline.
// The lessons' rows keep who taught them (Lesson.teacherId).
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import { fullName, type Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { toSchoolDate } from '../domain/timezone';
import { formatDateRu } from '../domain/calendar';
import { dbDate, isoDate } from './dates';
import { className } from './names';
import { changedMeanwhile } from './users';
import { ON_WEEKDAY } from './timetable/entries';
import { lockTimetable } from './timetable/lock';
import { oneDayOccupant, regularTeacherBusy } from './timetable/regular';

export type Failure = { ok: false; error: string; field?: string };
export type LoadResult<T = object> = ({ ok: true } & T) | Failure;

export const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const courseGone: Failure = { ok: false, error: 'Курс не найден в этой школе' };
const yearEnded: Failure = { ok: false, error: 'Учебный год этого курса закончился: нагрузку прошлого года изменить нельзя' };

export const canManage = (actor: Actor) => actor.permissions.has('timetable:manage');
const isCurrent = (actor: Actor, academicYearId: number) => actor.currentYears.includes(academicYearId);

/** A working teacher of the actor's school (account enabled, role TEACHER). */
export const workingTeacher = (actor: Actor): Prisma.UserWhereInput => ({ schoolId: actor.schoolId, active: true, roles: { some: { role: 'TEACHER' } } });

export type CourseTeachers = { primaryId: number | null; coTeacherIds: number[] };

/** The teachers as the form shows and sends them back (`shown`): "primary:co,co", co-teachers sorted. */
export const teachersShown = (t: CourseTeachers): string => `${t.primaryId ?? ''}:${[...t.coTeacherIds].sort((a, b) => a - b).join(',')}`;

const teachersOf = (rows: readonly { teacherId: number; isPrimary: boolean }[]): CourseTeachers => ({
  primaryId: rows.find((r) => r.isPrimary)?.teacherId ?? null,
  coTeacherIds: rows.filter((r) => !r.isPrimary).map((r) => r.teacherId).sort((a, b) => a - b),
});

/**
 * The page: the current years' classes, the earlier years' (to read only), and for `classId` its
 * courses and, when its year is current, the choices of the forms.
 */
export async function teachingLoad(actor: Actor, classId: number | null) {
  if (!canManage(actor)) return null;
  const db = getDb();
  const classRows = await db.schoolClass.findMany({
    where: { schoolId: actor.schoolId },
    select: { id: true, gradeLevel: true, letter: true, academicYearId: true, academicYear: { select: { label: true } } },
    orderBy: [{ academicYear: { startDate: 'asc' } }, { gradeLevel: 'asc' }, { letter: 'asc' }],
  });
  const listed = classRows.map((c) => ({ id: c.id, name: className(c), year: c.academicYear.label, current: isCurrent(actor, c.academicYearId) }));
  const classes = listed.filter((c) => c.current);
  // Newest year first: last year's load is the one looked up.
  const pastClasses = listed.filter((c) => !c.current).sort((a, b) => b.year.localeCompare(a.year) || a.name.localeCompare(b.name, 'ru', { numeric: true }));
  const chosen = classRows.find((c) => c.id === classId);
  if (!chosen) return { classes, pastClasses, chosen: null };
  const editable = isCurrent(actor, chosen.academicYearId);
  const where = { schoolId: actor.schoolId };
  const [courses, groups, subjects, scales, teachers] = await Promise.all([
    db.course.findMany({
      where: { ...where, OR: [{ classId: chosen.id }, { group: { classId: chosen.id } }] },
      select: {
        id: true, subject: { select: { name: true } }, group: { select: { name: true } }, gradingScale: { select: { name: true } },
        teachers: { select: { teacherId: true, isPrimary: true, teacher: { select: { lastName: true, firstName: true, middleName: true } } } },
        _count: { select: { lessons: true } },
      },
      orderBy: [{ subject: { name: 'asc' } }, { id: 'asc' }],
    }),
    db.studyGroup.findMany({ where: { ...where, classId: chosen.id }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    editable ? db.subject.findMany({ where, select: { id: true, name: true }, orderBy: { name: 'asc' } }) : [],
    editable ? db.gradingScale.findMany({ where, select: { id: true, name: true }, orderBy: { id: 'asc' } }) : [],
    !editable ? [] : db.user.findMany({ where: workingTeacher(actor), select: { id: true, lastName: true, firstName: true, middleName: true }, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }] }),
  ]);
  return {
    classes, pastClasses,
    chosen: {
      id: chosen.id, name: className(chosen), year: chosen.academicYear.label, editable,
      courses: courses.map((c) => {
        const teachers = [...c.teachers].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.teacherId - b.teacherId);
        return {
          id: c.id, subject: c.subject.name, group: c.group?.name ?? null, scale: c.gradingScale.name, lessons: c._count.lessons,
          teachers: teachers.map((t) => ({ id: t.teacherId, name: fullName(t.teacher), primary: t.isPrimary })),
          current: teachersOf(c.teachers),
        };
      }),
      groups, subjects, scales,
      teachers: teachers.map((t) => ({ id: t.id, name: fullName(t) })),
    },
  };
}

/** The course under a row lock (a concurrent change waits), with its year's end; null if not the actor's school's. */
async function lockedCourse(tx: Prisma.TransactionClient, actor: Actor, courseId: number) {
  await tx.$queryRaw`SELECT id FROM courses WHERE id = ${courseId} AND school_id = ${actor.schoolId} FOR UPDATE`;
  return tx.course.findFirst({
    where: { id: courseId, schoolId: actor.schoolId },
    select: { id: true, academicYearId: true, subjectId: true, classId: true, groupId: true, gradingScaleId: true, teachers: { select: { teacherId: true, isPrimary: true } } },
  });
}

/** Refuses teachers who are not working teachers of the school; null when all are. */
async function teachersRefusal(tx: Prisma.TransactionClient, actor: Actor, t: CourseTeachers): Promise<Failure | null> {
  const ids = [...new Set([...(t.primaryId ? [t.primaryId] : []), ...t.coTeacherIds])];
  const found = new Set((await tx.user.findMany({ where: { ...workingTeacher(actor), id: { in: ids } }, select: { id: true } })).map((u) => u.id));
  const message = 'Вести курс может только работающий учитель этой школы (учётная запись включена, роль «Учитель»)';
  if (t.primaryId && !found.has(t.primaryId)) return { ok: false, error: message, field: 'primaryId' };
  if (t.coTeacherIds.some((id) => !found.has(id))) return { ok: false, error: message, field: 'coTeacherIds' };
  return null;
}

/**
 * Refuses a teacher added to the course who is already teaching elsewhere in one of the course's
 * timetable slots still in force from today on (by the regular timetable, or by a one-day fact
 * recorded for a later date): they would be booked into two lessons at once. Null when all are free.
 */
async function busyRefusal(tx: Prisma.TransactionClient, actor: Actor, courseId: number, before: CourseTeachers, next: CourseTeachers, today: string): Promise<Failure | null> {
  const had = new Set([...(before.primaryId ? [before.primaryId] : []), ...before.coTeacherIds]);
  const added = [...(next.primaryId ? [next.primaryId] : []), ...next.coTeacherIds].filter((id) => !had.has(id));
  if (!added.length) return null;
  const rows = await tx.timetableEntry.findMany({
    where: { schoolId: actor.schoolId, courseId, OR: [{ validTo: null }, { validTo: { gte: dbDate(today) } }], academicYear: { endDate: { gte: dbDate(today) } } },
    select: { weekday: true, slot: true, validFrom: true, academicYear: { select: { endDate: true } } },
    orderBy: [{ weekday: 'asc' }, { slot: 'asc' }],
  });
  if (!rows.length) return null;
  const people = await tx.user.findMany({ where: { schoolId: actor.schoolId, id: { in: added } }, select: { id: true, lastName: true, firstName: true } });
  for (const teacherId of added) {
    const person = people.find((p) => p.id === teacherId);
    const name = person ? `${person.lastName} ${person.firstName}` : '';
    const field = teacherId === next.primaryId ? 'primaryId' : 'coTeacherIds';
    for (const row of rows) {
      // The row's days from today to its year's end (regular.ts Span).
      const span = { from: isoDate(row.validFrom) > today ? isoDate(row.validFrom) : today, to: isoDate(row.academicYear.endDate) };
      const busy = await regularTeacherBusy(tx, actor.schoolId, teacherId, row.weekday, row.slot, span, courseId);
      if (busy) return { ok: false, error: `${name} уже ведёт «${busy}» ${ON_WEEKDAY[row.weekday - 1]} на ${row.slot}-м уроке, когда по расписанию идёт этот курс`, field };
      const once = await oneDayOccupant(tx, actor.schoolId, row.weekday, row.slot, span, { id: { not: courseId }, teachers: { some: { teacherId } } }, teacherId);
      if (once) return { ok: false, error: `${name} ${formatDateRu(once.date)} на ${row.slot}-м уроке уже ведёт «${once.title}», когда по расписанию идёт этот курс`, field };
    }
  }
  return null;
}

/**
 * Sets a course's primary teacher and co-teachers. `shown`: teachersShown() of the teachers the form
 * showed; if someone changed them since, nothing is saved. Audited with the old and new teacher ids.
 */
export async function setCourseTeachers(actor: Actor, courseId: number, input: { primaryId: number; coTeacherIds: number[] }, shown: string, now = new Date()): Promise<LoadResult<{ changed: boolean }>> {
  if (!canManage(actor)) return denied;
  const next: CourseTeachers = { primaryId: input.primaryId, coTeacherIds: [...new Set(input.coTeacherIds)].filter((id) => id !== input.primaryId).sort((a, b) => a - b) };
  return getDb().$transaction(async (tx): Promise<LoadResult<{ changed: boolean }>> => {
    // The timetable lock first (lock.ts's order), so the teachers' slots checked below stay as read.
    await lockTimetable(tx, actor.schoolId, 'change');
    const course = await lockedCourse(tx, actor, courseId);
    if (!course) return courseGone;
    if (!isCurrent(actor, course.academicYearId)) return yearEnded;
    const before = teachersOf(course.teachers);
    if (shown !== teachersShown(before)) return changedMeanwhile('Учителей этого курса', 'form');
    const refused = await teachersRefusal(tx, actor, next) ?? await busyRefusal(tx, actor, courseId, before, next, toSchoolDate(now, actor.timeZone));
    if (refused) return refused;
    if (teachersShown(before) === teachersShown(next)) return { ok: true, changed: false };
    await tx.courseTeacher.deleteMany({ where: { courseId, schoolId: actor.schoolId } });
    await tx.courseTeacher.createMany({
      data: [{ teacherId: input.primaryId, isPrimary: true }, ...next.coTeacherIds.map((teacherId) => ({ teacherId, isPrimary: false }))]
        .map((t) => ({ ...t, courseId, schoolId: actor.schoolId })),
    });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'course.teachers.set', entityType: 'Course', entityId: courseId, oldValue: before, newValue: next });
    return { ok: true, changed: true };
  });
}

export type NewCourse = { classId: number; subjectId: number | null; subjectName: string; groupId: number | null; gradingScaleId: number; primaryId: number };

/**
 * Adds a course to a class of a current year (or to one of its groups). A typed subject name not
 * among the school's subjects creates the subject. Refuses a second course of the same subject for
 * the same class (or group): marks would be split between two journals.
 */
export async function addCourse(actor: Actor, input: NewCourse): Promise<LoadResult<{ courseId: number }>> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<LoadResult<{ courseId: number }>> => {
    // The class locked: two additions of the same subject at once cannot both pass the duplicate check.
    await tx.$queryRaw`SELECT id FROM school_classes WHERE id = ${input.classId} AND school_id = ${actor.schoolId} FOR UPDATE`;
    const cls = await tx.schoolClass.findFirst({
      where: { id: input.classId, schoolId: actor.schoolId, academicYearId: { in: [...actor.currentYears] } },
      select: { id: true, academicYearId: true },
    });
    if (!cls) return { ok: false, error: 'Класс не найден в текущем учебном году', field: 'form' };
    if (input.groupId !== null) {
      const group = await tx.studyGroup.findFirst({ where: { id: input.groupId, classId: cls.id, schoolId: actor.schoolId }, select: { id: true } });
      if (!group) return { ok: false, error: 'Такой группы в этом классе нет', field: 'groupId' };
    }
    const scale = await tx.gradingScale.findFirst({ where: { id: input.gradingScaleId, schoolId: actor.schoolId }, select: { id: true } });
    if (!scale) return { ok: false, error: 'Выберите шкалу отметок школы', field: 'gradingScaleId' };
    const refused = await teachersRefusal(tx, actor, { primaryId: input.primaryId, coTeacherIds: [] });
    if (refused) return refused;
    let subject = input.subjectId !== null
      ? await tx.subject.findFirst({ where: { id: input.subjectId, schoolId: actor.schoolId }, select: { id: true, name: true } })
      : await tx.subject.findFirst({ where: { schoolId: actor.schoolId, name: { equals: input.subjectName, mode: 'insensitive' } }, select: { id: true, name: true } });
    if (input.subjectId !== null && !subject) return { ok: false, error: 'Выберите предмет из списка школы', field: 'subjectId' };
    const place = input.groupId !== null ? { groupId: input.groupId } : { classId: cls.id };
    if (subject) {
      const twin = await tx.course.findFirst({ where: { schoolId: actor.schoolId, academicYearId: cls.academicYearId, subjectId: subject.id, ...place }, select: { id: true } });
      const field = input.subjectId !== null ? 'subjectId' : 'subjectName';
      if (twin) return { ok: false, error: `Курс «${subject.name}» ${input.groupId !== null ? 'у этой группы' : 'у этого класса'} уже есть`, field };
      // The other level too: a whole-class course and a group course of the same subject would give
      // the group's pupils two journals and two final marks.
      const year = { schoolId: actor.schoolId, academicYearId: cls.academicYearId, subjectId: subject.id };
      if (input.groupId !== null) {
        if (await tx.course.findFirst({ where: { ...year, classId: cls.id }, select: { id: true } })) {
          return { ok: false, error: `Курс «${subject.name}» уже есть у всего класса: у группы этого класса отдельного курса того же предмета быть не может`, field };
        }
      } else {
        const grouped = await tx.course.findFirst({ where: { ...year, group: { classId: cls.id } }, select: { group: { select: { name: true } } } });
        if (grouped) return { ok: false, error: `Курс «${subject.name}» уже есть у группы «${grouped.group?.name ?? ''}» этого класса: курса того же предмета у всего класса быть не может`, field };
      }
    }
    const subjectCreated = !subject;
    // An upsert: the same new subject typed for another class at the same moment is shared, not refused.
    subject ??= await tx.subject.upsert({
      where: { schoolId_name: { schoolId: actor.schoolId, name: input.subjectName } },
      create: { schoolId: actor.schoolId, name: input.subjectName, shortName: input.subjectName.slice(0, 20) },
      update: {},
      select: { id: true, name: true },
    });
    const course = await tx.course.create({
      data: { schoolId: actor.schoolId, academicYearId: cls.academicYearId, subjectId: subject.id, gradingScaleId: scale.id, ...place, teachers: { create: { schoolId: actor.schoolId, teacherId: input.primaryId, isPrimary: true } } },
      select: { id: true },
    });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'course.create', entityType: 'Course', entityId: course.id,
      newValue: { classId: cls.id, groupId: input.groupId, subjectId: subject.id, subjectName: subject.name, subjectCreated, gradingScaleId: scale.id, primaryId: input.primaryId },
    });
    return { ok: true, courseId: course.id };
  });
}

/** Deletes a course that nothing was recorded in yet: no lessons, marks, final marks, timetable entries or changes, planned topics. */
export async function deleteCourse(actor: Actor, courseId: number): Promise<LoadResult> {
  if (!canManage(actor)) return denied;
  return getDb().$transaction(async (tx): Promise<LoadResult> => {
    // The timetable lock: a timetable row or one-day change written meanwhile is counted, not cascaded away.
    await lockTimetable(tx, actor.schoolId, 'change');
    const course = await lockedCourse(tx, actor, courseId);
    if (!course) return courseGone;
    if (!isCurrent(actor, course.academicYearId)) return yearEnded;
    const where = { courseId, schoolId: actor.schoolId };
    const lessons = await tx.lesson.count({ where });
    const marks = await tx.mark.count({ where });
    const finals = await tx.finalMark.count({ where });
    const timetable = await tx.timetableEntry.count({ where });
    // Planned topics and one-day changes would go with the course (onDelete: Cascade): refused too.
    const topics = await tx.plannedTopic.count({ where });
    const changes = await tx.timetableChange.count({ where });
    const held = [
      lessons && `уроков в журнале: ${lessons}`, marks && `отметок: ${marks}`, finals && `итоговых отметок: ${finals}`, timetable && `записей в расписании: ${timetable}`,
      topics && `тем в тематическом плане: ${topics}`, changes && `изменений в расписании на отдельные дни: ${changes}`,
    ].filter(Boolean);
    if (held.length) return { ok: false, error: `Курс нельзя удалить: по нему уже есть записи (${held.join(', ')}). Удалить можно только курс, по которому ещё ничего не записано` };
    await tx.course.delete({ where: { id: courseId } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'course.delete', entityType: 'Course', entityId: courseId,
      oldValue: { classId: course.classId, groupId: course.groupId, subjectId: course.subjectId, gradingScaleId: course.gradingScaleId, ...teachersOf(course.teachers) },
    });
    return { ok: true };
  });
}
