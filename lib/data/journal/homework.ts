// Homework of a lesson: one class assignment, individual ones for chosen pupils, and attachments
// kept in the database (homework_attachments.data), size-limited and type-checked by content.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { writeAudit } from '../../audit';
import { checkAttachment } from '../../domain/attachment-types';
import { isIsoDate } from '../../domain/calendar';
import { dbDate } from '../dates';
import { readableCourses, writableLessons } from '../scope';
import { fail, MESSAGES, type Result } from './result';
import { periodOpen, pupilInCourse, TX_OPTIONS, writableLesson } from './write-context';

export type HomeworkInput = {
  text: string;
  dueDate: string | null;
  studentIds: number[];
  /**
   * The class assignment the teacher's page showed: its last change (`seen` of lessonDetails), or
   * null when there was none. A class assignment saved by someone else since is not replaced unseen.
   */
  replaces: string | null;
};

const CHANGED_MEANWHILE = 'Задание к этому уроку уже изменил другой учитель. Обновите страницу, чтобы увидеть его, и сохраните своё снова.';

/**
 * Class homework (no pupils chosen) replaces the lesson's class assignment; individual homework adds
 * one per pupil. `changed`: false when the lesson already held exactly this (a save sent again after
 * its answer was lost): nothing is written, and it is no conflict with the save that wrote it.
 */
export async function saveHomework(actor: Actor, lessonId: number, input: HomeworkInput): Promise<Result<{ ids: number[]; changed: boolean }>> {
  if (!actor.permissions.has('homework:write')) return fail(MESSAGES.denied);
  if (input.dueDate && !isIsoDate(input.dueDate)) return fail(MESSAGES.noSuchDate, 'dueDate');
  const db = getDb();
  const ctx = await writableLesson(db, actor, lessonId);
  if (!ctx.ok) return ctx;
  if (input.studentIds.length && !(await pupilInCourse(db, ctx, input.studentIds))) return fail(MESSAGES.pupilNotInCourse, 'studentIds');
  if (input.dueDate && input.dueDate < ctx.isoDate) return fail('Срок сдачи не может быть раньше урока', 'dueDate');
  const dueDate = input.dueDate ? dbDate(input.dueDate) : null;
  return db.$transaction(async (tx) => {
    const closed = await periodOpen(tx, ctx);
    if (closed) return closed;
    const ids: number[] = [];
    let written = 0;
    if (input.studentIds.length === 0) {
      // One class assignment per lesson: saves of it wait for each other on the lesson's row, so
      // two first saves cannot both create one, and each sees what the other wrote.
      await tx.$queryRaw`SELECT id FROM lessons WHERE id = ${lessonId} FOR UPDATE`;
      const existing = await tx.homework.findFirst({ where: { lessonId, studentId: null }, select: { id: true, text: true, dueDate: true, updatedAt: true } });
      if (existing && sameAssignment(existing, input.text, dueDate)) return { ok: true as const, ids: [existing.id], changed: false };
      if ((existing?.updatedAt.toISOString() ?? null) !== input.replaces) return fail(CHANGED_MEANWHILE, 'text');
      if (existing) {
        await tx.homework.update({ where: { id: existing.id }, data: { text: input.text, dueDate } });
        await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'homework.update', entityType: 'Homework', entityId: existing.id, oldValue: { id: existing.id, text: existing.text, dueDate: existing.dueDate }, newValue: { text: input.text, dueDate } });
        ids.push(existing.id);
        written++;
      } else {
        const row = await tx.homework.create({ data: { schoolId: actor.schoolId, lessonId, text: input.text, dueDate, createdById: actor.id }, select: { id: true } });
        await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'homework.create', entityType: 'Homework', entityId: row.id, newValue: { lessonId, text: input.text, dueDate } });
        ids.push(row.id);
        written++;
      }
    } else {
      // Under the lesson's lock, as the class assignment: a repeated save finds what the first wrote.
      await tx.$queryRaw`SELECT id FROM lessons WHERE id = ${lessonId} FOR UPDATE`;
      const given = await tx.homework.findMany({ where: { lessonId, studentId: { in: input.studentIds } }, select: { id: true, studentId: true, text: true, dueDate: true } });
      for (const studentId of new Set(input.studentIds)) {
        const same = given.find((h) => h.studentId === studentId && sameAssignment(h, input.text, dueDate));
        if (same) {
          ids.push(same.id);
          continue;
        }
        const row = await tx.homework.create({ data: { schoolId: actor.schoolId, lessonId, studentId, text: input.text, dueDate, createdById: actor.id }, select: { id: true } });
        await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'homework.create', entityType: 'Homework', entityId: row.id, newValue: { lessonId, studentId, text: input.text, dueDate } });
        ids.push(row.id);
        written++;
      }
    }
    return { ok: true as const, ids, changed: written > 0 };
  }, TX_OPTIONS);
}

const sameAssignment = (h: { text: string; dueDate: Date | null }, text: string, dueDate: Date | null) =>
  h.text === text && (h.dueDate?.getTime() ?? null) === (dueDate?.getTime() ?? null);

/**
 * `seen`: the assignment's last change as the teacher's page showed it (`seen` of lessonDetails);
 * an assignment changed since by someone else is not deleted unseen.
 */
export async function deleteHomework(actor: Actor, homeworkId: number, seen?: string): Promise<Result> {
  if (!actor.permissions.has('homework:write')) return fail(MESSAGES.denied);
  const db = getDb();
  const row = await db.homework.findFirst({ where: { id: homeworkId, lesson: writableLessons(actor) }, select: { id: true, lessonId: true, studentId: true, text: true } });
  if (!row) return fail(MESSAGES.lessonNotWritable);
  const ctx = await writableLesson(db, actor, row.lessonId);
  if (!ctx.ok) return ctx;
  return db.$transaction(async (tx) => {
    const closed = await periodOpen(tx, ctx);
    if (closed) return closed;
    // Locked, then compared and deleted as it is now: a save in flight either commits first (and
    // is seen to have changed it) or waits for the delete.
    await tx.$queryRaw`SELECT id FROM homework WHERE id = ${row.id} FOR UPDATE`;
    const now = await tx.homework.findUnique({ where: { id: row.id }, select: { text: true, updatedAt: true } });
    if (!now) return { ok: true as const };
    if (seen !== undefined && now.updatedAt.toISOString() !== seen) return fail(DELETED_CHANGED);
    await tx.homework.delete({ where: { id: row.id } });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'homework.delete', entityType: 'Homework', entityId: row.id, oldValue: { ...row, text: now.text } });
    return { ok: true as const };
  }, TX_OPTIONS);
}

const DELETED_CHANGED = 'Задание уже изменил другой учитель, и оно не удалено. Обновите страницу, чтобы увидеть его.';

const MAX_FILES_PER_HOMEWORK = 10;

export async function addAttachment(actor: Actor, homeworkId: number, fileName: string, bytes: Uint8Array): Promise<Result<{ id: number }>> {
  if (!actor.permissions.has('homework:write')) return fail(MESSAGES.denied);
  const checked = checkAttachment(fileName, bytes);
  if (!checked.ok) return fail(checked.error, 'file');
  const db = getDb();
  const hw = await db.homework.findFirst({ where: { id: homeworkId, lesson: writableLessons(actor) }, select: { id: true, lessonId: true, _count: { select: { attachments: true } } } });
  if (!hw) return fail(MESSAGES.lessonNotWritable);
  if (hw._count.attachments >= MAX_FILES_PER_HOMEWORK) return fail(`Не больше ${MAX_FILES_PER_HOMEWORK} файлов к одному заданию`, 'file');
  const ctx = await writableLesson(db, actor, hw.lessonId);
  if (!ctx.ok) return ctx;
  return db.$transaction(async (tx) => {
    const closed = await periodOpen(tx, ctx);
    if (closed) return closed;
    const row = await tx.homeworkAttachment.create({
      data: { schoolId: actor.schoolId, homeworkId, fileName: checked.fileName, mimeType: checked.mimeType, size: bytes.length, data: Buffer.from(bytes) },
      select: { id: true },
    });
    return { ok: true as const, id: row.id };
  }, TX_OPTIONS);
}

/** For staff who may read the lesson's course; families get files through the diary. */
export async function readAttachment(actor: Actor, attachmentId: number) {
  return getDb().homeworkAttachment.findFirst({
    where: { id: attachmentId, schoolId: actor.schoolId, homework: { lesson: { course: readableCourses(actor) } } },
    select: { fileName: true, mimeType: true, size: true, data: true },
  });
}

export async function deleteAttachment(actor: Actor, attachmentId: number): Promise<Result> {
  if (!actor.permissions.has('homework:write')) return fail(MESSAGES.denied);
  const db = getDb();
  const file = await db.homeworkAttachment.findFirst({ where: { id: attachmentId, homework: { lesson: writableLessons(actor) } }, select: { homework: { select: { lessonId: true } } } });
  if (!file) return fail(MESSAGES.lessonNotWritable);
  const ctx = await writableLesson(db, actor, file.homework.lessonId);
  if (!ctx.ok) return ctx;
  return db.$transaction(async (tx) => {
    const closed = await periodOpen(tx, ctx);
    if (closed) return closed;
    const gone = await tx.homeworkAttachment.deleteMany({ where: { id: attachmentId, homework: { lesson: writableLessons(actor) } } });
    return gone.count ? { ok: true as const } : fail(MESSAGES.lessonNotWritable);
  }, TX_OPTIONS);
}
