// A cell's history from the audit trail: every change of its marks and attendance, who and when.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { readableCourses } from '../scope';
import { formatInstantRu } from '../../domain/diary-format';

/** `at` is already written on the school's clock («24.11.2026, 19:40»). */
export type HistoryEntry = { at: string; who: string; action: string; before: string | null; after: string | null; comment: string | null };

const ACTIONS: Record<string, string> = {
  'mark.create': 'Отметка выставлена',
  'mark.update': 'Отметка изменена',
  'mark.delete': 'Отметка удалена',
  'attendance.create': 'Посещаемость отмечена',
  'attendance.update': 'Посещаемость изменена',
  'attendance.delete': 'Посещаемость снята',
};

type Snapshot = { value?: string; code?: string; position?: number; comment?: string | null } | null;
const show = (s: Snapshot) => (s ? (s.value !== undefined ? `${s.value}${s.position ? ` (${s.position + 1}-я)` : ''}` : (s.code ?? null)) : null);

/** Null when the lesson's course is not readable by the actor. */
export async function cellHistory(actor: Actor, lessonId: number, studentId: number): Promise<HistoryEntry[] | null> {
  const db = getDb();
  const lesson = await db.lesson.findFirst({ where: { id: lessonId, course: readableCourses(actor) }, select: { createdAt: true } });
  if (!lesson) return null;
  const rows = await db.auditLog.findMany({
    where: {
      schoolId: actor.schoolId,
      entityType: { in: ['Mark', 'Attendance'] },
      // Audit rows of a lesson cannot predate the lesson: this bounds the scan by the (school, time) index.
      createdAt: { gte: lesson.createdAt },
      details: { path: ['cell'], equals: `${lessonId}:${studentId}` },
    },
    orderBy: { id: 'desc' },
    take: 100,
    select: { createdAt: true, actorId: true, action: true, oldValue: true, newValue: true },
  });
  const ids = [...new Set(rows.map((r) => r.actorId).filter((x): x is number => x !== null))];
  const people = await db.user.findMany({ where: { id: { in: ids }, schoolId: actor.schoolId }, select: { id: true, lastName: true, firstName: true } });
  const name = new Map(people.map((p) => [p.id, `${p.lastName} ${p.firstName}`]));
  return rows.map((r) => ({
    at: formatInstantRu(r.createdAt, actor.timeZone),
    who: r.actorId ? (name.get(r.actorId) ?? `#${r.actorId}`) : '—',
    action: ACTIONS[r.action] ?? r.action,
    before: show(r.oldValue as Snapshot),
    after: show(r.newValue as Snapshot),
    comment: (r.newValue as Snapshot)?.comment ?? null,
  }));
}
