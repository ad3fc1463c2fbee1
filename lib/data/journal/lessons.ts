// A lesson's own record: opening it from the timetable, and its topic, kind, planned-test flag and
// substitute. The substitution is written with the lesson (seed 002 §3.4): a lesson opened in a
// slot with a recorded substitution belongs to the substitute.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { Permission } from '../../auth/permissions';
import { writeAudit } from '../../audit';
import { formatDateRu, isIsoDate } from '../../domain/calendar';
import type { LessonKind } from '../../generated/prisma/enums';
import { dbDate, isoDate } from '../dates';
import { handOverLesson } from './hand-over';
import { holidayRefusal } from '../holiday-day';
import { lockTimetable } from '../timetable/lock';
import { teacherBusyWith } from '../timetable/slots';
import { writableCourses } from '../scope';
import { fail, MESSAGES, type Result } from './result';
import { isUniqueViolation } from '../db-errors';
import { notHeldYet, outsideYear, periodOpen, TX_OPTIONS, writableLesson, yearEnded } from './write-context';

// One list of lesson-kind names for the journal and the diary.
export { LESSON_KIND_LABELS } from '../../domain/diary-format';

const yearAndScheme = {
  academicYearId: true,
  academicYear: { select: { label: true, startDate: true, endDate: true } },
  schoolClass: { select: { periodSchemeId: true, gradeLevel: true } },
  group: { select: { schoolClass: { select: { periodSchemeId: true, gradeLevel: true } } } },
} as const;

/** Finds or creates the lesson of a course in a slot on a date of its school year; the substitute may open it too. */
export async function openLesson(actor: Actor, input: { courseId: number; date: string; slot: number }): Promise<Result<{ lessonId: number }>> {
  if (!actor.permissions.has('lessons:write')) return fail(MESSAGES.denied);
  if (!isIsoDate(input.date)) return fail(MESSAGES.noSuchDate, 'date');
  const db = getDb();
  const date = dbDate(input.date);
  const [course, substitution] = await Promise.all([
    db.course.findFirst({
      where: { AND: [{ id: input.courseId }, writableCourses(actor)] },
      select: { id: true, ...yearAndScheme },
    }),
    db.timetableChange.findFirst({
      where: { schoolId: actor.schoolId, courseId: input.courseId, date, slot: input.slot, kind: 'SUBSTITUTION', substituteTeacherId: { not: null } },
      orderBy: { id: 'desc' },
      select: { substituteTeacherId: true, course: { select: yearAndScheme } },
    }),
  ]);
  const mySubstitution = substitution?.substituteTeacherId === actor.id;
  if (!course && !mySubstitution) return fail(MESSAGES.lessonNotWritable);
  const c = course ?? substitution!.course;
  const outside = outsideYear(c.academicYear, input.date, 'date');
  if (outside) return outside;
  const existing = await db.lesson.findFirst({ where: { schoolId: actor.schoolId, courseId: input.courseId, date, slot: input.slot }, select: { id: true, teacherId: true, isSubstitution: true, regularTeacherId: true } });
  const schemeId = c.schoolClass?.periodSchemeId ?? c.group?.schoolClass?.periodSchemeId ?? null;
  // An existing lesson of an ended year still opens, to be read; nothing is created or handed over.
  const ended = yearEnded(actor, c.academicYearId);
  if (existing && (ended || !mySubstitution || existing.teacherId === actor.id)) return { ok: true, lessonId: existing.id };
  if (ended) return ended;
  if (existing) {
    // Opened in advance by the course's teacher (say, to announce a test) before the substitution
    // was recorded: the lesson passes to the substitute, who could not write it otherwise — unless
    // its teacher has held it meanwhile: their marks stay in their lesson.
    return db.$transaction(async (tx) => {
      await lockTimetable(tx, actor.schoolId, 'lesson');
      const closed = await periodOpen(tx, { schoolId: actor.schoolId, schemeId, date });
      if (closed) return closed;
      const handed = await handOverLesson(tx, { schoolId: actor.schoolId, actorId: actor.id }, existing.id, actor.id);
      if (handed === 'held') return fail(MESSAGES.heldByOther);
      return handed === 'done' ? { ok: true as const, lessonId: existing.id } : fail(MESSAGES.lessonNotFound);
    }, TX_OPTIONS);
  }
  try {
    return await db.$transaction(async (tx) => {
      // The new row fills the slot a timetable change being recorded checks (timetable/lock.ts).
      await lockTimetable(tx, actor.schoolId, 'lesson');
      // The slot's changes read again under the lock: one recorded since the page was read decides
      // who the lesson belongs to, and a cancelled or moved-away slot takes no lesson.
      const changes = await tx.timetableChange.findMany({
        where: { schoolId: actor.schoolId, courseId: input.courseId, date, slot: input.slot },
        orderBy: { id: 'desc' },
        select: { kind: true, substituteTeacherId: true, newDate: true, newSlot: true },
      });
      const gone = changes.find((ch) => ch.kind === 'CANCELLED' || ch.kind === 'MOVED');
      if (gone?.kind === 'CANCELLED') return fail(MESSAGES.lessonCancelled, 'date');
      if (gone) return fail(`${MESSAGES.lessonMovedAway}${gone.newDate ? `: на ${formatDateRu(isoDate(gone.newDate))}, ${gone.newSlot}-й урок` : ''}`, 'date');
      const substitute = changes.find((ch) => ch.kind === 'SUBSTITUTION' && ch.substituteTeacherId !== null)?.substituteTeacherId ?? null;
      if (!course && substitute !== actor.id) return fail(MESSAGES.lessonNotWritable);
      const teacherId = substitute ?? actor.id;
      const isSubstitution = substitute !== null;
      // No lesson on a holiday of the class's grade, as the timetable-change form refuses a move there.
      const holiday = await holidayRefusal(tx, actor.schoolId, c, input.date, 'date');
      if (holiday) return holiday;
      const closed = await periodOpen(tx, { schoolId: actor.schoolId, schemeId, date });
      if (closed) return closed;
      const lesson = await tx.lesson.create({
        data: { schoolId: actor.schoolId, courseId: input.courseId, date, slot: input.slot, teacherId, isSubstitution },
        select: { id: true },
      });
      await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'lesson.create', entityType: 'Lesson', entityId: lesson.id, newValue: { ...input, teacherId, isSubstitution } });
      return { ok: true as const, lessonId: lesson.id };
    }, TX_OPTIONS);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await db.lesson.findFirst({ where: { schoolId: actor.schoolId, courseId: input.courseId, date, slot: input.slot }, select: { id: true } });
    return again ? { ok: true, lessonId: again.id } : fail(MESSAGES.unexpected);
  }
}

export type LessonUpdate = {
  topic: string | null;
  plannedTopicId: number | null;
  lessonKind: LessonKind;
  plannedTest: boolean;
  /** A teacher of the school who took the lesson instead of the course's teacher; null: no substitution. */
  substituteTeacherId: number | null;
  expectedVersion: number;
};

/**
 * `changed`: false when the lesson already was what the form sent (a save sent again after its
 * answer was lost): nothing is written, and the version the form had is no conflict then.
 */
export async function updateLesson(actor: Actor, lessonId: number, input: LessonUpdate): Promise<Result<{ version: number; changed: boolean }>> {
  if (!actor.permissions.has('lessons:write')) return fail(MESSAGES.denied);
  const db = getDb();
  const ctx = await writableLesson(db, actor, lessonId);
  if (!ctx.ok) return ctx;
  const [topic, substitute] = await Promise.all([
    input.plannedTopicId ? db.plannedTopic.findFirst({ where: { id: input.plannedTopicId, courseId: ctx.courseId, schoolId: actor.schoolId }, select: { id: true } }) : null,
    input.substituteTeacherId ? db.user.findFirst({ where: { id: input.substituteTeacherId, schoolId: actor.schoolId, active: true, roles: { some: { role: 'TEACHER' } } }, select: { id: true, lastName: true, firstName: true } }) : null,
  ]);
  if (input.plannedTopicId && !topic) return fail(MESSAGES.topicNotInPlan, 'plannedTopicId');
  if (input.substituteTeacherId && !substitute) return fail(MESSAGES.substituteNotFound, 'substituteTeacherId');
  return db.$transaction(async (tx) => {
    // A substitute set here makes a teacher busy for the timetable change's checks (timetable/lock.ts);
    // setting one is itself such a check (teacherBusyWith below), so it holds the lock as a change
    // does: two forms naming the same free teacher for one slot cannot both pass.
    await lockTimetable(tx, actor.schoolId, input.substituteTeacherId !== null ? 'change' : 'lesson');
    const closed = await periodOpen(tx, ctx);
    if (closed) return closed;
    const before = await tx.lesson.findUnique({
      where: { id: lessonId },
      select: {
        topic: true, plannedTopicId: true, lessonKind: true, plannedTest: true, teacherId: true, isSubstitution: true, regularTeacherId: true, topicEnteredAt: true, version: true,
        date: true, slot: true, courseId: true,
        course: { select: { teachers: { select: { teacherId: true }, orderBy: [{ isPrimary: 'desc' }, { teacherId: 'asc' }], take: 1 } } },
      },
    });
    if (!before) return fail(MESSAGES.lessonNotFound);
    if (sameRecord(before, input)) return { ok: true as const, version: before.version, changed: false };
    if (before.version !== input.expectedVersion) return fail('Урок уже изменил другой пользователь. Обновите страницу.');
    // A new substitute must be free in this slot, as the timetable page requires (timetable/slots.ts).
    if (substitute && !(before.isSubstitution && before.teacherId === substitute.id)) {
      const busy = await teacherBusyWith(tx, actor.schoolId, substitute.id, isoDate(before.date), before.slot, before.courseId);
      if (busy) return fail(`${substitute.lastName} ${substitute.firstName} в этот урок уже ведёт «${busy}»`, 'substituteTeacherId');
    }
    // A removed substitution gives the lesson back to the teacher it had before (co-teachers of a
    // course are all primary, and any of them may have opened it); when none was recorded (opened
    // as a substitution), to the course's primary teacher with the lowest id, the same every time.
    const courseTeacher = before.course.teachers[0]?.teacherId ?? before.teacherId;
    const teacherId = input.substituteTeacherId ?? (before.isSubstitution ? (before.regularTeacherId ?? courseTeacher) : before.teacherId);
    const regularTeacherId = input.substituteTeacherId === null ? null : before.isSubstitution ? before.regularTeacherId : before.teacherId;
    const data = {
      topic: input.topic,
      plannedTopicId: input.plannedTopicId,
      lessonKind: input.lessonKind,
      plannedTest: input.plannedTest,
      teacherId,
      isSubstitution: input.substituteTeacherId !== null,
      regularTeacherId,
      // The deadline rule looks at when the topic was first written (seed 002 §3.4).
      topicEnteredAt: before.topicEnteredAt ?? (input.topic ? new Date() : null),
      version: before.version + 1,
    };
    const changed = await tx.lesson.updateMany({ where: { id: lessonId, version: input.expectedVersion }, data });
    if (changed.count === 0) return fail('Урок уже изменил другой пользователь. Обновите страницу.');
    const { course: _c, date: _d, slot: _s, courseId: _id, ...old } = before;
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'lesson.update', entityType: 'Lesson', entityId: lessonId, oldValue: old, newValue: data });
    return { ok: true as const, version: data.version, changed: true };
  }, TX_OPTIONS);
}

type LessonRecord = { topic: string | null; plannedTopicId: number | null; lessonKind: LessonKind; plannedTest: boolean; teacherId: number; isSubstitution: boolean };

/** The lesson already holds what the form says, the substitute included. */
const sameRecord = (l: LessonRecord, input: LessonUpdate) =>
  l.topic === input.topic && l.plannedTopicId === input.plannedTopicId && l.lessonKind === input.lessonKind && l.plannedTest === input.plannedTest &&
  (input.substituteTeacherId === null ? !l.isSubstitution : l.isSubstitution && l.teacherId === input.substituteTeacherId);

/** «Все на месте»: records that attendance was taken although no one is absent. */
export async function confirmAttendance(actor: Actor, lessonId: number): Promise<Result> {
  return stampOnce(actor, lessonId, 'attendance:write', 'attendanceEnteredAt');
}

/**
 * «Домашнее задание не задано»: records that the lesson has no homework, so the homework deadline
 * (seed 002 §3.5: the information is entered on the lesson day) is met without an assignment.
 */
export async function recordNoHomework(actor: Actor, lessonId: number): Promise<Result> {
  return stampOnce(actor, lessonId, 'homework:write', 'noHomeworkAt');
}

const STAMP_ACTIONS = { attendanceEnteredAt: 'attendance.all-present', noHomeworkAt: 'homework.none' } as const;

/**
 * Stamps when something was entered for a lesson; the first stamp counts and repeating it changes
 * nothing. A closed period's stamps are final, so it runs under the period lock like other writes.
 */
async function stampOnce(actor: Actor, lessonId: number, permission: Permission, field: 'attendanceEnteredAt' | 'noHomeworkAt'): Promise<Result> {
  if (!actor.permissions.has(permission)) return fail(MESSAGES.denied);
  const db = getDb();
  const ctx = await writableLesson(db, actor, lessonId);
  if (!ctx.ok) return ctx;
  // «Все присутствуют» is taken at the lesson; «не задано» may be said in advance, as homework may.
  const early = field === 'attendanceEnteredAt' ? notHeldYet(actor, ctx) : null;
  if (early) return early;
  return db.$transaction(async (tx) => {
    const closed = await periodOpen(tx, ctx);
    if (closed) return closed;
    const at = new Date();
    const stamped = await tx.lesson.updateMany({ where: { id: lessonId, [field]: null }, data: { [field]: at } });
    // «Все присутствуют» is the lesson's attendance record: who said so and when is audited like a cell's.
    if (stamped.count) {
      await writeAudit(tx, {
        schoolId: actor.schoolId, actorId: actor.id, action: STAMP_ACTIONS[field], entityType: 'Lesson', entityId: lessonId,
        oldValue: { [field]: null }, newValue: { [field]: at }, details: { lessonId, courseId: ctx.courseId },
      });
    }
    return { ok: true as const };
  }, TX_OPTIONS);
}
