// Marks a pupil who joined the course's class during the period got in the same subject in the
// class(es) they were in before, earlier in that period (a transfer, pupil-class-change.ts). They
// count toward the period mark in the new class (Russian practice: the term mark covers the whole
// term), so the journal and the final-marks page add them to the pupil's averages and proposal.
import 'server-only';
import type { PrismaClient } from '../../prisma-client';
import { sqlOn } from '../../sql';

export type PriorMarkRow = { courseId: number; studentId: number; grade: number; letter: string; value: string; numericValue: number | null; workTypeId: number };

/**
 * One statement for any number of courses (the grid's one, a class overview's all), bounded like
 * the grid's other reads: a course must be one of `readableIds`
 * (the scoped query's answer), and only for pupils whose enrollment in its class (or its group's
 * class, with the pupil in the group) began after the period's start and by its end. Of each
 * earlier class: courses of the same subject and grading scale, marks dated within the period and
 * within the pupil's days in that class (the lesson's date, or for a mark without a lesson the day
 * it was entered on the school's clock, as the diary dates it). A stream (no class) has none.
 */
export function priorMarkRows(db: PrismaClient, r: { schoolId: number; readableIds: number[]; courseIds: number[]; from: Date; to: Date }) {
  return sqlOn(db).rows<PriorMarkRow>`
    WITH c AS (
      SELECT c.id, c.school_id, c.subject_id, c.grading_scale_id, c.group_id, COALESCE(c.class_id, g.class_id) AS class_id, sch.timezone
        FROM courses c JOIN schools sch ON sch.id = c.school_id LEFT JOIN study_groups g ON g.id = c.group_id
       WHERE c.id = ANY(${r.courseIds}::int[]) AND c.school_id = ${r.schoolId} AND c.id = ANY(${r.readableIds}::int[])
    ), joined AS (
      -- The pupils who joined the class during the period (a handful; the class's index finds them).
      SELECT c.id AS course_id, e.student_id, max(e.start_date) AS start_date
        FROM c JOIN enrollments e ON e.school_id = c.school_id AND e.class_id = c.class_id
       WHERE e.start_date > ${r.from}::date AND e.start_date <= ${r.to}::date
         AND (c.group_id IS NULL OR EXISTS (SELECT 1 FROM study_group_members gm WHERE gm.group_id = c.group_id AND gm.student_id = e.student_id))
       GROUP BY c.id, e.student_id
    ), dated AS (
      SELECT c.id AS course_id, o.student_id, o.start_date AS since, sc.grade_level AS grade, sc.letter, m.value, m.numeric_value, m.work_type_id, l.slot, m.position, m.id,
             COALESCE(l.date, (m.created_at AT TIME ZONE 'UTC' AT TIME ZONE c.timezone)::date) AS date,
             GREATEST(o.start_date, ${r.from}::date) AS first_day, o.end_date AS last_day
        FROM c
        JOIN joined j ON j.course_id = c.id
        -- Their earlier classes of the period, ended before they joined this one.
        JOIN enrollments o ON o.school_id = c.school_id AND o.student_id = j.student_id AND o.class_id <> c.class_id
         AND o.end_date >= ${r.from}::date AND o.end_date < j.start_date
        JOIN school_classes sc ON sc.id = o.class_id
        JOIN courses pc ON pc.school_id = c.school_id AND pc.subject_id = c.subject_id AND pc.grading_scale_id = c.grading_scale_id AND pc.id <> c.id
         AND (pc.class_id = o.class_id OR EXISTS (SELECT 1 FROM study_groups pg WHERE pg.id = pc.group_id AND pg.class_id = o.class_id))
        JOIN marks m ON m.school_id = c.school_id AND m.student_id = o.student_id AND m.course_id = pc.id
        LEFT JOIN lessons l ON l.id = m.lesson_id
    )
    SELECT course_id AS "courseId", student_id AS "studentId", grade, letter, value, numeric_value AS "numericValue", work_type_id AS "workTypeId"
      FROM dated WHERE date BETWEEN first_day AND last_day
     ORDER BY course_id, student_id, since, date, slot NULLS LAST, position, id`;
}

/** A pupil's earlier marks by class, in date order: «5А» → the marks. Rows of one course. */
export type PriorMarks = { className: string; marks: { value: string; numericValue: number | null; workTypeId: number }[] }[];

export function priorMarksByPupil(rows: readonly PriorMarkRow[]): Map<number, PriorMarks> {
  const byPupil = new Map<number, PriorMarks>();
  for (const r of rows) {
    const name = `${r.grade}${r.letter}`;
    const list = byPupil.get(r.studentId) ?? [];
    if (!byPupil.has(r.studentId)) byPupil.set(r.studentId, list);
    let group = list.find((g) => g.className === name);
    if (!group) list.push((group = { className: name, marks: [] }));
    group.marks.push({ value: r.value, numericValue: r.numericValue, workTypeId: r.workTypeId });
  }
  return byPupil;
}
