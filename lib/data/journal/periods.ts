// Closing and reopening study periods (management, 'periods:close'). A closed period locks its
// final marks and every mark and attendance record dated in it (checked by each write, see
// periodOpen); reopening needs a reason, and both are in the audit trail.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { writeAudit } from '../../audit';
import { isoDate } from '../dates';
import { fail, MESSAGES, type Result } from './result';
import { TX_OPTIONS } from './write-context';

export async function listPeriods(actor: Actor) {
  if (!actor.permissions.has('periods:close')) return null;
  const rows = await getDb().studyPeriod.findMany({
    where: { schoolId: actor.schoolId },
    orderBy: [{ academicYear: { startYear: 'desc' } }, { kind: 'asc' }, { schemeId: 'asc' }, { startDate: 'asc' }],
    select: {
      id: true, name: true, kind: true, startDate: true, endDate: true, status: true, closedAt: true,
      scheme: { select: { name: true } }, academicYear: { select: { label: true } },
      closedBy: { select: { lastName: true, firstName: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id, name: p.name, kind: p.kind, status: p.status, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate),
    scheme: p.scheme?.name ?? 'Учебный год', year: p.academicYear.label,
    closedAt: p.closedAt?.toISOString() ?? null, closedBy: p.closedBy ? `${p.closedBy.lastName} ${p.closedBy.firstName}` : null,
  }));
}

/** Close (reason optional) or reopen (reason required) a period of the actor's school. */
export async function setPeriodStatus(actor: Actor, periodId: number, close: boolean, reason: string): Promise<Result> {
  if (!actor.permissions.has('periods:close')) return fail(MESSAGES.denied);
  if (!close && reason.trim().length < 5) return fail('Укажите причину открытия периода', 'reason');
  const db = getDb();
  // The FOR UPDATE below queues behind every write in flight in the period: at quarter end that can
  // take longer than Prisma's default limits (2 s wait, 5 s timeout), so it gets the writes' limits.
  return db.$transaction(async (tx) => {
    // FOR UPDATE waits for writes in flight in this period (they hold FOR SHARE) to commit.
    const rows = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM study_periods WHERE id = ${periodId} AND school_id = ${actor.schoolId} FOR UPDATE`;
    if (!rows.length) return fail('Период не найден');
    const from = rows[0].status;
    const to = close ? 'CLOSED' : 'OPEN';
    if (from === to) return fail(close ? 'Период уже закрыт' : 'Период уже открыт');
    await tx.studyPeriod.update({
      where: { id: periodId },
      data: close ? { status: 'CLOSED', closedAt: new Date(), closedById: actor.id } : { status: 'OPEN', closedAt: null, closedById: null },
    });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: close ? 'period.close' : 'period.reopen',
      entityType: 'StudyPeriod', entityId: periodId, oldValue: { status: from }, newValue: { status: to }, details: { reason: reason.trim() || null },
    });
    return { ok: true as const };
  }, TX_OPTIONS);
}
