// One statement for everything a diary page needs to know about the pupil before it asks for a
// week or a period: school settings, enrollments with class teachers, groups, whether the actor
// is a guardian, study periods, holidays, bell times and the pupil's courses with teachers (and
// the courses of groups they have left, for the marks they got there).
// It runs beside the scoped gate query (context.ts), whose answer decides whether this result is
// used at all; each part is limited to the actor's school.
import 'server-only';
import { sqlRows } from '../../sql';

type Json<T> = T;
type Name = { lastName: string; firstName: string; middleName: string | null };

export type ContextRow = {
  school: Json<{ id: number; name: string; timezone: string; roundingPolicy: unknown; schoolDaysPerWeek: number; resultVisibilityHours: number }>;
  guardian: boolean;
  enrollments: Json<{
    classId: number; gradeLevel: number; letter: string; academicYearId: number; periodSchemeId: number;
    startDate: string; endDate: string | null; teacher: ({ id: number } & Name) | null;
  }[]>;
  groups: Json<{ id: number; name: string; classId: number | null }[]>;
  periods: Json<{ id: number; name: string; kind: 'TERM' | 'YEAR'; ordinal: number; startDate: string; endDate: string; schemeId: number | null; academicYearId: number }[]>;
  holidays: Json<{ name: string; startDate: string; endDate: string; gradeLevels: number[]; academicYearId: number }[]>;
  bells: Json<{ slot: number; startMinute: number; endMinute: number }[]>;
  courses: Json<{
    id: number; academicYearId: number; subjectId: number; subject: string; group: string | null; groupId: number | null; classId: number | null;
    groupClassId: number | null; gradeLevel: number | null; letter: string | null; scale: 'FIVE_POINT' | 'TEN_POINT' | 'PASS_FAIL';
    teachers: ({ id: number; primary: boolean } & Name)[]; former: boolean;
  }[]>;
};

export async function queryContext(schoolId: number, studentId: number, actorId: number): Promise<ContextRow | null> {
  const rows = await sqlRows<ContextRow>`
    WITH en AS (
      SELECT e.class_id, e.start_date, e.end_date, c.academic_year_id, c.period_scheme_id
        FROM enrollments e JOIN school_classes c ON c.id = e.class_id
       WHERE e.student_id = ${studentId} AND e.school_id = ${schoolId}
    ), grp AS (
      SELECT m.group_id FROM study_group_members m WHERE m.student_id = ${studentId} AND m.school_id = ${schoolId}
    )
    SELECT
      (SELECT json_build_object('id', s.id, 'name', s.name, 'timezone', s.timezone, 'roundingPolicy', s.rounding_policy,
                                'schoolDaysPerWeek', s.school_days_per_week, 'resultVisibilityHours', s.result_visibility_hours)
         FROM schools s WHERE s.id = ${schoolId}) AS school,
      EXISTS (SELECT 1 FROM guardianships g WHERE g.parent_id = ${actorId} AND g.student_id = ${studentId}) AS guardian,
      COALESCE((
        SELECT json_agg(json_build_object(
                 'classId', c.id, 'gradeLevel', c.grade_level, 'letter', c.letter, 'academicYearId', c.academic_year_id,
                 'periodSchemeId', c.period_scheme_id, 'startDate', e.start_date, 'endDate', e.end_date,
                 'teacher', CASE WHEN t.id IS NULL THEN NULL ELSE
                   json_build_object('id', t.id, 'lastName', t.last_name, 'firstName', t.first_name, 'middleName', t.middle_name) END)
               ORDER BY e.start_date)
          FROM en e JOIN school_classes c ON c.id = e.class_id AND c.school_id = ${schoolId}
          LEFT JOIN users t ON t.id = c.class_teacher_id), '[]') AS enrollments,
      COALESCE((
        SELECT json_agg(json_build_object('id', g.id, 'name', g.name, 'classId', g.class_id) ORDER BY g.name)
          FROM grp JOIN study_groups g ON g.id = grp.group_id AND g.school_id = ${schoolId}), '[]') AS groups,
      COALESCE((
        SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'kind', p.kind, 'ordinal', p.ordinal, 'startDate', p.start_date,
                                          'endDate', p.end_date, 'schemeId', p.scheme_id, 'academicYearId', p.academic_year_id)
               ORDER BY p.start_date, p.kind)
          FROM study_periods p
         WHERE p.school_id = ${schoolId} AND p.academic_year_id IN (SELECT academic_year_id FROM en)
           AND (p.kind = 'YEAR' OR p.scheme_id IN (SELECT period_scheme_id FROM en))), '[]') AS periods,
      COALESCE((
        SELECT json_agg(json_build_object('name', h.name, 'startDate', h.start_date, 'endDate', h.end_date,
                                          'gradeLevels', COALESCE(h.grade_levels, '{}'), 'academicYearId', h.academic_year_id) ORDER BY h.start_date)
          FROM holidays h WHERE h.school_id = ${schoolId} AND h.academic_year_id IN (SELECT academic_year_id FROM en)), '[]') AS holidays,
      COALESCE((
        SELECT json_agg(json_build_object('slot', b.slot, 'startMinute', b.start_minute, 'endMinute', b.end_minute) ORDER BY b.slot)
          FROM bell_slots b JOIN bell_schedules bs ON bs.id = b.bell_schedule_id AND bs.school_id = ${schoolId}
         WHERE b.school_id = ${schoolId} AND bs.is_default), '[]') AS bells,
      COALESCE((
        SELECT json_agg(json_build_object(
                 'id', co.id, 'academicYearId', co.academic_year_id, 'subjectId', co.subject_id, 'subject', sub.name,
                 'group', gr.name, 'groupId', co.group_id, 'classId', co.class_id, 'groupClassId', gr.class_id,
                 'gradeLevel', COALESCE(cc.grade_level, gc.grade_level), 'letter', COALESCE(cc.letter, gc.letter), 'scale', gs.kind,
                 'teachers', COALESCE((
                   SELECT json_agg(json_build_object('id', u.id, 'primary', ct.is_primary, 'lastName', u.last_name,
                                                     'firstName', u.first_name, 'middleName', u.middle_name))
                     FROM course_teachers ct JOIN users u ON u.id = ct.teacher_id WHERE ct.course_id = co.id), '[]'),
                 'former', co.group_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM grp WHERE grp.group_id = co.group_id)))
          FROM courses co
          -- Each join is limited to the school as well: the planner's generic plan hashes these
          -- tables, and this way it reads one school's rows, not the whole municipality's.
          JOIN subjects sub ON sub.id = co.subject_id AND sub.school_id = ${schoolId}
          JOIN grading_scales gs ON gs.id = co.grading_scale_id AND gs.school_id = ${schoolId}
          LEFT JOIN school_classes cc ON cc.id = co.class_id AND cc.school_id = ${schoolId}
          LEFT JOIN study_groups gr ON gr.id = co.group_id AND gr.school_id = ${schoolId}
          LEFT JOIN school_classes gc ON gc.id = gr.class_id AND gc.school_id = ${schoolId}
         WHERE co.school_id = ${schoolId}
           AND (co.class_id IN (SELECT class_id FROM en) OR co.group_id IN (SELECT group_id FROM grp)
                -- A group the pupil has left (moved to the other subgroup): its marks stay theirs.
                OR (co.group_id IS NOT NULL AND co.academic_year_id IN (SELECT academic_year_id FROM en)
                    AND co.id IN (SELECT m.course_id FROM marks m WHERE m.school_id = ${schoolId} AND m.student_id = ${studentId})))), '[]') AS courses`;
  return rows[0] ?? null;
}
