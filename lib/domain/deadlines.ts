// Entry deadlines from seed 002 §3.4–3.6, judged on the school's clock:
//  (a) lesson topic and absences — on the lesson day;
//  (b) homework — on the lesson day and no later than 2 hours after the teacher's last lesson that day;
//  (c) marks for a piece of work — within 1 week of the lesson.

import { addDays } from './calendar';
import { startOfSchoolDay, toSchoolDate } from './timezone';

/** ok / late: entered in time or after; pending: not entered, still time; missing: not entered, too late. */
export type DeadlineStatus = 'ok' | 'late' | 'missing' | 'pending';

export const DEFAULT_HOMEWORK_GRACE_MINUTES = 120;
export const DEFAULT_MARK_DAYS = 7;

type EntryInput = {
  /** Lesson date on the school calendar, 'YYYY-MM-DD'. */
  lessonDate: string;
  /** IANA timezone of the school, e.g. 'Europe/Moscow'. */
  timeZone: string;
  /** When the entry was saved; null if not yet. */
  enteredAt: Date | null;
  now: Date;
};

function statusByDate(lastAllowedDate: string, input: EntryInput): DeadlineStatus {
  if (input.enteredAt) return toSchoolDate(input.enteredAt, input.timeZone) <= lastAllowedDate ? 'ok' : 'late';
  return toSchoolDate(input.now, input.timeZone) <= lastAllowedDate ? 'pending' : 'missing';
}

function statusByInstant(deadline: Date, enteredAt: Date | null, now: Date): DeadlineStatus {
  if (enteredAt) return enteredAt.getTime() <= deadline.getTime() ? 'ok' : 'late';
  return now.getTime() <= deadline.getTime() ? 'pending' : 'missing';
}

/**
 * (a) Topic and attendance: anything saved up to the end of the lesson day (school time) is in time.
 * Saving before the lesson day (a topic copied from the КТП) also counts as in time.
 */
export function lessonRecordStatus(input: EntryInput): DeadlineStatus {
  return statusByDate(input.lessonDate, input);
}

export type HomeworkInput = EntryInput & {
  /** End of the teacher's last lesson on that day (all courses, not only this one). */
  teacherLastLessonEnd: Date;
  homeworkGraceMinutes?: number;
};

/**
 * (b) The homework deadline: last lesson end + grace, but not past the end of the lesson day,
 * since §3.5 also says «в день проведения занятия» (matters for evening second-shift lessons).
 */
export function homeworkDeadline(input: Omit<HomeworkInput, 'enteredAt' | 'now'>): Date {
  const grace = input.homeworkGraceMinutes ?? DEFAULT_HOMEWORK_GRACE_MINUTES;
  const byGrace = input.teacherLastLessonEnd.getTime() + grace * 60_000;
  // Last millisecond of the lesson day: local midnight already belongs to the next day.
  const endOfDay = startOfSchoolDay(addDays(input.lessonDate, 1), input.timeZone).getTime() - 1;
  return new Date(Math.min(byGrace, endOfDay));
}

export function homeworkStatus(input: HomeworkInput): DeadlineStatus {
  return statusByInstant(homeworkDeadline(input), input.enteredAt, input.now);
}

/**
 * (c) The last school date on which marks for the lesson are in time: «не позднее 1 недели
 * со дня проведения» — a Monday lesson may be marked up to and including the next Monday.
 */
export function markDeadlineDate(lessonDate: string, markDays = DEFAULT_MARK_DAYS): string {
  return addDays(lessonDate, markDays);
}

export type MarkInput = EntryInput & { markDays?: number };

export function markEntryStatus(input: MarkInput): DeadlineStatus {
  return statusByDate(markDeadlineDate(input.lessonDate, input.markDays), input);
}
