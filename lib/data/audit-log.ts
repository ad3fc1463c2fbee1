// Reading the audit trail (ADMIN). The trail itself is append-only in SQL.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { startOfSchoolDay } from '../domain/timezone';
import { addDays, isIsoDate } from '../domain/calendar';

export type AuditFilter = { action?: string; actorLogin?: string; from?: string; to?: string; page?: number };
export const AUDIT_PAGE_SIZE = 100;

/** The page's event filters: action prefixes as the code writes them (lib/audit.ts callers). */
export const AUDIT_ACTION_FILTERS: [string, string][] = [
  ['auth.', 'Входы и выходы'], ['auth.login.failure', 'Неудачные входы'], ['auth.login.locked', 'Блокировки'],
  ['user', 'Изменения пользователей'], ['role.', 'Права ролей'], ['guardian.', 'Связи родителей и детей'], ['class.', 'Классное руководство'],
  ['period.', 'Закрытие и открытие периодов'], ['consent.', 'Согласия на обработку ПДн'], ['extract.', 'Бумажные выписки'],
  ['mark.', 'Отметки'], ['attendance.', 'Посещаемость'], ['finalmark', 'Итоговые отметки'],
  ['timetable-change.', 'Замены и изменения расписания'], ['exam.', 'Результаты ГИА'], ['holiday.', 'Каникулы'],
  ['school.settings', 'Настройки школы'],
];

const isoDay = (v: string | undefined) => (v && isIsoDate(v) ? v : undefined);

export async function readAuditLog(actor: Actor, filter: AuditFilter) {
  if (!actor.permissions.has('audit:read')) return null;
  const db = getDb();
  const where: Prisma.AuditLogWhereInput = { schoolId: actor.schoolId };
  if (filter.action) where.action = { startsWith: filter.action };
  // Days on the school's clock, as the page shows the times; a malformed date filters nothing.
  const from = isoDay(filter.from);
  const to = isoDay(filter.to);
  if (from || to) {
    where.createdAt = {
      ...(from ? { gte: startOfSchoolDay(from, actor.timeZone) } : {}),
      ...(to ? { lt: startOfSchoolDay(addDays(to, 1), actor.timeZone) } : {}),
    };
  }
  if (filter.actorLogin) {
    const who = await db.user.findFirst({ where: { schoolId: actor.schoolId, login: filter.actorLogin.trim().toLowerCase() }, select: { id: true } });
    where.actorId = who?.id ?? -1;
  }
  const page = Math.max(1, Math.floor(filter.page ?? 1) || 1); // a hand-typed ?page=1.3 or NaN is page 1
  const rows = await db.auditLog.findMany({
    // One row more than a page: whether there are older entries to offer a link to.
    where, orderBy: { id: 'desc' }, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, createdAt: true, actorId: true, action: true, entityType: true, entityId: true, oldValue: true, newValue: true, ip: true, details: true },
  });
  const hasOlder = rows.length > AUDIT_PAGE_SIZE;
  if (hasOlder) rows.pop();
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds }, schoolId: actor.schoolId }, select: { id: true, login: true, lastName: true, firstName: true } });
  const byId = new Map(actors.map((a) => [a.id, `${a.lastName} ${a.firstName} (${a.login ?? '—'})`]));
  return {
    page,
    hasOlder,
    rows: rows.map((r) => ({ ...r, id: String(r.id), actorName: r.actorId ? (byId.get(r.actorId) ?? `#${r.actorId}`) : '—' })),
  };
}
