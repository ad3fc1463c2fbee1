// Marks deleted after a family's digest had them. A deleted row is gone from `marks`, so the late
// entries (late-entries.ts) cannot see it; the audit log keeps every deletion with the mark as it
// was (lib/data/journal/cell-writes.ts), and the lesson and course it belonged to. A family that
// read «5» in a letter would otherwise go on believing it: the next digest says it was deleted.
import 'server-only';
import { getDb } from '../db';
import { dbDate, isoDate } from '../data/dates';
import { subjectWithGroup } from '../data/extracts/from-diary-week';
import type { LateEntry } from './late-entries';

type MarkSnapshot = { value?: unknown; workTypeId?: unknown };
type Details = { lessonId?: unknown; studentId?: unknown };

/**
 * Marks of the pupil's lessons before `monday` deleted in (since, until] that existed at `since`
 * (the previous letter's snapshot), with the value they had then: the one the family last read.
 * A mark entered and deleted between two letters reached no letter and is left out. The window
 * is the late entries' own, contiguous from letter to letter, so each deletion is reported once.
 */
export async function deletedMarks(school: { id: number }, studentId: number, monday: string, since: Date, until: Date): Promise<(LateEntry & { slot: number })[]> {
  const db = getDb();
  const window = { schoolId: school.id, entityType: 'Mark', createdAt: { gt: since, lte: until } };
  const select = { action: true, entityId: true, oldValue: true, details: true } as const;
  // Deletions are few: look for the pupil's first, then at the history of those marks only.
  const deletions = await db.auditLog.findMany({ where: { ...window, action: 'mark.delete', details: { path: ['studentId'], equals: studentId } }, select });
  if (!deletions.length) return [];
  const rows = await db.auditLog.findMany({
    where: { ...window, entityId: { in: [...new Set(deletions.flatMap((d) => (d.entityId ? [d.entityId] : [])))] }, action: { in: ['mark.create', 'mark.update', 'mark.delete'] } },
    select,
    orderBy: { id: 'asc' },
  });
  const createdSince = new Set(rows.filter((r) => r.action === 'mark.create').map((r) => r.entityId));
  const deleted = rows.filter((r) => r.action === 'mark.delete' && !createdSince.has(r.entityId)).flatMap((r) => {
    // The first change in the window holds the value as it was at `since` (a correction before the deletion is not what the family read).
    const first = rows.find((x) => x.entityId === r.entityId && x.action !== 'mark.create')!;
    const was = first.oldValue as MarkSnapshot | null;
    const lessonId = (r.details as Details | null)?.lessonId;
    return typeof was?.value === 'string' && typeof lessonId === 'number'
      ? [{ lessonId, value: was.value, workTypeId: typeof was.workTypeId === 'number' ? was.workTypeId : null }]
      : [];
  });
  if (!deleted.length) return [];
  const [lessons, workTypes] = await Promise.all([
    db.lesson.findMany({
      where: { schoolId: school.id, id: { in: deleted.map((d) => d.lessonId) }, date: { lt: dbDate(monday) } },
      select: { id: true, date: true, slot: true, course: { select: { subject: { select: { name: true } }, group: { select: { name: true } } } } },
    }),
    db.workType.findMany({ where: { schoolId: school.id, id: { in: deleted.flatMap((d) => (d.workTypeId === null ? [] : [d.workTypeId])) } }, select: { id: true, shortName: true } }),
  ]);
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  const workTypeById = new Map(workTypes.map((w) => [w.id, w.shortName]));
  return deleted.flatMap((d) => {
    // A lesson of this week (this letter shows its marks as they are) or one no longer there: nothing to say.
    const lesson = lessonById.get(d.lessonId);
    if (!lesson) return [];
    return [{
      date: isoDate(lesson.date), slot: lesson.slot, subject: subjectWithGroup(lesson.course.subject.name, lesson.course.group?.name ?? null),
      mark: { value: d.value, workType: (d.workTypeId !== null && workTypeById.get(d.workTypeId)) || '' },
      attendance: null, comment: null, corrected: false, deleted: true,
    }];
  });
}
