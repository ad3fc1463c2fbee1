// What a family's previous digest could not say. A digest is a snapshot of its week taken when it
// is written (from 18:00 on the last school day), and marks may be entered up to a week after the
// lesson (seed 002 §3.6): a mark or an absence of an earlier week entered or changed after that
// snapshot would reach no letter at all. So each digest also lists the entries of earlier weeks
// recorded between the family's previous digest and this one: the window (previous letter
// written, this letter written] is contiguous from letter to letter, so every entry is reported
// once — in its own week's letter if it was there in time, else in the next one. A mark deleted in
// that window after a letter could have had it is reported too (deleted-marks.ts). (A save whose
// transaction began before a letter's moment and committed after its read, a matter of
// milliseconds, is the one gap: its stamp is its transaction's start.)
import 'server-only';
import { getDb } from '../db';
import { addDays } from '../domain/calendar';
import { ATTENDANCE_DB } from '../domain/journal-grid';
import { toSchoolDate, zonedTimeToInstant } from '../domain/timezone';
import { dbDate, isoDate } from '../data/dates';
import { subjectWithGroup } from '../data/extracts/from-diary-week';
import { dedupeKeys } from '../mail/outbox';
import { deletedMarks } from './deleted-marks';

/** One entry the family has not had by e-mail, worded by the template (lib/mail/templates/late-entries.ts). */
export type LateEntry = {
  /** The lesson's date ('YYYY-MM-DD'); for a mark without a lesson, the day it was entered. */
  date: string;
  subject: string;
  /** A mark ('5', work type 'к/р') or an attendance code ('Н'). */
  mark: { value: string; workType: string } | null;
  attendance: string | null;
  comment: string | null;
  /** Recorded before the previous digest and changed since: the letter says it was corrected. */
  corrected: boolean;
  /** A mark the previous letter could have had, deleted since (deleted-marks.ts): `mark` is its value then. */
  deleted: boolean;
};

/**
 * A previous digest older than this does not open a window: the family was on paper or online
 * in between (or it was the summer), and the weeks since were reported in that form. Three
 * weeks bridge the longest holidays of the year but the summer (winter: about two weeks).
 */
export const LATE_LOOKBACK_WEEKS = 3;

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

const codeOf = new Map(Object.entries(ATTENDANCE_DB).map(([code, db]) => [db, code]));

/** Marks and absences of the pupil's lessons before `monday` recorded, changed or (marks) deleted in (since, until]. */
export async function lateEntries(school: { id: number; timezone: string }, studentId: number, monday: string, since: Date, until: Date): Promise<LateEntry[]> {
  const db = getDb();
  const recorded = { gt: since, lte: until };
  const before = { date: { lt: dbDate(monday) } };
  const subject = { select: { subject: { select: { name: true } }, group: { select: { name: true } } } } as const;
  const [marks, absences, deleted] = await Promise.all([
    db.mark.findMany({
      where: {
        schoolId: school.id, studentId, updatedAt: recorded,
        // A mark without a lesson stands on the day it was entered (the diary's rule).
        OR: [{ lesson: before }, { lessonId: null, createdAt: { lt: zonedTimeToInstant(monday, '00:00', school.timezone) } }],
      },
      select: { value: true, comment: true, createdAt: true, workType: { select: { shortName: true } }, course: subject, lesson: { select: { date: true, slot: true } } },
    }),
    db.attendance.findMany({
      where: { schoolId: school.id, studentId, updatedAt: recorded, lesson: before },
      select: { code: true, comment: true, createdAt: true, lesson: { select: { date: true, slot: true, course: subject } } },
    }),
    deletedMarks(school, studentId, monday, since, until),
  ]);
  const name = (c: { subject: { name: string }; group: { name: string } | null }) => subjectWithGroup(c.subject.name, c.group?.name ?? null);
  const entries = [
    ...marks.map((m) => ({
      date: m.lesson ? isoDate(m.lesson.date) : toSchoolDate(m.createdAt, school.timezone),
      slot: m.lesson?.slot ?? 0, subject: name(m.course), mark: { value: m.value, workType: m.workType.shortName }, attendance: null,
      comment: m.comment || null, corrected: m.createdAt <= since, deleted: false,
    })),
    ...absences.map((a) => ({
      date: isoDate(a.lesson.date), slot: a.lesson.slot, subject: name(a.lesson.course), mark: null, attendance: codeOf.get(a.code) ?? a.code,
      comment: a.comment || null, corrected: a.createdAt <= since, deleted: false,
    })),
    ...deleted,
  ];
  return entries
    .sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot || a.subject.localeCompare(b.subject, 'ru'))
    .map(({ slot: _slot, ...e }) => e);
}
