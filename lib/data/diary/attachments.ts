// A homework attachment as a family may download it: of a lesson of the pupil's courses, and
// either class homework or the pupil's own; another pupil's individual file matches nothing.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { studentCourses } from './context';

export async function diaryAttachment(actor: Actor, studentId: number, attachmentId: number) {
  if (!Number.isSafeInteger(studentId) || !Number.isSafeInteger(attachmentId) || attachmentId <= 0) return null;
  return getDb().homeworkAttachment.findFirst({
    where: {
      id: attachmentId,
      schoolId: actor.schoolId,
      homework: { OR: [{ studentId: null }, { studentId }], lesson: { course: studentCourses(actor, studentId) } },
    },
    select: { fileName: true, mimeType: true, size: true, data: true },
  });
}
