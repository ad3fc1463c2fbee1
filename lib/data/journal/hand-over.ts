// Handing a lesson row to the substitute recorded for it (seed 002 §3.4): the substitute opening
// it (lessons.ts openLesson) and the substitution being recorded on the timetable page
// (timetable/changes.ts) both come here, so the lesson has one owner. A lesson already held —
// marks or attendance recorded — is a fact of whoever held it and is never handed over.
import 'server-only';
import type { Prisma } from '../../prisma-client';
import { writeAudit } from '../../audit';
import { heldSelect, wasHeld } from '../timetable/slots';

export type HandOverResult = 'done' | 'held' | 'gone';

/**
 * Run inside the write's transaction. FOR UPDATE on the lesson row waits for a mark or attendance
 * write in progress (its foreign key holds the row FOR KEY SHARE), so the "held" check below sees it.
 */
export async function handOverLesson(tx: Prisma.TransactionClient, by: { schoolId: number; actorId: number }, lessonId: number, substituteId: number): Promise<HandOverResult> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM lessons WHERE id = ${lessonId} AND school_id = ${by.schoolId} FOR UPDATE`;
  if (!locked.length) return 'gone';
  const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { teacherId: true, isSubstitution: true, regularTeacherId: true, ...heldSelect } });
  if (lesson.teacherId === substituteId && lesson.isSubstitution) return 'done';
  if (wasHeld(lesson)) return 'held';
  const regularTeacherId = lesson.isSubstitution ? lesson.regularTeacherId : lesson.teacherId;
  await tx.lesson.update({ where: { id: lessonId }, data: { teacherId: substituteId, isSubstitution: true, regularTeacherId, version: { increment: 1 } } });
  await writeAudit(tx, {
    schoolId: by.schoolId, actorId: by.actorId, action: 'lesson.update', entityType: 'Lesson', entityId: lessonId,
    oldValue: { teacherId: lesson.teacherId, isSubstitution: lesson.isSubstitution, regularTeacherId: lesson.regularTeacherId },
    newValue: { teacherId: substituteId, isSubstitution: true, regularTeacherId },
  });
  return 'done';
}
