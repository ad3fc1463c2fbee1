// The diary week: the one function behind the week view and the weekly paper extract.
//
//   const week = await diaryWeek(actor, studentId, '2026-11-23');   // null: not the actor's pupil
//
// Returns a plain, serialisable object (dates are 'YYYY-MM-DD' strings):
//   student   { id, name, className, classId, gradeLevel }
//   schoolName, today, monday, sunday, previousMonday, nextMonday, isCurrentWeek, label «23–28 ноября 2026»
//   period    the term the week belongs to { id, name, startDate, endDate } or null
//   days[]    { date, weekday, title «понедельник, 23 ноября», isToday, holiday (name or null),
//               lessons[]: { key, slot, time {start,end}|null, courseId, subject, group, teacher, room,
//                            status regular|substitution|cancelled|moved-away|moved-in|extra,
//                            roomChanged, substitute, movedTo {date,slot}|null, movedFrom, changeReason,
//                            lessonId, topic, kind, kindLabel, plannedTest,
//                            homework[] { id, text, dueDate, individual, attachments[] {id,fileName,size} },
//                            homeworkDue[] homework given earlier and due at this lesson (+ givenOn),
//                            marks[] (DiaryMark: value, workType, weight, comment…),
//                            attendance { code Н|Б|УП|ОП, label, comment } | null },
//               otherMarks[]: marks entered that day without a lesson }
//   subjects[] the term's figures per course: { courseId, subject, group, teacher, scale, count,
//               average, weightedAverage, forecast { proposal, explanation, whatWouldChange[] } | null }
//
// Query count is fixed whatever the week holds: the scoped gate query and the pupil's context
// (context.ts, shared with the page header), then two statements in parallel: the week's
// timetable, changes and lessons (week-rows.ts) and the term's marks (courses.ts).
import 'server-only';
import type { Actor } from '../../auth/actor';
import { addDays, findHoliday, formatDayHeaderRu, isIsoDate, isoWeekday, lastSchoolDay, weekDays, weekStart } from '../../domain/calendar';
import { toSchoolDate } from '../../domain/timezone';
import { formatRangeRu } from '../../domain/diary-format';
import { planDay } from '../../domain/diary-day';
import { enrollmentForWeek, lastReadableDay, loadDiaryStudent, readableOn, studentName, takesCourseOn } from './context';
import { holidaysForGrade, periodsOfEnrollment, termFor } from './calendar';
import { loadStudentMarks, periodCourses } from './courses';
import { summarizeSubjects, withoutMarks } from './summaries';
import { loadWeekRows } from './week-rows';
import { buildWeekDay, type DiaryWeekDay } from './week-day';
import type { DiarySubjectSummary } from './summaries';

export type { DiaryWeekDay, DiaryWeekLesson } from './week-day';

export type DiaryWeek = {
  student: { id: number; name: string; className: string | null; classId: number | null; gradeLevel: number | null };
  schoolName: string;
  today: string;
  monday: string;
  sunday: string;
  previousMonday: string;
  nextMonday: string;
  isCurrentWeek: boolean;
  label: string;
  period: { id: number; name: string; startDate: string; endDate: string } | null;
  days: DiaryWeekDay[];
  subjects: DiarySubjectSummary[];
};

/** Monday of the requested week; the current week when the request is missing or malformed. */
export function resolveMonday(requested: string | null | undefined, today: string): string {
  return requested && isIsoDate(requested) ? weekStart(requested) : weekStart(today);
}

export async function diaryWeek(actor: Actor, studentId: number, requested?: string | null, now = new Date()): Promise<DiaryWeek | null> {
  const student = await loadDiaryStudent(actor, studentId);
  if (!student) return null;
  const { periods, holidays, bells, courses } = student;

  const today = toSchoolDate(now, student.school.timezone);
  // A former class teacher opens the diary on the pupil's last week in their class, and a later
  // week is refused outright; in that last week the days after the move show nothing, and the
  // term's figures count only the marks up to it (readableUntil, context.ts).
  const monday = resolveMonday(requested, lastReadableDay(student, today));
  if (!readableOn(student, monday)) return null;
  const sunday = addDays(monday, 6);
  const allDays = weekDays(monday, 7);
  const enrollment = enrollmentForWeek(student, monday, lastReadableDay(student, sunday));
  const ownPeriods = periodsOfEnrollment(periods, enrollment);
  const term = termFor(ownPeriods, allDays, today);
  const from = term && term.startDate < monday ? term.startDate : monday;
  const to = lastReadableDay(student, term && term.endDate > sunday ? term.endDate : sunday);

  const [rows, marks] = await Promise.all([loadWeekRows(actor, student, monday, sunday), loadStudentMarks(actor, student, from, to)]);

  const grade = enrollment?.gradeLevel;
  const gradeHolidays = holidaysForGrade(holidays, grade);
  // The timetable holds only on study days: not in holidays, not between or after the terms.
  const terms = ownPeriods.filter((p) => p.kind === 'TERM');
  const studyDay = (date: string) => !findHoliday(gradeHolidays, date, grade) && (!terms.length || terms.some((t) => t.startDate <= date && date <= t.endDate));
  // A class course counts only on days the pupil was in that class (a pupil may move mid-year).
  const applies = (courseId: number, date: string) => takesCourseOn(student, courseId, date);
  const ownLessons = new Set(marks.map((m) => m.lessonId));
  const planned = allDays.map((date) =>
    !readableOn(student, date)
      ? []
      : planDay(
          date,
          studyDay(date) ? rows.entries.filter((e) => applies(e.courseId, date)) : [],
          rows.changes.filter((c) => applies(c.courseId, c.date) || (c.newDate !== null && applies(c.courseId, c.newDate))),
          rows.lessons.filter((l) => applies(l.courseId, l.date) || l.attendance !== null || ownLessons.has(l.id)),
          today,
        ),
  );
  const days = allDays
    .map((date, i) =>
      buildWeekDay({
        date,
        title: formatDayHeaderRu(date),
        isToday: date === today,
        holiday: findHoliday(gradeHolidays, date, grade)?.name ?? null,
        planned: planned[i],
        courses,
        bells,
        marks: marks.filter((m) => m.date === date),
        due: rows.due,
        announced: rows.announced,
      }),
    )
    .filter((d, i) => {
      const weekday = isoWeekday(d.date);
      const busy = d.lessons.length > 0 || d.otherMarks.length > 0;
      return weekday <= 5 || busy || (d.date <= lastSchoolDay(monday, student.school.schoolDaysPerWeek) && planned[i].length > 0);
    });

  const termMarks = term ? marks.filter((m) => term.startDate <= m.date && m.date <= term.endDate) : [];
  const termCourses = term ? periodCourses(student, term.startDate, lastReadableDay(student, term.endDate), termMarks) : [];
  const lastShown = days[days.length - 1]?.date ?? addDays(monday, 4);

  return {
    student: {
      id: student.id,
      name: studentName(student),
      className: enrollment?.className ?? null,
      classId: enrollment?.classId ?? null,
      gradeLevel: enrollment?.gradeLevel ?? null,
    },
    schoolName: student.school.name,
    today,
    monday,
    sunday,
    previousMonday: addDays(monday, -7),
    nextMonday: addDays(monday, 7),
    isCurrentWeek: monday <= today && today <= sunday,
    label: formatRangeRu(monday, lastShown),
    period: term ? { id: term.id, name: term.name, startDate: term.startDate, endDate: term.endDate } : null,
    days,
    subjects: summarizeSubjects(termCourses, termMarks, student.school.policy, student.enrollments).map(withoutMarks),
  };
}
