// The records the matrix rows work on, read or put in place at the moment of a call: ids that
// change as rows create and delete things (homework, files), the current version a save must
// name, and inputs that differ from the stored state so that an allowed write always writes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/prisma-client';
import { authSecret } from '../../lib/env';
import { form, type Env } from './authz-matrix';
import { attachmentData } from './authz-world';

export type { Env };
/** The previous state a form action receives (unused by the actions under test). */
export const none = {} as never;
let counter = 0;
/** A number unique in the run: topics, texts and names that differ from call to call. */
export const next = () => ++counter;

/** A CSRF token and its cookie as next-auth makes them (the cookie holds the token and its hash with the secret). */
export const CSRF = (() => {
  const token = randomBytes(32).toString('hex');
  return { token, cookie: `${token}|${createHash('sha256').update(`${token}${authSecret()}`).digest('hex')}` };
})();

export async function markOf(db: PrismaClient, lessonId: number, studentId: number) {
  return db.mark.findFirst({ where: { lessonId, studentId, position: 0 }, select: { value: true, version: true } });
}
export async function attendanceOf(db: PrismaClient, lessonId: number, studentId: number) {
  return db.attendance.findFirst({ where: { lessonId, studentId }, select: { code: true, version: true } });
}
/** The lesson's class homework, created when missing. */
export async function homeworkOn(db: PrismaClient, lessonId: number): Promise<number> {
  const hw = await db.homework.findFirst({ where: { lessonId, studentId: null }, select: { id: true } });
  if (hw) return hw.id;
  const l = await db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { schoolId: true, teacherId: true } });
  return (await db.homework.create({ data: { schoolId: l.schoolId, lessonId, text: 'Повторить правило', createdById: l.teacherId }, select: { id: true } })).id;
}
/** When the lesson's class homework last changed, as its page shows it (empty: none), for a save that replaces it. */
export async function classHomeworkSeen(db: PrismaClient, lessonId: number): Promise<string> {
  const hw = await db.homework.findFirst({ where: { lessonId, studentId: null }, select: { updatedAt: true } });
  return hw?.updatedAt.toISOString() ?? '';
}
/** An attachment of the lesson's class homework, created when missing. */
export async function attachmentOn(db: PrismaClient, lessonId: number): Promise<number> {
  const homeworkId = await homeworkOn(db, lessonId);
  const file = await db.homeworkAttachment.findFirst({ where: { homeworkId }, select: { id: true } });
  if (file) return file.id;
  const { schoolId } = await db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { schoolId: true } });
  return (await db.homeworkAttachment.create({ data: attachmentData(schoolId, homeworkId, 'Файл к заданию'), select: { id: true } })).id;
}
/** A file of `studentId`'s individual homework in the lesson, created when missing. */
export async function individualAttachmentOn(db: PrismaClient, lessonId: number, studentId: number): Promise<number> {
  const l = await db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { schoolId: true, teacherId: true } });
  const hw =
    (await db.homework.findFirst({ where: { lessonId, studentId }, select: { id: true } })) ??
    (await db.homework.create({ data: { schoolId: l.schoolId, lessonId, studentId, text: 'Индивидуальное задание', createdById: l.teacherId }, select: { id: true } }));
  const file = await db.homeworkAttachment.findFirst({ where: { homeworkId: hw.id }, select: { id: true } });
  return file?.id ?? (await db.homeworkAttachment.create({ data: attachmentData(l.schoolId, hw.id, 'Личный файл'), select: { id: true } })).id;
}
export async function lessonForm(db: PrismaClient, lessonId: number) {
  const l = await db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { version: true, isSubstitution: true, teacherId: true } });
  // A substitute keeps the substitution when saving (clearing it would hand the lesson back).
  return form({ lessonId, topic: `Тема № ${next()}`, plannedTopicId: '', lessonKind: 'LESSON', substituteTeacherId: l.isSubstitution ? l.teacherId : '', expectedVersion: l.version });
}
export async function finalMarkForm(db: PrismaClient, courseId: number, periodId: number, studentId: number) {
  const fm = await db.finalMark.findFirst({ where: { courseId, periodId, studentId }, select: { value: true, version: true } });
  return form({ courseId, periodId, studentId, expectedVersion: fm?.version ?? 0, choice: fm?.value === '5' ? '4' : '5' });
}
export const saveMark = async ({ db }: Env, lessonId: number, studentId: number) => {
  const m = await markOf(db, lessonId, studentId);
  return [{ idempotencyKey: randomUUID(), lessonId, studentId, position: 0, value: m?.value === '5' ? '4' : '5', expectedVersion: m?.version ?? 0 }];
};
export const saveAttendance = async ({ db }: Env, lessonId: number, studentId: number) => {
  const a = await attendanceOf(db, lessonId, studentId);
  return [{ idempotencyKey: randomUUID(), lessonId, studentId, position: 0, code: a?.code === 'ABSENT' ? 'ОП' : 'Н', expectedVersion: a?.version ?? 0 }];
};
/** Final marks of the current quarters back to drafts, so publishing has something to publish. */
export async function draftsAgain({ w, db }: Env) {
  await db.finalMark.updateMany({ where: { periodId: { in: [w.currentA, w.currentB] } }, data: { status: 'DRAFT', publishedAt: null, visibleFrom: null } });
}
/** A pupil in a unique name and birth date, in the class named `className`. */
export function importCsv(className: string): string {
  const n = next();
  const suffix = [...String(n)].map((digit) => 'абвгдежзик'[Number(digit)]).join('');
  const born = `${String((n % 28) + 1).padStart(2, '0')}.0${(n % 9) + 1}.2014`;
  return `Фамилия ученика;Имя ученика;Дата рождения;Класс\r\nИмпортов${suffix};Иван;${born};${className}\r\n`;
}
/** V's roles or grants with one item added, or back without it: an allowed call always changes something. */
export const toggled = (held: readonly string[], base: readonly string[], extra: string) => (held.includes(extra) ? base : [...base, extra]);
