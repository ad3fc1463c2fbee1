// Marks and absences of a pupil's earlier weeks recorded after a moment: the section «entered
// after the previous one» of both the e-mail digest (lib/jobs/late-entries.ts says why a digest
// needs it) and the paper extract (lib/data/extracts/printed.ts). One statement: the paper
// extract of one pupil is printed while the class teacher waits.
import 'server-only';
import { ATTENDANCE_DB } from '../domain/journal-grid';
import { toSchoolDate, zonedTimeToInstant } from '../domain/timezone';
import type { LateEntry } from '../pdf/extract-model';
import { sqlRows } from '../sql';
import { isoDate } from './dates';
import { subjectWithGroup } from './extracts/from-diary-week';

export type { LateEntry } from '../pdf/extract-model';

/**
 * A previous digest or print older than this (by its week) does not open a window: the family
 * was on paper or online in between (or it was the summer), and the weeks since were reported in
 * that form. Three weeks bridge the longest holidays of the year but the summer (winter: about two weeks).
 */
export const LATE_LOOKBACK_WEEKS = 3;

const codeOf = new Map<string, string>(Object.entries(ATTENDANCE_DB).map(([code, db]) => [db, code]));

type Row = {
  value: string | null; workType: string | null; code: string | null; comment: string | null;
  createdAt: Date; date: Date | null; slot: number | null; subject: string; group: string | null; deleted: boolean;
};

/**
 * Marks and absences of the pupil's lessons before `monday` recorded, changed or removed in
 * (since, until]. A removed one is known from its audit row (the journal's cell save writes one,
 * with the old value, lib/data/journal/cell-writes.ts), unless it was itself entered after `since`:
 * the family never had it.
 */
export async function lateEntries(school: { id: number; timezone: string }, studentId: number, monday: string, since: Date, until: Date): Promise<LateEntry[]> {
  // A mark without a lesson stands on the day it was entered (the diary's rule).
  const mondayStarts = zonedTimeToInstant(monday, '00:00', school.timezone);
  const rows = await sqlRows<Row>`
    SELECT m.value, w.short_name AS "workType", NULL AS code, m.comment, m.created_at AS "createdAt", l.date, l.slot, s.name AS subject, g.name AS "group", false AS deleted
      FROM marks m
      JOIN work_types w ON w.id = m.work_type_id
      JOIN courses c ON c.id = m.course_id
      JOIN subjects s ON s.id = c.subject_id
      LEFT JOIN study_groups g ON g.id = c.group_id
      LEFT JOIN lessons l ON l.id = m.lesson_id
     WHERE m.school_id = ${school.id} AND m.student_id = ${studentId} AND m.updated_at > ${since} AND m.updated_at <= ${until}
       AND (l.date < ${monday}::date OR (m.lesson_id IS NULL AND m.created_at < ${mondayStarts}))
    UNION ALL
    SELECT NULL, NULL, a.code::text, a.comment, a.created_at, l.date, l.slot, s.name, g.name, false
      FROM attendance a
      JOIN lessons l ON l.id = a.lesson_id
      JOIN courses c ON c.id = l.course_id
      JOIN subjects s ON s.id = c.subject_id
      LEFT JOIN study_groups g ON g.id = c.group_id
     WHERE a.school_id = ${school.id} AND a.student_id = ${studentId} AND a.updated_at > ${since} AND a.updated_at <= ${until}
       AND l.date < ${monday}::date
    UNION ALL
    -- The audit row's attendance code is already the one shown ('Н'), not the stored one. The
    -- value is the one the family had (before the first change in the window), not the last:
    -- a 5 corrected to 3 and then removed was «5» in their letter or on their sheet.
    SELECT was.old_value->>'value', w.short_name, was.old_value->>'code', NULL, d.created_at, l.date, l.slot, s.name, g.name, true
      FROM audit_log d
      CROSS JOIN LATERAL (SELECT f.old_value FROM audit_log f
                           WHERE f.school_id = ${school.id} AND f.entity_type = d.entity_type AND f.entity_id = d.entity_id
                             AND f.created_at > ${since} AND f.id <= d.id AND f.action IN ('mark.update', 'mark.delete', 'attendance.update', 'attendance.delete')
                           ORDER BY f.id LIMIT 1) was
      JOIN lessons l ON l.id = (d.details->>'lessonId')::int AND l.school_id = ${school.id}
      JOIN courses c ON c.id = l.course_id
      JOIN subjects s ON s.id = c.subject_id
      LEFT JOIN study_groups g ON g.id = c.group_id
      LEFT JOIN work_types w ON w.id = (was.old_value->>'workTypeId')::int
     WHERE d.school_id = ${school.id} AND d.action IN ('mark.delete', 'attendance.delete') AND d.created_at > ${since} AND d.created_at <= ${until}
       AND d.details->>'studentId' = ${String(studentId)} AND l.date < ${monday}::date
       AND NOT EXISTS (SELECT 1 FROM audit_log e WHERE e.school_id = ${school.id} AND e.entity_type = d.entity_type AND e.entity_id = d.entity_id
                          AND e.action IN ('mark.create', 'attendance.create') AND e.created_at > ${since})`;
  const entries = rows.map((r) => ({
    date: r.date ? isoDate(r.date) : toSchoolDate(r.createdAt, school.timezone),
    slot: r.slot ?? 0,
    subject: subjectWithGroup(r.subject, r.group),
    mark: r.value === null ? null : { value: r.value, workType: r.workType ?? '' },
    attendance: r.code === null ? null : (codeOf.get(r.code) ?? r.code),
    comment: r.comment || null,
    corrected: !r.deleted && r.createdAt <= since,
    deleted: r.deleted,
  }));
  return entries
    .sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot || a.subject.localeCompare(b.subject, 'ru'))
    .map(({ slot: _slot, ...e }) => e);
}
