// Pupils as the actor may see them.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { nameKey, plainApostrophes } from './import-parse';
import { className } from './names';
import { REFUSAL_IN_FORCE } from './scope';
import { CLASS_NOW_FIRST, notEndedBy, schoolToday } from './enrolled';

export type StudentSummary = {
  id: number; lastName: string; firstName: string; className: string | null; classId: number | null;
  /** The family refused the electronic diary (OPEN_TO_FAMILY, scope.ts): its pages explain that instead. */
  closed: boolean;
};

/**
 * The pupils whose diary the actor opens as family: their children, or themself, in the actor's
 * school. Those whose diary a refusal closed are listed too, marked, so the family learns why.
 */
export async function diaryStudents(actor: Actor, now = new Date()): Promise<StudentSummary[]> {
  const own: Prisma.UserWhereInput[] = [];
  if (actor.permissions.has('diary:read:children')) own.push({ guardians: { some: { parentId: actor.id } } });
  if (actor.permissions.has('diary:read:self')) own.push({ id: actor.id });
  if (!own.length) return [];
  const rows = await getDb().user.findMany({
    where: { schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' } }, OR: own },
    select: {
      id: true, lastName: true, firstName: true,
      enrollments: { where: notEndedBy(schoolToday(actor.timeZone, now)), orderBy: CLASS_NOW_FIRST, select: { schoolClass: { select: { id: true, gradeLevel: true, letter: true } } }, take: 1 },
      consentsAbout: { where: REFUSAL_IN_FORCE, select: { id: true } },
    },
    orderBy: [{ birthDate: 'asc' }, { firstName: 'asc' }],
  });
  return rows.map((r) => {
    const cls = r.enrollments[0]?.schoolClass;
    return { id: r.id, lastName: r.lastName, firstName: r.firstName, className: cls ? className(cls) : null, classId: cls?.id ?? null, closed: r.consentsAbout.length > 0 };
  });
}

/**
 * The ids of the pupils in the class on `today` or coming to it (next year's class, notEndedBy)
 * named as a person types a name off a paper: case, ё/е, spaces and the kind of apostrophe do not
 * matter. At most two: more than one is as ambiguous as two.
 */
export async function pupilsInClassByName(schoolId: number, classId: number, name: { lastName: string; firstName: string }, today: Date): Promise<number[]> {
  const rows = await getDb().user.findMany({
    where: { schoolId, roles: { some: { role: 'STUDENT' } }, enrollments: { some: { classId, ...notEndedBy(today) } } },
    select: { id: true, lastName: true, firstName: true },
  });
  const wanted = nameKey(plainApostrophes(name.lastName), plainApostrophes(name.firstName));
  return rows.filter((r) => nameKey(r.lastName, r.firstName) === wanted).slice(0, 2).map((r) => r.id);
}
