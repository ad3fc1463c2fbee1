// The pupil's courses (loaded with the context) and their marks in a date range: the two lists
// every diary page builds on.
import 'server-only';
import { sqlRows } from '../../sql';
import type { Actor } from '../../auth/actor';
import type { GradingScaleKind } from '../../domain/grading';
import type { DiaryStudent } from './context';

export type DiaryTeacher = { id: number; name: string; fullName: string; primary: boolean };

export type DiaryCourse = {
  id: number;
  academicYearId: number;
  subjectId: number;
  subject: string;
  /** Group name for a subgroup, stream or individual plan; null for the whole class. */
  group: string | null;
  groupId: number | null;
  classId: number | null;
  /** The class of the course's group, if the group belongs to one. */
  groupClassId: number | null;
  className: string | null;
  scale: GradingScaleKind;
  /** Primary teachers first. */
  teachers: DiaryTeacher[];
  /** A group the pupil is no longer in (moved to another subgroup), read for the marks they got there. */
  former: boolean;
};

/** Courses the pupil attended on at least one day of [from, to] (class enrollment or group). */
export function coursesBetween(student: DiaryStudent, from: string, to: string): DiaryCourse[] {
  const overlapping = student.enrollments.filter((e) => e.startDate <= to && (e.endDate === null || e.endDate >= from));
  const years = new Set(overlapping.map((e) => e.academicYearId));
  return [...student.courses.values()].filter((c) => {
    if (c.former || !years.has(c.academicYearId)) return false;
    const classId = c.classId ?? c.groupClassId;
    return classId === null || overlapping.some((e) => e.classId === classId);
  });
}

/**
 * The courses of a period's figures: those attended in it, and a group left (the pupil moved to
 * the other subgroup) where they have marks of the period, so that those marks are not lost.
 */
export function periodCourses(student: DiaryStudent, from: string, to: string, marks: readonly { courseId: number }[]): DiaryCourse[] {
  const marked = new Set(marks.map((m) => m.courseId));
  const left = [...student.courses.values()].filter((c) => c.former && marked.has(c.id));
  return left.length ? [...coursesBetween(student, from, to), ...left] : coursesBetween(student, from, to);
}

export type DiaryMark = {
  id: number;
  courseId: number;
  lessonId: number | null;
  /** The lesson's date; for a mark without a lesson, the day it was entered (school time). */
  date: string;
  slot: number | null;
  value: string;
  numericValue: number | null;
  workType: string;
  workTypeShort: string;
  weight: number;
  comment: string | null;
  position: number;
};

/**
 * The pupil's marks dated within [from, to], in date, lesson and cell order. `student` comes from
 * loadDiaryStudent, i.e. from the scoped gate query.
 */
export async function loadStudentMarks(actor: Actor, student: DiaryStudent, from: string, to: string): Promise<DiaryMark[]> {
  const tz = student.school.timezone;
  return sqlRows<DiaryMark>`
    SELECT m.id, m.course_id AS "courseId", m.lesson_id AS "lessonId",
           to_char(COALESCE(l.date, (m.created_at AT TIME ZONE 'UTC' AT TIME ZONE ${tz})::date), 'YYYY-MM-DD') AS date,
           l.slot, m.value, m.numeric_value AS "numericValue", w.name AS "workType", w.short_name AS "workTypeShort",
           w.weight, m.comment, m.position
      FROM marks m
      JOIN work_types w ON w.id = m.work_type_id AND w.school_id = ${actor.schoolId}
      -- An index lookup per mark (a pupil has a few hundred a year). OFFSET 0 keeps the planner
      -- from turning it into a join, which as a prepared (generic) plan hashed every lesson of the
      -- database: 8 ms on one school, growing with each school added.
      LEFT JOIN LATERAL (SELECT date, slot FROM lessons WHERE id = m.lesson_id OFFSET 0) l ON true
     WHERE m.school_id = ${actor.schoolId} AND m.student_id = ${student.id}
       AND COALESCE(l.date, (m.created_at AT TIME ZONE 'UTC' AT TIME ZONE ${tz})::date) BETWEEN ${from}::date AND ${to}::date
     ORDER BY 4, l.slot NULLS LAST, m.position, m.id`;
}
