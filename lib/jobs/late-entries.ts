// What a family's previous digest could not say. A digest is a snapshot of its week taken when it
// is written (from 18:00 on the last school day), and marks may be entered up to a week after the
// lesson (seed 002 §3.6): a mark or an absence of an earlier week entered or changed after that
// snapshot would reach no letter at all. So each digest also lists the entries of earlier weeks
// recorded, changed or removed between the family's previous digest and this one
// (lib/data/late-entries.ts, shared with the paper extract): the window (previous letter
// written, this letter written] is contiguous from letter to letter, so every entry is reported
// once — in its own week's letter if it was there in time, else in the next one. (A save whose
// transaction began before a letter's moment and committed after its read, a matter of
// milliseconds, is the one gap: its stamp is its transaction's start.)
import 'server-only';
import { getDb } from '../db';
import { addDays } from '../domain/calendar';
import { LATE_LOOKBACK_WEEKS } from '../data/late-entries';
import { dedupeKeys } from '../mail/outbox';

/** When this family's previous digest (same pupil and parent, an earlier week) was written, or null. */
export async function previousDigestAt(studentId: number, guardianId: number | null, monday: string): Promise<Date | null> {
  const prefix = dedupeKeys.digest(studentId, guardianId, '');
  const row = await getDb().notification.findFirst({
    where: {
      kind: 'digest',
      dedupeKey: { startsWith: prefix, lt: dedupeKeys.digest(studentId, guardianId, monday), gte: dedupeKeys.digest(studentId, guardianId, addDays(monday, -7 * LATE_LOOKBACK_WEEKS)) },
    },
    orderBy: { dedupeKey: 'desc' },
    select: { createdAt: true },
  });
  return row?.createdAt ?? null;
}
