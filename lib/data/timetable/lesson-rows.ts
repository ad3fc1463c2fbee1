// The journal's lesson row of a lesson cancelled or moved before it was held (say, opened in
// advance to announce a test): left where it was, it would stand in the journal and the diary as
// a lesson in a slot where none takes place. A moved lesson's row goes with it (and comes back
// when the move is removed); a cancelled lesson's row is removed when nothing is written in it,
// and otherwise the cancellation waits until the teacher clears it.
import 'server-only';
import type { Prisma } from '../../prisma-client';
import { writeAudit } from '../../audit';
import { isoDate } from '../dates';
import { wasHeld } from './slots';

type Tx = Prisma.TransactionClient;
type By = { schoolId: number; actorId: number };
type Place = { date: Date; slot: number };

/** Why the row cannot follow the change (timetable/changes.ts words it). */
export type RowRefusal = 'held' | 'written' | 'occupied';

const rowSelect = { id: true, date: true, slot: true, topic: true, plannedTest: true, noHomeworkAt: true, _count: { select: { homework: true, marks: true, attendance: true } }, attendanceEnteredAt: true } as const;

async function rowAt(tx: Tx, by: By, courseId: number, at: Place) {
  const found = await tx.lesson.findFirst({ where: { schoolId: by.schoolId, courseId, date: at.date, slot: at.slot }, select: { id: true } });
  if (!found) return null;
  // Locked, so that a mark or attendance written meanwhile is seen (its foreign key holds the row FOR KEY SHARE).
  await tx.$queryRaw`SELECT id FROM lessons WHERE id = ${found.id} FOR UPDATE`;
  return tx.lesson.findUniqueOrThrow({ where: { id: found.id }, select: rowSelect });
}

/** Moves the course's unheld lesson row from one place to another; why not, or null. */
export async function carryLesson(tx: Tx, by: By, courseId: number, from: Place, to: Place): Promise<RowRefusal | null> {
  const row = await rowAt(tx, by, courseId, from);
  if (!row) return null;
  if (wasHeld({ attendanceEnteredAt: row.attendanceEnteredAt, _count: row._count })) return 'held';
  if (await tx.lesson.count({ where: { schoolId: by.schoolId, courseId, date: to.date, slot: to.slot } })) return 'occupied';
  await tx.lesson.update({ where: { id: row.id }, data: { date: to.date, slot: to.slot, version: { increment: 1 } } });
  await writeAudit(tx, {
    schoolId: by.schoolId, actorId: by.actorId, action: 'lesson.update', entityType: 'Lesson', entityId: row.id,
    oldValue: { date: isoDate(from.date), slot: from.slot }, newValue: { date: isoDate(to.date), slot: to.slot },
  });
  return null;
}

/** Removes the course's lesson row at a cancelled place when nothing is written in it; why not, or null. */
export async function dropEmptyLesson(tx: Tx, by: By, courseId: number, at: Place): Promise<RowRefusal | null> {
  const row = await rowAt(tx, by, courseId, at);
  if (!row) return null;
  if (wasHeld({ attendanceEnteredAt: row.attendanceEnteredAt, _count: row._count })) return 'held';
  if (row.topic || row.plannedTest || row.noHomeworkAt || row._count.homework) return 'written';
  await tx.lesson.delete({ where: { id: row.id } });
  await writeAudit(tx, {
    schoolId: by.schoolId, actorId: by.actorId, action: 'lesson.delete', entityType: 'Lesson', entityId: row.id,
    oldValue: { courseId, date: isoDate(at.date), slot: at.slot }, newValue: null,
  });
  return null;
}
