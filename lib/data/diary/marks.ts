// Marks by subject for a study period: every mark with date and work type, the averages and the
// forecast with its explanation; plus the teachers' comments of the period and the pupil's
// attendance per period of the year.
import 'server-only';
import { sqlRows } from '../../sql';
import type { Actor } from '../../auth/actor';
import { toSchoolDate } from '../../domain/timezone';
import { attendanceByPeriod, type AttendanceCodeName, type AttendanceCounts } from '../../domain/diary-marks';
import { enrollmentOn, lastReadableDay, loadDiaryStudent, readableOn } from './context';
import { periodsOfEnrollment, termFor, type DiaryPeriod } from './calendar';
import { loadStudentMarks, periodCourses, type DiaryMark } from './courses';
import { summarizeSubjects, type DiarySubjectMarks } from './summaries';

export type DiaryMarksPage = {
  studentId: number;
  today: string;
  /** Terms of the pupil's scheme, for the period switcher. */
  terms: DiaryPeriod[];
  period: DiaryPeriod;
  subjects: DiarySubjectMarks[];
  /** Marks with a teacher's comment, newest first. */
  comments: (DiaryMark & { subject: string })[];
  /** Attendance per term of the year, in term order. */
  attendance: { period: DiaryPeriod; counts: AttendanceCounts }[];
};

/** Null when the pupil is not the actor's or has no study period at all. */
export async function diaryMarks(actor: Actor, studentId: number, periodId?: number | null, now = new Date()): Promise<DiaryMarksPage | null> {
  const student = await loadDiaryStudent(actor, studentId);
  if (!student) return null;
  const { periods, courses } = student;
  const today = toSchoolDate(now, student.school.timezone);
  // A former class teacher (readableUntil, context.ts) gets the terms begun while the pupil was in
  // their class, the one under way at the move by default, each counted up to the move: the
  // marks, comments and attendance after it are the new class's. A term begun after it is refused
  // like another pupil's, as a later week is on the week view; one page, one rule: nothing after
  // the last day, whatever the page.
  const asOf = lastReadableDay(student, today);
  const requested = periods.find((p) => p.id === periodId && p.kind === 'TERM');
  if (requested && !readableOn(student, requested.startDate)) return null;
  const enrollment = enrollmentOn(student, requested?.startDate ?? asOf);
  const terms = periodsOfEnrollment(periods, enrollment).filter((p) => p.kind === 'TERM' && readableOn(student, p.startDate));
  const period = requested ?? termFor(terms, [asOf], asOf);
  if (!period) return null;
  const yearTerms = terms.filter((t) => t.academicYearId === period.academicYearId);
  const yearFrom = yearTerms[0]?.startDate ?? period.startDate;
  const yearTo = lastReadableDay(student, yearTerms[yearTerms.length - 1]?.endDate ?? period.endDate);

  const [marks, attendanceRows] = await Promise.all([
    loadStudentMarks(actor, student, period.startDate, lastReadableDay(student, period.endDate)),
    sqlRows<{ code: AttendanceCodeName; date: string }>`
      SELECT a.code, to_char(l.date, 'YYYY-MM-DD') AS date
        FROM attendance a JOIN lessons l ON l.id = a.lesson_id
       WHERE a.school_id = ${actor.schoolId} AND a.student_id = ${student.id} AND l.date BETWEEN ${yearFrom}::date AND ${yearTo}::date`,
  ]);

  const subjects = summarizeSubjects(periodCourses(student, period.startDate, lastReadableDay(student, period.endDate), marks), marks, student.school.policy, student.enrollments);
  const subjectOf = new Map(subjects.map((s) => [s.courseId, s.subject]));
  const comments = marks
    .filter((m) => m.comment)
    .map((m) => ({ ...m, subject: subjectOf.get(m.courseId) ?? courses.get(m.courseId)?.subject ?? 'Предмет' }))
    .reverse();
  const counts = attendanceByPeriod(attendanceRows, yearTerms);
  return {
    studentId,
    today,
    terms,
    period,
    subjects,
    comments,
    attendance: yearTerms.map((p) => ({ period: p, counts: counts.get(p.id)! })),
  };
}
