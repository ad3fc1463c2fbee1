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

/**
 * When each family's previous digest (same pupil and parent, one of the LATE_LOOKBACK_WEEKS weeks
 * before `monday`) was written, by the dedupe key of this week's letter; a family without one is
 * absent. One query for the whole batch: a digest's key names its week's Monday, so the earlier
 * letters are found by their exact keys, and the newest week's is the previous one.
 */
export async function previousDigestsAt(schoolId: number, families: readonly { studentId: number; guardianId: number | null }[], monday: string): Promise<Map<string, Date>> {
  const weeks = Array.from({ length: LATE_LOOKBACK_WEEKS }, (_, i) => addDays(monday, -7 * (i + 1))); // newest first
  const keys = families.flatMap((f) => weeks.map((week) => dedupeKeys.digest(f.studentId, f.guardianId, week)));
  if (!keys.length) return new Map();
  const rows = await getDb().notification.findMany({ where: { schoolId, kind: 'digest', dedupeKey: { in: keys } }, select: { dedupeKey: true, createdAt: true } });
  const written = new Map(rows.map((r) => [r.dedupeKey, r.createdAt]));
  const previous = new Map<string, Date>();
  for (const f of families) {
    const at = weeks.map((week) => written.get(dedupeKeys.digest(f.studentId, f.guardianId, week))).find((d) => d !== undefined);
    if (at) previous.set(dedupeKeys.digest(f.studentId, f.guardianId, monday), at);
  }
  return previous;
}
