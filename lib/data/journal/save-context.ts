// Everything a cell save checks before its transaction, in two queries run side by side: the
// scoped one (may this actor write this lesson? — writableLessons) and one joined read of the
// lesson's course, scale, period scheme, whether the pupil is in the course on the lesson date
// and which work type applies. Saves are the hottest path at quarter end: two round trips,
// not the dozen that nested relation loading would take.
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { PrismaClient } from '../../prisma-client';
import type { GradingScaleKind } from '../../domain/grading';
import { isoDate } from '../dates';
import { writableLessons } from '../scope';
import { fail, MESSAGES, type Failure } from './result';
import type { LessonContext } from './write-context';

type Row = {
  courseId: number; schoolId: number; date: Date; kind: string;
  classId: number | null; groupId: number | null; groupClassId: number | null; schemeId: number | null;
  scaleKind: GradingScaleKind; scaleValues: string[]; inCourse: boolean; workTypeId: number | null;
};

export type SaveContext = { ok: true; ctx: LessonContext; inCourse: boolean; workTypeId: number | null };

/**
 * `workTypeId`: the requested one if it is the school's and not archived; without a request the
 * lesson's default (on a test the heaviest type, otherwise the lightest).
 */
export async function saveContext(db: PrismaClient, actor: Actor, lessonId: number, studentId: number, workTypeId: number | undefined): Promise<SaveContext | Failure> {
  const wt = workTypeId ?? null;
  const [writable, rows] = await Promise.all([
    db.lesson.count({ where: { AND: [{ id: lessonId }, writableLessons(actor)] } }),
    db.$queryRaw<Row[]>`
      SELECT l.course_id AS "courseId", l.school_id AS "schoolId", l.date, l.lesson_kind::text AS kind,
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
       WHERE l.id = ${lessonId} AND l.school_id = ${actor.schoolId}`,
  ]);
  const r = rows[0];
  if (!r) return fail(MESSAGES.lessonNotFound);
  if (!writable) return fail(MESSAGES.lessonNotWritable);
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
