// The school's timetable lock. A timetable change reads who and what is in a slot (slots.ts) and
// then writes; the journal's lesson rows — opened (openLesson) or given a substitute in the lesson
// form (updateLesson) — are part of what it reads. The change holds the lock exclusively, the
// lesson writes share it, so each change sees every lesson write either committed or not begun,
// while lesson writes never wait for one another — except a lesson form naming a substitute, which
// checks that teacher's slot and so takes the lock as a change does.
// Taken first in its transaction, before any row lock (hand-over's FOR UPDATE), so that the order
// is always this lock, then the holidays' (holiday-day.ts), then rows: no deadlock.
import 'server-only';
import type { Prisma } from '../../prisma-client';

export async function lockTimetable(tx: Prisma.TransactionClient, schoolId: number, mode: 'change' | 'lesson'): Promise<void> {
  if (mode === 'change') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('timetable.changes'), ${schoolId}::int)`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext('timetable.changes'), ${schoolId}::int)`;
}
