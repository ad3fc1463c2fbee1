// The course a journal page shows, in one joined read: title parts, scale, the school's clock and
// rounding policy, and whether the actor teaches it. Only used after a scoped query has shown the
// course is readable by the actor (the grid runs both side by side and discards this if not).
import 'server-only';
import type { PrismaClient } from '../../prisma-client';
import { sqlOn } from '../../sql';
import type { GradingScaleKind } from '../../domain/grading';
import { courseTitle } from '../names';

type Row = {
  id: number; academicYearId: number; subjectId: number; classId: number | null; groupId: number | null; subject: string;
  grade: number | null; letter: string | null; groupName: string | null; groupClassId: number | null; groupGrade: number | null; groupLetter: string | null;
  scaleKind: GradingScaleKind; scaleValues: string[]; timezone: string; roundingPolicy: unknown; teaches: boolean;
};

export async function courseHeader(db: PrismaClient, schoolId: number, courseId: number, actorId: number) {
  const [r] = await sqlOn(db).rows<Row>`
    SELECT c.id, c.academic_year_id AS "academicYearId", c.subject_id AS "subjectId", c.class_id AS "classId", c.group_id AS "groupId", s.name AS subject,
           sc.grade_level AS grade, sc.letter, g.name AS "groupName", g.class_id AS "groupClassId",
           gsc.grade_level AS "groupGrade", gsc.letter AS "groupLetter",
           gs.kind::text AS "scaleKind", gs.values AS "scaleValues", sch.timezone, sch.rounding_policy AS "roundingPolicy",
           EXISTS (SELECT 1 FROM course_teachers ct WHERE ct.course_id = c.id AND ct.teacher_id = ${actorId}) AS teaches
      FROM courses c
      JOIN subjects s ON s.id = c.subject_id
      JOIN grading_scales gs ON gs.id = c.grading_scale_id
      JOIN schools sch ON sch.id = c.school_id
      LEFT JOIN school_classes sc ON sc.id = c.class_id
      LEFT JOIN study_groups g ON g.id = c.group_id
      LEFT JOIN school_classes gsc ON gsc.id = g.class_id
     WHERE c.id = ${courseId} AND c.school_id = ${schoolId}`;
  if (!r) return null;
  const cls = (grade: number | null, letter: string | null) => (grade !== null && letter !== null ? { gradeLevel: grade, letter } : null);
  return {
    id: r.id,
    academicYearId: r.academicYearId,
    subjectId: r.subjectId,
    classId: r.classId,
    groupId: r.groupId,
    groupClassId: r.groupClassId,
    title: courseTitle({ subject: { name: r.subject }, schoolClass: cls(r.grade, r.letter), group: r.groupName ? { name: r.groupName, schoolClass: cls(r.groupGrade, r.groupLetter) } : null }),
    scale: { kind: r.scaleKind, values: r.scaleValues },
    timezone: r.timezone,
    roundingPolicy: r.roundingPolicy,
    teaches: r.teaches,
  };
}
