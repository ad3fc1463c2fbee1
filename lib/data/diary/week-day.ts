// Turns one planned day (timetable + changes + held lessons) and the pupil's marks of that day
// into the plain object the week view and the paper extract print.
import type { PlannedLesson, DiaryLessonStatus } from '../../domain/diary-day';
import { LESSON_KIND_LABELS, type LessonKindName } from '../../domain/diary-format';
import { ATTENDANCE_LABELS, type AttendanceCode } from '../../domain/attendance';
import { attendanceFromDb } from '../../domain/journal-grid';
import { isoWeekday } from '../../domain/calendar';
import type { BellTimes } from './calendar';
import type { GradingScaleKind } from '../../domain/grading';
import type { DiaryCourse, DiaryMark } from './courses';
import type { AnnouncedLesson, DueHomework, WeekHomework, WeekLessonRow } from './week-rows';

/** Homework due at this lesson; a lesson moved here also brings what was due on its old day. */
function takeDue(due: readonly DueHomework[], courseId: number, date: string, taken: Set<number>, movedFrom: string | null = null): DueHomework[] {
  taken.add(courseId);
  return due.filter((h) => h.courseId === courseId && (h.dueDate === date || h.dueDate === movedFrom) && h.givenOn < h.dueDate);
}

export type DiaryWeekLesson = {
  /** Stable across renders: date, slot and course. */
  key: string;
  slot: number;
  time: { start: string; end: string } | null;
  courseId: number;
  subject: string;
  group: string | null;
  /** The course's primary teacher. */
  teacher: string | null;
  room: string | null;
  status: DiaryLessonStatus;
  roomChanged: boolean;
  substitute: string | null;
  movedTo: { date: string; slot: number } | null;
  movedFrom: { date: string; slot: number } | null;
  changeReason: string | null;
  lessonId: number | null;
  topic: string | null;
  kind: LessonKindName;
  kindLabel: string;
  plannedTest: boolean;
  /** Homework given at this lesson. */
  homework: WeekHomework[];
  /** No class homework, and the teacher recorded that none was set («не задано»). */
  noHomework: boolean;
  /** Homework given earlier that is due at this lesson (the first lesson of the course that day). */
  homeworkDue: DueHomework[];
  marks: DiaryMark[];
  /** The course's grading scale, which the marks' colours follow; null if the course is unknown. */
  scale: GradingScaleKind | null;
  attendance: { code: AttendanceCode; label: string; comment: string | null } | null;
};

export type DiaryWeekDay = {
  date: string;
  weekday: number;
  title: string;
  isToday: boolean;
  /** The holiday's name when the day is a holiday for the pupil's grade. */
  holiday: string | null;
  lessons: DiaryWeekLesson[];
  /** Marks of the day that belong to no lesson shown (e.g. entered without a lesson). */
  otherMarks: (DiaryMark & { subject: string; scale: GradingScaleKind | null })[];
};

type DayInput = {
  date: string;
  title: string;
  isToday: boolean;
  holiday: string | null;
  planned: PlannedLesson<WeekLessonRow>[];
  courses: Map<number, DiaryCourse>;
  bells: BellTimes;
  marks: DiaryMark[];
  due: DueHomework[];
  announced: AnnouncedLesson[];
};

export function buildWeekDay(input: DayInput): DiaryWeekDay {
  const { date, planned, courses, bells, marks } = input;
  const shownLessonIds = new Set(planned.map((p) => p.lesson?.id).filter((id): id is number => id !== undefined));
  const dueTaken = new Set<number>();
  const lessons = planned.map((p): DiaryWeekLesson => {
    const course = courses.get(p.courseId);
    const l = p.lesson;
    // Who taught is recorded with the lesson (seed 002 §3.4): it names the teacher who came even
    // when the timetable change planned another, or when there was no change at all. A lesson held
    // (marks or absences entered) without a substitution was the course's own teacher's, whatever
    // was planned; a row merely opened in advance says nothing yet, and the plan stands.
    const substitute = l?.isSubstitution ? l.teacher : l?.held ? null : p.substitute;
    // A lesson moved here and not opened yet shows what was announced for it on its old day (a test).
    const from = p.status === 'moved-in' && !l ? p.movedFrom : null;
    const announced = from ? input.announced.find((a) => a.courseId === p.courseId && a.date === from.date && a.slot === from.slot) : undefined;
    const kind = l?.kind ?? announced?.kind ?? 'LESSON';
    const code = l?.attendance ? attendanceFromDb(l.attendance.code) : null;
    return {
      key: `${date}:${p.slot}:${p.courseId}:${p.status}`,
      slot: p.slot,
      time: bells.get(p.slot) ?? null,
      courseId: p.courseId,
      subject: course?.subject ?? 'Предмет',
      group: course?.group ?? null,
      teacher: course?.teachers[0]?.name ?? null,
      room: p.room,
      status: p.status === 'regular' && substitute ? 'substitution' : p.status === 'substitution' && !substitute && l?.held ? 'regular' : p.status,
      roomChanged: p.roomChanged,
      substitute,
      movedTo: p.movedTo,
      movedFrom: p.movedFrom,
      changeReason: p.reason,
      lessonId: l?.id ?? null,
      topic: l?.topic ?? announced?.topic ?? null,
      kind,
      kindLabel: LESSON_KIND_LABELS[kind],
      plannedTest: l?.plannedTest ?? announced?.plannedTest ?? false,
      homework: l?.homework ?? [],
      noHomework: !!l?.noHomework && !l.homework.some((h) => !h.individual),
      homeworkDue: p.status === 'cancelled' || p.status === 'moved-away' || dueTaken.has(p.courseId) ? [] : takeDue(input.due, p.courseId, date, dueTaken, p.movedFrom?.date ?? null),
      marks: l ? marks.filter((m) => m.lessonId === l.id) : [],
      scale: course?.scale ?? null,
      attendance: code && l?.attendance ? { code, label: ATTENDANCE_LABELS[code], comment: l.attendance.comment } : null,
    };
  });
  const otherMarks = marks
    .filter((m) => m.lessonId === null || !shownLessonIds.has(m.lessonId))
    .map((m) => ({ ...m, subject: courses.get(m.courseId)?.subject ?? 'Предмет', scale: courses.get(m.courseId)?.scale ?? null }));
  return { date, weekday: isoWeekday(date), title: input.title, isToday: input.isToday, holiday: input.holiday, lessons, otherMarks };
}
