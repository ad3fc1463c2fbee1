// The short notes a lesson of the extract carries besides its columns, worded once here so the
// PDF and the e-mail digest say the same thing as the diary's lesson (components/diary/lesson-item).
import { ATTENDANCE_LABELS, isAttendanceCode } from '../domain/attendance';
import { PLANNED_TEST } from '../domain/diary-format';
import type { ExtractLesson, LateEntry } from './extract-model';

/** What changed in the timetable: printed under the subject. */
export function timetableNotes(l: ExtractLesson): string[] {
  return [l.change, l.room ? `другой кабинет: ${l.room}` : null].filter((s): s is string => s !== null);
}

/** The planned test and the teacher's words on marks and attendance: printed under the topic. */
export function teacherRemarks(l: ExtractLesson): string[] {
  return [
    ...(l.plannedTest ? [PLANNED_TEST] : []),
    ...l.marks.filter((m) => m.comment).map((m) => `Комментарий к отметке ${m.value}: ${m.comment}`),
    ...(l.attendance && l.attendanceComment ? [`${l.attendance}: ${l.attendanceComment}`] : []),
  ];
}

/** Homework due at the lesson first (it is what the pupil brings), then homework given at it. */
export function homeworkLines(l: ExtractLesson): string[] {
  return [...l.homeworkDue.map((h) => `К уроку: ${h}`), ...l.homework];
}

/** What was entered late, after its date and subject: 'исправлено, отметка 4 (к/р), комментарий: …', 'отметка удалена, было «3» (Урок)'. */
export function lateEntryText(x: LateEntry): string {
  const mark = x.mark ? `отметка ${x.mark.value}${x.mark.workType ? ` (${x.mark.workType})` : ''}` : null;
  const absence = x.attendance ? `посещение: ${isAttendanceCode(x.attendance) ? `${x.attendance} — ${ATTENDANCE_LABELS[x.attendance]}` : x.attendance}` : null;
  if (x.deleted && x.mark) return `отметка удалена, было «${x.mark.value}»${x.mark.workType ? ` (${x.mark.workType})` : ''}`;
  if (x.deleted && x.attendance) return `отметка посещения снята, было «${isAttendanceCode(x.attendance) ? `${x.attendance} — ${ATTENDANCE_LABELS[x.attendance]}` : x.attendance}»`;
  return [x.corrected ? 'исправлено' : null, mark ?? absence, x.comment ? `комментарий: ${x.comment}` : null].filter(Boolean).join(', ');
}
