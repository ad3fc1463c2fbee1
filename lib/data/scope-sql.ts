// The SQL twin of readableDiaries (scope.ts) for the statement every diary page runs first: the
// same decision in one prepared statement, because Prisma's compilation of that nested `where`
// cost ~2.5 ms of CPU per page view (measured), more than the rest of the diary's reads together.
// It must decide exactly as readableDiaries does: tests/integration/scope-sql.test.ts compares
// the two for every kind of actor and every pupil of two schools, and its last readable day
// (readableUntil) with readableDiaries(actor, on) on dates around a pupil's move. Change both or neither.
import 'server-only';
import type { Actor } from '../auth/actor';
import { sqlRows } from '../sql';
import { toSchoolDate } from '../domain/timezone';

export type PupilName = { id: number; lastName: string; firstName: string; middleName: string | null };

/**
 * `readableUntil`: the last day of the diary the actor may read, null for all of it. Only a former
 * class teacher has one, the last day the pupil was in their class (readableDiaries' `on`).
 */
export type DiaryPupil = PupilName & { readableUntil: string | null };

/** The pupil `studentId` with their name, only if readableDiaries(actor) admits them. */
export async function readableDiaryPupil(actor: Actor, studentId: number, now = new Date()): Promise<DiaryPupil | null> {
  const p = actor.permissions;
  const today = toSchoolDate(now, actor.timeZone);
  // `whole`: a branch that opens every day; `led`: an enrollment in the actor's classes has begun
  // by today (next year's class, made in the summer, gives nothing before its first day); one of
  // those begun still open (`open`) opens every day, else their latest end is the last day
  // readable (this year's class after a promotion: its last day).
  const [row] = await sqlRows<DiaryPupil>`
    SELECT u.id, u.last_name AS "lastName", u.first_name AS "firstName", u.middle_name AS "middleName",
           CASE WHEN a.whole OR a.open THEN NULL ELSE to_char(a.last_day, 'YYYY-MM-DD') END AS "readableUntil"
      FROM users u
     CROSS JOIN LATERAL (
       SELECT (${p.has('journal:read:school')}::boolean
               OR ((${p.has('diary:read:children')}::boolean
                     AND EXISTS (SELECT 1 FROM guardianships g WHERE g.student_id = u.id AND g.parent_id = ${actor.id})
                    OR ${p.has('diary:read:self')}::boolean AND u.id = ${actor.id})
                   -- OPEN_TO_FAMILY: the family's decision in force is not a refusal.
                   AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.student_id = u.id AND c.in_force AND c.decision = 'REFUSED'))) AS whole,
              count(*) > 0 AS led, bool_or(e.end_date IS NULL) AS open, max(e.end_date) AS last_day
         FROM enrollments e
        WHERE e.student_id = u.id AND e.class_id = ANY(${[...actor.classTeacherOf]}::int[])
          -- Only enrollments begun: next year's, in a class the actor leads too, must not reopen
          -- the weeks since the pupil left the actor's class of this year.
          AND e.start_date <= ${today}::date) a
     WHERE u.id = ${studentId} AND u.school_id = ${actor.schoolId}
       AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'STUDENT')
       AND (a.whole OR a.led)`;
  return row ?? null;
}

/**
 * Whether readableCourses(actor) (scope.ts) admits the course `courseId`: the journal page's gate,
 * as one prepared statement for the same reason as above. Compared with readableCourses for
 * every identity and course in tests/integration/scope-sql.test.ts. Change both or neither.
 */
export async function isCourseReadable(actor: Actor, courseId: number): Promise<boolean> {
  const p = actor.permissions;
  const classes = [...actor.classTeacherOf];
  const [row] = await sqlRows<{ id: number }>`
    SELECT c.id
      FROM courses c
     WHERE c.id = ${courseId} AND c.school_id = ${actor.schoolId}
       AND (
         ${p.has('journal:read:school')}::boolean
         OR (${p.has('journal:read:own')}::boolean AND (
               EXISTS (SELECT 1 FROM course_teachers ct WHERE ct.course_id = c.id AND ct.teacher_id = ${actor.id})
            OR EXISTS (SELECT 1 FROM lessons l WHERE l.course_id = c.id AND l.teacher_id = ${actor.id} AND l.is_substitution)))
         OR c.class_id = ANY(${classes}::int[])
         OR EXISTS (SELECT 1 FROM study_groups g WHERE g.id = c.group_id AND g.class_id = ANY(${classes}::int[]))
       )`;
  return !!row;
}
