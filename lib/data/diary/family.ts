// The parent's children for the switcher at the top of every diary page: the same pupils and
// order as diaryStudents (lib/data/students.ts), in two flat statements instead of a nested
// Prisma read, because this runs on every page a family opens.
import 'server-only';
import { getDb } from '../../db';
import { sqlRows } from '../../sql';
import type { Actor } from '../../auth/actor';
import type { StudentSummary } from '../students';
import { className } from '../names';
import { readableStudents } from '../scope';

export async function familyChildren(actor: Actor): Promise<StudentSummary[]> {
  if (!actor.permissions.has('diary:read:children')) return [];
  const db = getDb();
  const kids = await db.user.findMany({
    where: { AND: [readableStudents(actor), { guardians: { some: { parentId: actor.id } } }] },
    select: { id: true, lastName: true, firstName: true },
    orderBy: [{ birthDate: 'asc' }, { firstName: 'asc' }],
  });
  if (!kids.length) return [];
  // Ids from the scoped query above: the current class of each child.
  const classes = await sqlRows<{ studentId: number; classId: number; gradeLevel: number; letter: string }>`
    SELECT DISTINCT ON (e.student_id) e.student_id AS "studentId", c.id AS "classId", c.grade_level AS "gradeLevel", c.letter
      FROM enrollments e JOIN school_classes c ON c.id = e.class_id
     WHERE e.school_id = ${actor.schoolId} AND e.student_id = ANY(${kids.map((k) => k.id)}::int[]) AND e.end_date IS NULL
     ORDER BY e.student_id, e.start_date DESC`;
  const byStudent = new Map(classes.map((c) => [c.studentId, c]));
  return kids.map((k) => {
    const c = byStudent.get(k.id);
    return { id: k.id, lastName: k.lastName, firstName: k.firstName, className: c ? className(c) : null, classId: c?.classId ?? null };
  });
}
