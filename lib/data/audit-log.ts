// Reading the audit trail (ADMIN). The trail itself is append-only in SQL.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';

export type AuditFilter = { action?: string; actorLogin?: string; from?: string; to?: string; page?: number };
export const AUDIT_PAGE_SIZE = 100;

export async function readAuditLog(actor: Actor, filter: AuditFilter) {
  if (!actor.permissions.has('audit:read')) return null;
  const db = getDb();
  const where: Prisma.AuditLogWhereInput = { schoolId: actor.schoolId };
  if (filter.action) where.action = { startsWith: filter.action };
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  if (filter.actorLogin) {
    const who = await db.user.findFirst({ where: { schoolId: actor.schoolId, login: filter.actorLogin.trim().toLowerCase() }, select: { id: true } });
    where.actorId = who?.id ?? -1;
  }
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db.auditLog.findMany({
    where, orderBy: { id: 'desc' }, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE,
    select: { id: true, createdAt: true, actorId: true, action: true, entityType: true, entityId: true, oldValue: true, newValue: true, ip: true, details: true },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds }, schoolId: actor.schoolId }, select: { id: true, login: true, lastName: true, firstName: true } });
  const byId = new Map(actors.map((a) => [a.id, `${a.lastName} ${a.firstName} (${a.login ?? '—'})`]));
  return {
    page,
    rows: rows.map((r) => ({ ...r, id: String(r.id), actorName: r.actorId ? (byId.get(r.actorId) ?? `#${r.actorId}`) : '—' })),
  };
}
