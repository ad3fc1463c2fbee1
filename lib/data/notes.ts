// Medical and psychologist notes about pupils. Only the role that writes a kind of note reads
// it: a school nurse reads medical notes, a psychologist psychological ones, and nobody else —
// not management, not the class teacher (deny by default).
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { StudentNoteKind } from '../generated/prisma/enums';
import { pupilsInClassByName } from './students';
import { schoolToday } from './enrolled';
import type { Result } from './users';

export function noteKindsFor(actor: Actor): StudentNoteKind[] {
  const kinds: StudentNoteKind[] = [];
  if (actor.permissions.has('notes:medical')) kinds.push('MEDICAL');
  if (actor.permissions.has('notes:psychological')) kinds.push('PSYCHOLOGICAL');
  return kinds;
}

export async function readNotes(actor: Actor, options: { studentId?: number; take?: number } = {}) {
  const kinds = noteKindsFor(actor);
  if (!kinds.length) return [];
  const rows = await getDb().studentNote.findMany({
    where: { schoolId: actor.schoolId, kind: { in: kinds }, ...(options.studentId ? { studentId: options.studentId } : {}) },
    orderBy: { createdAt: 'desc' },
    take: options.take ?? 100,
    select: { id: true, kind: true, text: true, createdAt: true, student: { select: { id: true, lastName: true, firstName: true } }, author: { select: { lastName: true, firstName: true } } },
  });
  return rows.map((r) => ({ ...r, studentName: `${r.student.lastName} ${r.student.firstName}`, authorName: `${r.author.lastName} ${r.author.firstName}` }));
}

export async function addNote(actor: Actor, input: { kind: StudentNoteKind; classId: number; lastName: string; firstName: string; text: string }): Promise<Result<{ id: number }>> {
  if (!noteKindsFor(actor).includes(input.kind)) return { ok: false, error: 'Недостаточно прав для этого вида записей' };
  const db = getDb();
  const pupils = await pupilsInClassByName(actor.schoolId, input.classId, input, schoolToday(actor.timeZone));
  if (pupils.length !== 1) return { ok: false, error: pupils.length ? 'Найдено несколько учеников с таким именем' : 'В этом классе нет такого ученика', field: 'pupil' };
  const note = await db.$transaction(async (tx) => {
    const created = await tx.studentNote.create({ data: { schoolId: actor.schoolId, studentId: pupils[0], authorId: actor.id, kind: input.kind, text: input.text }, select: { id: true } });
    // The audit row says that a note was written, not what it says nor about whom: the audit page
    // is read by people who may not know that a pupil has a medical or psychologist note.
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'note.create', entityType: 'StudentNote', entityId: created.id });
    return created;
  });
  return { ok: true, id: note.id };
}
