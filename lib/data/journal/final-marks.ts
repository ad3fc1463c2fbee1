// Period final marks: the teacher sets a value, н/а, осв., зач. or a deferral (with a date and a
// reason), then publishes; families see a published mark from visibleFrom, at most the school's
// resultVisibilityHours after publishing. A closed period, or its closed school year, refuses every change.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { writeAudit } from '../../audit';
import { isIsoDate } from '../../domain/calendar';
import { normalizeMarkValue } from '../../domain/grading';
import { finalMarkVisibleFrom } from '../../domain/journal-grid';
import type { FinalMarkSpecial } from '../../generated/prisma/enums';
import type { Prisma } from '../../prisma-client';
import { dbDate, isoDate } from '../dates';
import { writableCourses } from '../scope';
import { TX_OPTIONS } from './write-context';
import { fail, MESSAGES, type Result } from './result';
import { isUniqueViolation } from '../db-errors';
import { enrolledBetween } from '../enrolled';
import { earlierFinals, earlierFinalRefusal, holdPupilClasses, movedOutOf, movedOutRefusal } from './period-mark-class';

export const FINAL_SPECIAL_LABELS: Record<FinalMarkSpecial, string> = { NOT_ATTESTED: 'н/а', EXEMPT: 'осв.', PASSED: 'зач.' };

export type FinalMarkInput =
  | { studentId: number; kind: 'value'; value: string; expectedVersion: number }
  | { studentId: number; kind: 'special'; special: FinalMarkSpecial; expectedVersion: number }
  | { studentId: number; kind: 'deferral'; until: string; reason: string; expectedVersion: number };

type Target = { courseId: number; periodId: number };

/** The course (taught by the actor) and the period, with what a final-mark write needs to check. */
async function writableTarget(actor: Actor, t: Target) {
  const db = getDb();
  const [course, period] = await Promise.all([
    db.course.findFirst({
      where: { AND: [{ id: t.courseId }, writableCourses(actor)] },
      select: {
        id: true, classId: true, groupId: true, subjectId: true, gradingScale: { select: { kind: true, values: true } }, school: { select: { resultVisibilityHours: true } },
        schoolClass: { select: { periodSchemeId: true } }, group: { select: { classId: true, schoolClass: { select: { periodSchemeId: true } } } },
      },
    }),
    db.studyPeriod.findFirst({ where: { id: t.periodId, schoolId: actor.schoolId, academicYear: { courses: { some: { id: t.courseId } } } }, select: { id: true, startDate: true, endDate: true, schemeId: true } }),
  ]);
  if (!course || !period) return null;
  // A term of the class's own scheme (quarters or trimesters) or the year; a stream's group,
  // taught across classes, has no single scheme to hold it to.
  const scheme = (course.schoolClass ?? course.group?.schoolClass)?.periodSchemeId;
  if (period.schemeId !== null && scheme !== undefined && period.schemeId !== scheme) return null;
  return { course, period };
}

/**
 * Locks the period's row and its school year's (kind YEAR) for the transaction and says whether
 * all are open (see periodOpen). Closing the year closes the year's journal: a term's final mark
 * is frozen with it, as the term's marks and attendance already are (their dates lie in the year).
 */
async function lockOpenPeriod(tx: Prisma.TransactionClient, periodId: number) {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT p.status::text AS status FROM study_periods p
      JOIN study_periods own ON own.id = ${periodId}
     WHERE p.id = own.id OR (p.kind = 'YEAR' AND p.school_id = own.school_id AND p.academic_year_id = own.academic_year_id)
     FOR SHARE OF p`;
  return rows.length > 0 && rows.every((r) => r.status === 'OPEN');
}

const snapshot = { id: true, value: true, special: true, deferredUntil: true, deferralReason: true, status: true, version: true } as const;

type Decision = { value: string | null; special: FinalMarkSpecial | null; deferredUntil: Date | null; deferralReason: string | null };

const sameDecision = (a: Decision, b: Decision) =>
  a.value === b.value && a.special === b.special && a.deferralReason === b.deferralReason && (a.deferredUntil?.getTime() ?? null) === (b.deferredUntil?.getTime() ?? null);

type WriteCourse = { id: number; classId: number | null; subjectId: number; group: { classId: number | null } | null };
const classOf = (c: WriteCourse) => c.classId ?? c.group?.classId ?? null;

/**
 * Why this course gives the pupil no period mark (period-mark-class.ts), or null: moved to another
 * class during the period, or already holding a published period mark of the subject from the class
 * they left (it stands; the new class sees it on its page). A stream has no class: its course goes
 * on across the pupil's move between its classes and gives the mark itself.
 */
async function otherClassGivesIt(tx: Prisma.TransactionClient, schoolId: number, course: WriteCourse, studentId: number, period: { id: number; startDate: Date; endDate: Date }) {
  const classId = classOf(course);
  if (classId === null) return null;
  const moved = (await movedOutOf(tx, schoolId, classId, [studentId], period)).get(studentId);
  if (moved) return movedOutRefusal(moved);
  const earlier = (await earlierFinals(tx, schoolId, { courseId: course.id, classId, subjectId: course.subjectId }, [studentId], period.id)).get(studentId);
  return earlier?.published ? earlierFinalRefusal(earlier) : null;
}

/** `changed`: false when the mark already was what the teacher saved (it then keeps its status). */
export async function setFinalMark(actor: Actor, t: Target, input: FinalMarkInput): Promise<Result<{ version: number; changed: boolean }>> {
  if (!actor.permissions.has('finalmarks:write')) return fail(MESSAGES.denied);
  const target = await writableTarget(actor, t);
  if (!target) return fail(MESSAGES.courseNotFound);
  const { course, period } = target;
  const db = getDb();
  // The pupil belonged to the course at some time in the period.
  const overlap = enrolledBetween(period.startDate, period.endDate);
  const groupClass = course.group?.classId ? { classId: course.group.classId } : {};
  const inCourse = await db.user.count({
    where: course.classId
      ? { id: input.studentId, schoolId: actor.schoolId, enrollments: { some: { classId: course.classId, ...overlap } } }
      : { id: input.studentId, schoolId: actor.schoolId, groupMemberships: { some: { groupId: course.groupId ?? -1 } }, enrollments: { some: { ...groupClass, ...overlap } } },
  });
  if (!inCourse) return fail(MESSAGES.pupilNotInCourse, 'studentId');

  const data: Decision = { value: null, special: null, deferredUntil: null, deferralReason: null };
  if (input.kind === 'value') {
    const v = normalizeMarkValue(course.gradingScale.kind, input.value);
    if (v === null || !course.gradingScale.values.includes(v)) return fail(MESSAGES.notOnScale(course.gradingScale.values), 'value');
    data.value = v;
  } else if (input.kind === 'special') {
    data.special = input.special;
  } else {
    if (!isIsoDate(input.until)) return fail(MESSAGES.noSuchDate, 'until');
    if (input.until <= isoDate(period.endDate)) return fail('Отсрочка — до даты после окончания периода', 'until');
    if (input.reason.trim().length < 3) return fail('Укажите причину отсрочки', 'reason');
    data.deferredUntil = dbDate(input.until);
    data.deferralReason = input.reason.trim();
  }

  try {
    return await db.$transaction(async (tx) => {
      await holdPupilClasses(tx, actor.schoolId);
      if (!(await lockOpenPeriod(tx, period.id))) return fail(MESSAGES.periodClosed);
      const refusal = await otherClassGivesIt(tx, actor.schoolId, course, input.studentId, period);
      if (refusal) return fail(refusal, 'studentId');
      const key = { studentId_courseId_periodId: { studentId: input.studentId, courseId: course.id, periodId: period.id } };
      const before = await tx.finalMark.findUnique({ where: key, select: snapshot });
      // Saved again as it stands (a second click, a double submit): nothing to change. Returning
      // it to draft would take a published mark away from the family until it is published again.
      if (before && sameDecision(before, data)) return { ok: true as const, version: before.version, changed: false };
      if ((before?.version ?? 0) !== input.expectedVersion) return fail('Итоговую отметку уже изменил другой пользователь. Обновите страницу.');
      // A changed mark goes back to draft: families must not see a value the teacher has not published.
      const next = { ...data, status: 'DRAFT' as const, publishedAt: null, visibleFrom: null, updatedById: actor.id };
      let row;
      if (!before) {
        row = await tx.finalMark.create({ data: { schoolId: actor.schoolId, studentId: input.studentId, courseId: course.id, periodId: period.id, ...next, createdById: actor.id }, select: snapshot });
      } else {
        const changed = await tx.finalMark.updateMany({ where: { id: before.id, version: input.expectedVersion }, data: { ...next, version: before.version + 1 } });
        if (!changed.count) return fail('Итоговую отметку уже изменил другой пользователь. Обновите страницу.');
        row = { ...before, ...data, status: 'DRAFT' as const, version: before.version + 1 };
      }
      await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: before ? 'finalmark.update' : 'finalmark.create', entityType: 'FinalMark', entityId: row.id, oldValue: before, newValue: row, details: { courseId: course.id, periodId: period.id, studentId: input.studentId } });
      return { ok: true as const, version: row.version, changed: true };
    }, TX_OPTIONS);
  } catch (error) {
    if (isUniqueViolation(error)) return fail('Итоговую отметку уже изменил другой пользователь. Обновите страницу.');
    throw error;
  }
}

/**
 * Publishes every draft final mark of the course in the period. The drafts are locked (FOR UPDATE)
 * before they are read, so a co-teacher's setFinalMark either commits first (and its value is
 * what is published and audited) or waits for the publish and then finds the version changed;
 * the audit's old value is always the value the publish replaced.
 */
export async function publishFinalMarks(actor: Actor, t: Target, now = new Date()): Promise<Result<{ published: number; visibleFrom: string }>> {
  if (!actor.permissions.has('finalmarks:write')) return fail(MESSAGES.denied);
  const target = await writableTarget(actor, t);
  if (!target) return fail(MESSAGES.courseNotFound);
  const visibleFrom = finalMarkVisibleFrom(now, target.course.school.resultVisibilityHours);
  return getDb().$transaction(async (tx) => {
    await holdPupilClasses(tx, actor.schoolId);
    if (!(await lockOpenPeriod(tx, t.periodId))) return fail(MESSAGES.periodClosed);
    // Waits for writes in flight on these rows; a row published meanwhile is no longer a draft
    // (PostgreSQL checks the condition again on the row's latest version).
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM final_marks WHERE course_id = ${t.courseId} AND period_id = ${t.periodId} AND status = 'DRAFT' ORDER BY id FOR UPDATE`;
    // Read after the lock: this statement sees the rows as the writes before it committed them.
    const all = locked.length
      ? await tx.finalMark.findMany({ where: { id: { in: locked.map((r) => r.id) }, status: 'DRAFT', course: writableCourses(actor) }, select: { ...snapshot, studentId: true }, orderBy: { id: 'asc' } })
      : [];
    // A pupil moved to another class during the period gets the period mark there: a draft left
    // here (given before the transfer was recorded) is not published from this class.
    const classId = classOf(target.course);
    const moved = classId === null ? new Map<number, unknown>() : await movedOutOf(tx, actor.schoolId, classId, all.map((d) => d.studentId), target.period);
    const drafts = all.filter((d) => !moved.has(d.studentId)).map(({ studentId: _s, ...d }) => d);
    if (!drafts.length) return fail('Нет неопубликованных итоговых отметок');
    // The locks keep every row at the version read; the filter says so for whoever reads this.
    const published = await tx.finalMark.updateMany({
      where: { status: 'DRAFT', OR: drafts.map((d) => ({ id: d.id, version: d.version })) },
      data: { status: 'PUBLISHED', publishedAt: now, visibleFrom, updatedById: actor.id, version: { increment: 1 } },
    });
    if (published.count !== drafts.length) throw new Error(`publishFinalMarks: ${published.count} of ${drafts.length} locked drafts updated`);
    await tx.auditLog.createMany({
      data: drafts.map((d) => ({
        schoolId: actor.schoolId, actorId: actor.id, action: 'finalmark.publish', entityType: 'FinalMark', entityId: String(d.id),
        oldValue: { ...d, deferredUntil: d.deferredUntil?.toISOString() ?? null },
        newValue: { status: 'PUBLISHED', publishedAt: now.toISOString(), visibleFrom: visibleFrom.toISOString(), version: d.version + 1 },
      })),
    });
    return { ok: true as const, published: drafts.length, visibleFrom: visibleFrom.toISOString() };
  }, TX_OPTIONS);
}
