// The row-heavy reads of the grid (lessons, marks, attendance of a course in a period) as plain
// SQL. Prisma's per-query compilation and per-row mapping cost several times the database's own
// work here (a quarter is ~1,000 cells); these run only for course ids that the scoped query
// (readableCourses) returned, and that list is part of every WHERE below.
import 'server-only';
import type { PrismaClient } from '../../prisma-client';
import { sqlOn } from '../../sql';
import type { AttendanceDbCode } from '../../domain/journal-grid';

/** `schoolId` leads every index of these tables, so it is in every WHERE. */
type Range = { schoolId: number; readableIds: number[]; from: Date; to: Date };

export type LessonRow = { id: number; date: Date; slot: number; lessonKind: string; topic: string | null; plannedTest: boolean; isSubstitution: boolean; teacherId: number };
export type MarkRow = { studentId: number; lessonId: number; position: number; value: string; numericValue: number | null; workTypeId: number; comment: string | null; version: number };
export type AttendanceRow = { studentId: number; lessonId: number; code: AttendanceDbCode; comment: string | null; version: number };

export function lessonRows(db: PrismaClient, r: Range) {
  return sqlOn(db).rows<LessonRow>`
    SELECT id, date, slot, lesson_kind::text AS "lessonKind", topic, planned_test AS "plannedTest", is_substitution AS "isSubstitution", teacher_id AS "teacherId"
      FROM lessons WHERE school_id = ${r.schoolId} AND course_id = ANY(${r.readableIds}::int[]) AND date BETWEEN ${r.from}::date AND ${r.to}::date
     ORDER BY date, slot`;
}

export function markRows(db: PrismaClient, r: Range) {
  return sqlOn(db).rows<MarkRow>`
    SELECT m.student_id AS "studentId", m.lesson_id AS "lessonId", m.position, m.value, m.numeric_value AS "numericValue",
           m.work_type_id AS "workTypeId", m.comment, m.version
      FROM lessons l
      -- Per lesson by its (lesson, pupil, position) key alone: a lesson of a readable course is
      -- what makes its marks readable. Filtering marks by school and course too made the generic
      -- plan intersect this index with the course's, reading the course's marks of the whole
      -- year for every lesson of the range.
      CROSS JOIN LATERAL (SELECT * FROM marks WHERE lesson_id = l.id OFFSET 0) m
     WHERE l.school_id = ${r.schoolId} AND l.course_id = ANY(${r.readableIds}::int[]) AND l.date BETWEEN ${r.from}::date AND ${r.to}::date
     ORDER BY m.position`;
}

export function attendanceRows(db: PrismaClient, r: Range) {
  return sqlOn(db).rows<AttendanceRow>`
    SELECT a.student_id AS "studentId", a.lesson_id AS "lessonId", a.code::text AS code, a.comment, a.version
      FROM attendance a JOIN lessons l ON l.id = a.lesson_id
     WHERE l.school_id = ${r.schoolId} AND l.course_id = ANY(${r.readableIds}::int[]) AND l.date BETWEEN ${r.from}::date AND ${r.to}::date`;
}

export type EnrollmentRow = { studentId: number; lastName: string; firstName: string; startDate: Date; endDate: Date | null };

/**
 * Enrollments in a class overlapping the range, each with its pupil's name: one statement where
 * two ORM queries (enrollments, then their pupils) cost ~6 ms of Node CPU per page. Bounded by
 * the readable course ids like the rest: the class must have one of them.
 */
export function enrollmentRows(db: PrismaClient, r: Range & { classId: number }) {
  return sqlOn(db).rows<EnrollmentRow>`
    SELECT e.student_id AS "studentId", u.last_name AS "lastName", u.first_name AS "firstName", e.start_date AS "startDate", e.end_date AS "endDate"
      FROM enrollments e JOIN users u ON u.id = e.student_id AND u.school_id = ${r.schoolId}
     WHERE e.school_id = ${r.schoolId} AND e.class_id = ${r.classId}
       AND e.start_date <= ${r.to}::date AND (e.end_date IS NULL OR e.end_date >= ${r.from}::date)
       AND EXISTS (SELECT 1 FROM courses c WHERE c.class_id = e.class_id AND c.id = ANY(${r.readableIds}::int[]))`;
}

export type PeriodRow = { id: number; name: string; kind: string; startDate: Date; endDate: Date; status: 'OPEN' | 'CLOSED' };

/**
 * Terms of the course's class scheme (or its group's class; for a stream, which has no class, the
 * scheme of its members' classes) and the year, in the course's academic year. School calendar:
 * readable by all staff of the school.
 */
export function periodRows(db: PrismaClient, schoolId: number, courseId: number) {
  return sqlOn(db).rows<PeriodRow>`
    SELECT p.id, p.name, p.kind::text AS kind, p.start_date AS "startDate", p.end_date AS "endDate", p.status::text AS status
      FROM study_periods p
      JOIN courses c ON c.id = ${courseId} AND c.school_id = ${schoolId} AND p.academic_year_id = c.academic_year_id
      LEFT JOIN school_classes sc ON sc.id = c.class_id
      LEFT JOIN study_groups g ON g.id = c.group_id
      LEFT JOIN school_classes gsc ON gsc.id = g.class_id
     WHERE p.school_id = ${schoolId} AND (p.scheme_id IS NULL OR p.scheme_id = COALESCE(sc.period_scheme_id, gsc.period_scheme_id, (
             SELECT min(mc.period_scheme_id) FROM study_group_members m
               JOIN enrollments e ON e.student_id = m.student_id
               JOIN school_classes mc ON mc.id = e.class_id AND mc.academic_year_id = c.academic_year_id
              WHERE m.group_id = g.id)))
     ORDER BY p.kind, p.start_date`;
}

export type WorkTypeRow = { id: number; name: string; shortName: string; weight: number; archived: boolean };

/** The school's work types (формы контроля) with their weights; school reference data. */
export function workTypeRows(db: PrismaClient, schoolId: number) {
  return sqlOn(db).rows<WorkTypeRow>`
    SELECT id, name, short_name AS "shortName", weight, archived FROM work_types WHERE school_id = ${schoolId}`;
}

export type FinalMarkRow = {
  studentId: number; value: string | null; special: string | null; deferredUntil: Date | null; deferralReason: string | null;
  status: string; visibleFrom: Date | null; version: number;
};

/** Final marks of the readable courses for the period. */
export function finalMarkRows(db: PrismaClient, r: { schoolId: number; readableIds: number[]; periodId: number }) {
  return sqlOn(db).rows<FinalMarkRow>`
    SELECT student_id AS "studentId", value, special::text AS special, deferred_until AS "deferredUntil", deferral_reason AS "deferralReason",
           status::text AS status, visible_from AS "visibleFrom", version
      FROM final_marks WHERE school_id = ${r.schoolId} AND course_id = ANY(${r.readableIds}::int[]) AND period_id = ${r.periodId}`;
}
