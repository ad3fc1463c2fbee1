// Pupils as the actor may see them.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { nameKey, plainApostrophes } from './import-parse';
import { className } from './names';
import { readableDiaries } from './scope';

export type StudentSummary = { id: number; lastName: string; firstName: string; className: string | null; classId: number | null };

/** The pupils whose diary the actor opens: their children, or themself. */
export async function diaryStudents(actor: Actor): Promise<StudentSummary[]> {
  const own: object[] = [];
  if (actor.permissions.has('diary:read:children')) own.push({ guardians: { some: { parentId: actor.id } } });
  if (actor.permissions.has('diary:read:self')) own.push({ id: actor.id });
  if (!own.length) return [];
  const rows = await getDb().user.findMany({
    where: { AND: [readableDiaries(actor), { OR: own }] },
    select: {
      id: true, lastName: true, firstName: true,
      enrollments: { where: { endDate: null }, orderBy: { startDate: 'desc' }, select: { schoolClass: { select: { id: true, gradeLevel: true, letter: true } } }, take: 1 },
    },
    orderBy: [{ birthDate: 'asc' }, { firstName: 'asc' }],
  });
  return rows.map((r) => {
    const cls = r.enrollments[0]?.schoolClass;
    return { id: r.id, lastName: r.lastName, firstName: r.firstName, className: cls ? className(cls) : null, classId: cls?.id ?? null };
  });
}

/**
 * The ids of the pupils now in the class named as a person types a name off a paper: case,
 * ё/е, spaces and the kind of apostrophe do not matter. At most two: more than one is as ambiguous as two.
 */
export async function pupilsInClassByName(schoolId: number, classId: number, name: { lastName: string; firstName: string }): Promise<number[]> {
  const rows = await getDb().user.findMany({
    where: { schoolId, roles: { some: { role: 'STUDENT' } }, enrollments: { some: { classId, endDate: null } } },
    select: { id: true, lastName: true, firstName: true },
  });
  const wanted = nameKey(plainApostrophes(name.lastName), plainApostrophes(name.firstName));
  return rows.filter((r) => nameKey(r.lastName, r.firstName) === wanted).slice(0, 2).map((r) => r.id);
}
