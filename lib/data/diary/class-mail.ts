// Which parents' messages belong to a class (seed 003 §9: parents write to the class teacher):
// those to its class teacher now, and those sent to a former class teacher of the class while
// they led it. A class row is one school year's, so these are this year's class teachers; once
// replaced, a teacher no longer reads the class's page (readableClasses), and their mail about
// the class goes to whoever leads it now. Every change of a class's class teacher is audited
// ('class.teacher.set' in users.ts, old and new teacher, in the append-only trail), so the audit
// trail is the record of who led the class when; no other table keeps it.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { Prisma } from '../../prisma-client';
import { yearPupils, type ClassReportBase } from './class-scope';

/** A former class teacher's spell: [from, to); from null means since before any recorded change. */
export type Spell = { teacherId: number; from: Date | null; to: Date };

type Change = { at: Date; from: number | null; to: number | null };

/** The spells of the teachers each change replaced, from the class's changes in order (pure). */
export function formerSpells(changes: readonly Change[]): Spell[] {
  return changes.flatMap((c, i) => {
    if (c.from === null) return [];
    // Appointed by the change before, if that one named them; else leading since the class was set up.
    const before = changes[i - 1];
    return [{ teacherId: c.from, from: before && before.to === c.from ? before.at : null, to: c.at }];
  });
}

const teacherIdOf = (v: Prisma.JsonValue | null): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/**
 * The `where` of the messages a class's page shows by recipient: to `current` (the class teacher
 * now), or to a former class teacher within their spell. Null when there is no one. The caller
 * has checked that the actor reads the class and adds the pupils' scope.
 */
export async function classMailRecipients(actor: Actor, classId: number, current: number | null): Promise<Prisma.MessageWhereInput | null> {
  const rows = await getDb().auditLog.findMany({
    where: { schoolId: actor.schoolId, action: 'class.teacher.set', entityType: 'SchoolClass', entityId: String(classId) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { createdAt: true, oldValue: true, newValue: true },
  });
  const spells = formerSpells(rows.map((r) => ({ at: r.createdAt, from: teacherIdOf(r.oldValue), to: teacherIdOf(r.newValue) })));
  const or: Prisma.MessageWhereInput[] = [
    ...(current !== null ? [{ recipientId: current }] : []),
    ...spells.filter((s) => s.teacherId !== current).map((s) => ({ recipientId: s.teacherId, createdAt: { ...(s.from ? { gte: s.from } : {}), lt: s.to } })),
  ];
  return or.length ? { OR: or } : null;
}

/**
 * The `where` of the parents' messages the class's page shows (and its class teacher answers,
 * class-reply.ts): about the class's pupils this year (messages are not tied to a period), by
 * recipient as above. Null when the class has had no class teacher. `base` comes from
 * loadClassReportBase, which checked that the actor reads the class.
 */
export async function classMailScope(actor: Actor, base: ClassReportBase): Promise<Prisma.MessageWhereInput | null> {
  const recipients = await classMailRecipients(actor, base.classId, base.classTeacherId);
  return recipients && { AND: [{ schoolId: actor.schoolId, student: yearPupils(actor, base) }, recipients] };
}
