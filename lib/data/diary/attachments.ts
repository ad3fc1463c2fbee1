// A homework attachment as a family may download it: of a lesson of the pupil's courses, and
// either class homework or the pupil's own; another pupil's individual file matches nothing.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { dbDate } from '../dates';
import { loadDiaryStudent, studentCourses } from './context';

export async function diaryAttachment(actor: Actor, studentId: number, attachmentId: number) {
  if (!Number.isSafeInteger(studentId) || !Number.isSafeInteger(attachmentId) || attachmentId <= 0) return null;
  // A former class teacher reads up to the pupil's last day in their class (readableUntil): not
  // the files given in the new class after the move.
  const student = await loadDiaryStudent(actor, studentId);
  if (!student) return null;
  const until = student.readableUntil === null ? {} : { date: { lte: dbDate(student.readableUntil) } };
  return getDb().homeworkAttachment.findFirst({
    where: {
      id: attachmentId,
      schoolId: actor.schoolId,
      homework: { OR: [{ studentId: null }, { studentId }], lesson: { course: studentCourses(actor, studentId), ...until } },
    },
    select: { fileName: true, mimeType: true, size: true, data: true },
  });
}
