// Which entries of one lesson broke the regulations' deadlines (seed 002 §3.4–3.6), built on the
// single-entry rules of ./deadlines.ts. The data layer feeds it lessons with the moments things
// were entered; this decides what to flag for the teacher and for management.
import { homeworkStatus, lessonRecordStatus, markDeadlineDate, markEntryStatus, type DeadlineStatus } from './deadlines';
import { zonedTimeToInstant } from './timezone';
import { formatDateRu } from './calendar';

export type DeadlineRule = 'topic' | 'attendance' | 'homework' | 'marks';

export const DEADLINE_RULE_LABELS: Record<DeadlineRule, string> = {
  topic: 'Тема урока',
  attendance: 'Отсутствующие',
  homework: 'Домашнее задание',
  marks: 'Отметки за работу',
};

/**
 * Lesson kinds whose work must be marked (a test without marks after a week is missing): the kinds
 * of the test schedule (TEST_LESSON_KINDS) and the lab and practical works.
 */
export const MARKED_KINDS: readonly string[] = ['TEST', 'QUIZ', 'DICTATION', 'LAB', 'PRACTICAL'];

export type LessonEntries = {
  /** 'YYYY-MM-DD' on the school calendar. */
  date: string;
  kind: string;
  /** A plain lesson at which the teacher announced a test (график контрольных): its work is marked too. */
  plannedTest: boolean;
  topicEnteredAt: Date | null;
  attendanceEnteredAt: Date | null;
  /** First class homework saved for the lesson. */
  homeworkEnteredAt: Date | null;
  /** End of the teacher's last lesson that day, 'HH:MM' school time; null when the bells are unknown. */
  teacherLastLessonEnd: string | null;
  markCount: number;
  /** Marks saved after the mark deadline. */
  lateMarkCount: number;
};

export type DeadlineSettings = { timeZone: string; homeworkGraceMinutes: number; markEntryDays: number };

export type DeadlineFlag = { rule: DeadlineRule; status: Extract<DeadlineStatus, 'late' | 'missing'>; text: string };

const flag = (rule: DeadlineRule, status: DeadlineStatus, late: string, missing: string): DeadlineFlag[] =>
  status === 'late' ? [{ rule, status, text: late }] : status === 'missing' ? [{ rule, status, text: missing }] : [];

/** The late and missing entries of one lesson at `now`; empty when all is in order or still in time. */
export function lessonDeadlineFlags(l: LessonEntries, s: DeadlineSettings, now: Date): DeadlineFlag[] {
  const base = { lessonDate: l.date, timeZone: s.timeZone, now };
  const flags: DeadlineFlag[] = [
    ...flag('topic', lessonRecordStatus({ ...base, enteredAt: l.topicEnteredAt }), 'Тема внесена не в день урока', 'Тема урока не внесена'),
    ...flag('attendance', lessonRecordStatus({ ...base, enteredAt: l.attendanceEnteredAt }), 'Отсутствующие отмечены не в день урока', 'Отсутствующие не отмечены'),
  ];
  const lastEnd = l.teacherLastLessonEnd
    ? zonedTimeToInstant(l.date, l.teacherLastLessonEnd, s.timeZone)
    // Unknown bells: judge by the end of the lesson day only.
    : zonedTimeToInstant(l.date, '23:59', s.timeZone);
  const hw = homeworkStatus({ ...base, enteredAt: l.homeworkEnteredAt, teacherLastLessonEnd: lastEnd, homeworkGraceMinutes: s.homeworkGraceMinutes });
  flags.push(...flag('homework', hw, 'Домашнее задание внесено позже срока', 'Домашнее задание не внесено'));
  if (l.lateMarkCount > 0) {
    flags.push({ rule: 'marks', status: 'late', text: `Отметки выставлены позже ${s.markEntryDays} дн. после урока: ${l.lateMarkCount}` });
  } else if ((MARKED_KINDS.includes(l.kind) || l.plannedTest) && l.markCount === 0) {
    const status = markEntryStatus({ ...base, enteredAt: null, markDays: s.markEntryDays });
    flags.push(...flag('marks', status, '', `Нет отметок за работу (срок — ${formatDateRu(markDeadlineDate(l.date, s.markEntryDays))})`));
  }
  return flags;
}
