// A diary that the family's refusal in force closed to the family (OPEN_TO_FAMILY, scope.ts): its
// pages tell the parent or the pupil why, instead of «not found». Only the actor's own children
// or themself are told: anyone else's id stays not found, as before.
import 'server-only';
import type { Actor } from '../../auth/actor';
import { diaryStudents, type StudentSummary } from '../students';

export type ClosedDiary = {
  pupil: StudentSummary;
  /** The actor's own pupils, open and closed, for the switcher. */
  children: StudentSummary[];
  /** The pupil reads about their own diary; otherwise a parent about their child's. */
  self: boolean;
};

export async function closedDiary(actor: Actor, studentId: number): Promise<ClosedDiary | null> {
  if (!Number.isSafeInteger(studentId) || studentId <= 0) return null;
  const children = await diaryStudents(actor);
  const pupil = children.find((s) => s.id === studentId && s.closed);
  return pupil ? { pupil, children, self: pupil.id === actor.id } : null;
}
