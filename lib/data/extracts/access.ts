// Who may print what (issue 6 §4): a parent their own child's extract (unless the family refused
// the electronic diary: then the class teacher prints it), a class teacher their
// class, management (or whoever holds 'extracts:print:school') the whole school; nobody else —
// not a subject teacher, not the pupil. The rules are `where` fragments placed inside the
// queries, like lib/data/scope.ts, and the diary data itself is read through diaryWeek.
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { Permission } from '../../auth/permissions';
import type { Prisma } from '../../prisma-client';
import { addDays } from '../../domain/calendar';
import { dbDate } from '../dates';
import { NOTHING, OPEN_TO_FAMILY, readableClasses } from '../scope';
import { enrolledBetween } from '../enrolled';

/** Printing the whole school: management's journal right or the explicit printing right. */
export function printsSchool(actor: Actor): boolean {
  return actor.permissions.has('extracts:print:school') || actor.permissions.has('journal:read:school');
}

/**
 * Pupils whose weekly extract of the week from `monday` the actor may print. A class teacher
 * prints the weeks a pupil was in their class: once the pupil has moved to another class, its
 * class teacher prints the weeks after the move, and the family gets no second copy.
 */
export function printableStudents(actor: Actor, monday: string): Prisma.UserWhereInput {
  const pupil = { schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' as const } } };
  if (printsSchool(actor)) return pupil;
  const or: Prisma.UserWhereInput[] = [];
  // A family prints from its online diary, so not once its refusal closed it (OPEN_TO_FAMILY).
  if (actor.permissions.has('diary:read:children')) or.push({ guardians: { some: { parentId: actor.id } }, ...OPEN_TO_FAMILY });
  if (actor.classTeacherOf.length) {
    const inWeek = enrolledBetween(dbDate(monday), dbDate(addDays(monday, 6)));
    or.push({ enrollments: { some: { classId: { in: [...actor.classTeacherOf] }, ...inWeek } } });
  }
  return or.length ? { AND: [pupil, { OR: or }] } : NOTHING;
}

/** Classes whose batch of extracts the actor may print. */
export function printableClasses(actor: Actor): Prisma.SchoolClassWhereInput {
  return printsSchool(actor) ? { schoolId: actor.schoolId } : readableClasses(actor);
}

/** Classes whose summary sheet (сводная ведомость) the actor may read. */
export function reportableClasses(actor: Actor): Prisma.SchoolClassWhereInput {
  return actor.permissions.has('reports:read:school') ? { schoolId: actor.schoolId } : readableClasses(actor);
}

/**
 * The actor diaryWeek is called with once a print was allowed above. The printing right of a
 * school secretary does not include reading journals, so for that one read the actor is given
 * the school-wide reading right; diaryWeek then returns the one pupil already checked.
 */
export function readerForPrinting(actor: Actor): Actor {
  if (!actor.permissions.has('extracts:print:school') || actor.permissions.has('journal:read:school')) return actor;
  return { ...actor, permissions: new Set<Permission>([...actor.permissions, 'journal:read:school']) };
}
