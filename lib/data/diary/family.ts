// The parent's children for the switcher at the top of every diary page: the same pupils and
// order as diaryStudents (lib/data/students.ts), in one statement, because this runs on every
// page a family opens. The scope is the guardianship itself: rows of this parent, pupils of the
// actor's school (what readableDiaries(actor) ∩ "guardian is the actor" comes to for any actor).
// It also tells whether a class teacher's answer to this parent's message about the child waits
// unread (reply-read.ts), for the «Итоги» tab, so the week page runs no statement more for it.
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { StudentSummary } from '../students';
import { className } from '../names';
import { sqlRows } from '../../sql';
import { toSchoolDate } from '../../domain/timezone';

type Row = { id: number; lastName: string; firstName: string; classId: number | null; gradeLevel: number | null; letter: string | null; closed: boolean; newReply: boolean };

/** `newReply`: an answer to the actor's own message about the child waits unread. */
export type FamilyChild = StudentSummary & { newReply: boolean };

export async function familyChildren(actor: Actor, now = new Date()): Promise<FamilyChild[]> {
  if (!actor.permissions.has('diary:read:children')) return [];
  const today = toSchoolDate(now, actor.timeZone);
  const rows = await sqlRows<Row>`
    SELECT u.id, u.last_name AS "lastName", u.first_name AS "firstName",
           c.id AS "classId", c.grade_level AS "gradeLevel", c.letter,
           -- OPEN_TO_FAMILY (scope.ts) negated: a refusal in force closed this child's diary.
           EXISTS (SELECT 1 FROM consents k WHERE k.student_id = u.id AND k.in_force AND k.decision = 'REFUSED') AS closed,
           -- An answer is addressed to the parent who wrote: (school_id, recipient_id, …) index.
           EXISTS (SELECT 1 FROM messages m
                    WHERE m.school_id = ${actor.schoolId} AND m.recipient_id = ${actor.id} AND m.student_id = u.id
                      AND m.reply_to_id IS NOT NULL AND m.read_at IS NULL) AS "newReply"
      FROM guardianships g
      JOIN users u ON u.id = g.student_id AND u.school_id = ${actor.schoolId}
      -- The class of today, else the next (diaryStudents' notEndedBy and CLASS_NOW_FIRST, enrolled.ts):
      -- after a promotion, this year's class to its last day, not next year's open enrollment.
      LEFT JOIN LATERAL (
        SELECT sc.id, sc.grade_level, sc.letter
          FROM enrollments e JOIN school_classes sc ON sc.id = e.class_id
         WHERE e.student_id = u.id AND e.school_id = ${actor.schoolId} AND (e.end_date IS NULL OR e.end_date >= ${today}::date)
         ORDER BY e.start_date ASC LIMIT 1
      ) c ON true
     WHERE g.parent_id = ${actor.id}
       AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'STUDENT')
     ORDER BY u.birth_date ASC, u.first_name ASC`;
  return rows.map((r) => ({
    id: r.id,
    lastName: r.lastName,
    firstName: r.firstName,
    className: r.gradeLevel !== null && r.letter !== null ? className({ gradeLevel: r.gradeLevel, letter: r.letter }) : null,
    classId: r.classId,
    closed: r.closed,
    newReply: r.newReply,
  }));
}
