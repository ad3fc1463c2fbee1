// Everything a cell save checks before its write, in one query (one round trip): a stored result
// under the idempotency key (a retry), whether this actor may write the lesson (writableLessonSql),
// the lesson's course, its school year (yearEnded), scale and period scheme, whether the pupil is
// in the course on the lesson date and which work type applies. Saves are the hottest path at
// quarter end. Whether the period is open is checked by the write itself, under a lock
// (cell-writes.ts).
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { PrismaClient } from '../../prisma-client';
import type { GradingScaleKind } from '../../domain/grading';
import { isoDate } from '../dates';
import { writableLessonSql } from '../scope';
import type { CellSaveResult } from './cell-schema';
import { fail, MESSAGES, type Failure } from './result';
import { yearEnded, type LessonContext } from './write-context';

type Row = {
  stored: CellSaveResult | null; writable: boolean | null;
  courseId: number | null; academicYearId: number; schoolId: number; date: Date; kind: string;
  classId: number | null; groupId: number | null; groupClassId: number | null; schemeId: number | null;
  scaleKind: GradingScaleKind; scaleValues: string[]; inCourse: boolean; workTypeId: number | null;
};

export type SaveContext = { ok: true; ctx: LessonContext; inCourse: boolean; workTypeId: number | null };

type Cell = { lessonId: number; studentId: number; workTypeId?: number };

/**
 * `stored`: the result kept under `key` by an earlier run of this save.
 * `workTypeId`: the requested one if it is the school's and not archived; without a request the
 * lesson's default (on a test the heaviest type, otherwise the lightest).
 */
export async function saveContext(db: PrismaClient, actor: Actor, cell: Cell, key: string): Promise<SaveContext | Failure | { stored: CellSaveResult }> {
  const { lessonId, studentId } = cell;
  const wt = cell.workTypeId ?? null;
  // The lesson part is LEFT JOINed to one row, so a retry finds its stored result whatever happened to the lesson since.
  const [r] = await db.$queryRaw<Row[]>`
    SELECT (SELECT k.result FROM idempotency_keys k WHERE k.key = ${key}) AS stored, lesson.*
      FROM (VALUES (1)) AS one (x) LEFT JOIN (
        SELECT ${writableLessonSql(actor)} AS writable,
               l.course_id AS "courseId", c.academic_year_id AS "academicYearId", l.school_id AS "schoolId", l.date, l.lesson_kind::text AS kind,
               c.class_id AS "classId", c.group_id AS "groupId", g.class_id AS "groupClassId",
               COALESCE(sc.period_scheme_id, gsc.period_scheme_id) AS "schemeId",
               gs.kind::text AS "scaleKind", gs.values AS "scaleValues",
               CASE WHEN c.class_id IS NOT NULL THEN EXISTS (
                      SELECT 1 FROM enrollments e WHERE e.school_id = l.school_id AND e.student_id = ${studentId} AND e.class_id = c.class_id
                         AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date))
                    ELSE EXISTS (SELECT 1 FROM study_group_members m WHERE m.group_id = c.group_id AND m.student_id = ${studentId})
                     AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = ${studentId} AND e.school_id = l.school_id
                         AND (g.class_id IS NULL OR e.class_id = g.class_id)
                         AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date))
               END AS "inCourse",
               (SELECT w.id FROM work_types w
                 WHERE w.school_id = l.school_id AND NOT w.archived AND (${wt}::int IS NULL OR w.id = ${wt}::int)
                 ORDER BY CASE WHEN l.lesson_kind = 'TEST' THEN -w.weight ELSE w.weight END, w.id LIMIT 1) AS "workTypeId"
          FROM lessons l
          JOIN courses c ON c.id = l.course_id
          JOIN grading_scales gs ON gs.id = c.grading_scale_id
          LEFT JOIN school_classes sc ON sc.id = c.class_id
          LEFT JOIN study_groups g ON g.id = c.group_id
          LEFT JOIN school_classes gsc ON gsc.id = g.class_id
         WHERE l.id = ${lessonId} AND l.school_id = ${actor.schoolId}
      ) AS lesson ON true`;
  if (r.stored) return { stored: r.stored };
  if (r.courseId === null) return fail(MESSAGES.lessonNotFound);
  if (!r.writable) return fail(MESSAGES.lessonNotWritable);
  const ended = yearEnded(actor, r.academicYearId);
  if (ended) return ended;
  return {
    ok: true,
    ctx: {
      ok: true, lessonId, courseId: r.courseId, schoolId: r.schoolId, date: r.date, isoDate: isoDate(r.date), kind: r.kind,
      scale: { kind: r.scaleKind, values: r.scaleValues }, classId: r.classId, groupId: r.groupId, groupClassId: r.groupClassId, schemeId: r.schemeId,
    },
    inCourse: r.inCourse,
    workTypeId: r.workTypeId,
  };
}
