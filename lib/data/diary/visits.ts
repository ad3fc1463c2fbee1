// Diary checks (seed 003 §8): opening a child's diary records one row per person × pupil × day.
// Only the family's own opening counts: a guardian of the pupil, or the pupil themself; a class
// teacher looking at a pupil's diary is not a family check.
import 'server-only';
import { sqlExecute } from '../../sql';
import type { Actor } from '../../auth/actor';
import { toSchoolDate } from '../../domain/timezone';
import type { DiaryStudent } from './context';

/**
 * Records today's visit once; later calls the same day do nothing (INSERT … ON CONFLICT DO
 * NOTHING on the (user, pupil, date) key), so reloading the page never adds rows.
 * Returns whether a new row was written.
 */
export async function recordDiaryVisit(actor: Actor, student: DiaryStudent, now = new Date()): Promise<boolean> {
  if (!student.visitor) return false;
  const date = toSchoolDate(now, student.school.timezone);
  // Raw SQL: this runs on every diary page, and Prisma's createMany costs several times more.
  const written = await sqlExecute`
    INSERT INTO diary_visits (school_id, user_id, student_id, date)
    VALUES (${actor.schoolId}, ${actor.id}, ${student.id}, ${date}::date)
    ON CONFLICT DO NOTHING`;
  return written > 0;
}
