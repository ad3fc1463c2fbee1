// What paper families were last given. A weekly extract is a snapshot of its week as printed, and
// marks may be entered up to a week after the lesson (seed 002 §3.6): a mark or an absence of an
// earlier week entered or corrected after that week's extract was printed would reach a paper
// family never. So every print is recorded (extract_prints), and an extract lists the entries of
// earlier weeks recorded between the latest print of the latest earlier week and this print —
// the paper twin of the digest's section (lib/jobs/late-entries.ts).
//
// Why the latest EARLIER week, not simply the previous print: a reprint of the same week (a lost
// or spoilt sheet, a batch opened twice) must carry the same section again, since it replaces
// the first copy; and the latest print of the week before covers everything of the weeks before
// this one up to its moment (its own week in its table, the older ones in its section), so the
// windows join up from week to week. An older week reprinted later changes nothing: it covers
// less than the week after it.
//
// Only prints that go to the family count (deliversPaper): a class batch, the class teacher's
// sheet, and that of a secretary who prints the school's paper. A director opening one pupil's
// sheet to check it, or a parent downloading their own copy, must not move the start of the next
// sheet's section, or a late mark shown only in that copy would never reach the paper family.
import 'server-only';
import type { Actor } from '../../auth/actor';
import { addDays } from '../../domain/calendar';
import { sqlRows } from '../../sql';
import { LATE_LOOKBACK_WEEKS } from '../late-entries';

/**
 * Whether this print goes to the family: any batch; one pupil's sheet printed by a class teacher
 * of theirs (`classIds`: the pupil's classes) or by someone who prints the school's paper without
 * reading its journals (a secretary). Management reads every diary on screen, so a single sheet
 * they open is taken as a check; their batches count.
 */
export function deliversPaper(actor: Actor, print: { batch: true } | { classIds: readonly number[] }): boolean {
  if ('batch' in print) return true;
  if (print.classIds.some((id) => actor.classTeacherOf.includes(id))) return true;
  return actor.permissions.has('extracts:print:school') && !actor.permissions.has('journal:read:school');
}

/**
 * Records, when `delivered`, that the extracts of the week from `monday` of `studentIds` are being
 * printed at `at`, and returns, in the same statement, each pupil's latest print of the latest
 * earlier week (within LATE_LOOKBACK_WEEKS), the start of their section. Called only once the
 * print was allowed.
 */
export async function recordPrints(schoolId: number, printedById: number, studentIds: readonly number[], monday: string, at: Date, delivered: boolean): Promise<Map<number, Date>> {
  if (!studentIds.length) return new Map();
  // A data-modifying WITH runs to completion whether or not the query reads it, and the SELECT
  // sees the table as it was before: this print never counts as its own predecessor.
  const rows = await sqlRows<{ studentId: number; printedAt: Date }>`
    WITH recorded AS (
      INSERT INTO extract_prints (school_id, student_id, week_start, printed_at, printed_by_id)
      SELECT ${schoolId}, id, ${monday}::date, ${at}, ${printedById} FROM unnest(${studentIds}::int[]) AS id WHERE ${delivered}::boolean
    )
    SELECT DISTINCT ON (student_id) student_id AS "studentId", printed_at AS "printedAt"
      FROM extract_prints
     WHERE school_id = ${schoolId} AND student_id = ANY(${studentIds}::int[])
       AND week_start < ${monday}::date AND week_start >= ${addDays(monday, -7 * LATE_LOOKBACK_WEEKS)}::date
     ORDER BY student_id, week_start DESC, printed_at DESC`;
  return new Map(rows.map((r) => [r.studentId, r.printedAt]));
}
