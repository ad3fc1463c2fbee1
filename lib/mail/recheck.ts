// The last look before a letter leaves: a letter about a pupil goes only while that pupil's
// delivery in force (deliveriesOf) is still e-mail to the same address. A letter can wait in the
// outbox for days (HELD without SMTP, retries, the night), and in the meantime the family may
// withdraw consent, choose paper, give another address, or the parent may be unlinked. A notice
// of final marks also waits (the night), and a mark in it may have been changed since.
import 'server-only';
import { getDb } from '../db';
import { deliveriesOf, type Delivery } from '../data/consents';
import { pupilOfKey } from './outbox';

/** Shown on /admin/outbox as the row's reason; the status is FAILED («не доставлено»). */
const PREFIX = 'Отменено перед отправкой: ';

export function cancelReason(delivery: Delivery | undefined, toAddress: string): string | null {
  if (delivery?.kind === 'email') {
    return delivery.email.toLowerCase() === toAddress.toLowerCase() ? null : `${PREFIX}семья указала для писем другой адрес`;
  }
  if (delivery?.kind === 'online') return `${PREFIX}семья выбрала личный кабинет вместо электронной почты`;
  switch (delivery?.reason) {
    case 'REFUSED': return `${PREFIX}согласие на обработку персональных данных отозвано`;
    case 'PAPER': return `${PREFIX}семья выбрала бумажную выписку`;
    case 'NO_EMAIL': return `${PREFIX}в согласии нет адреса электронной почты`;
    default: return `${PREFIX}согласие не действует (нет согласия или подписавший родитель больше не представитель ученика)`;
  }
}

const FINAL_CHANGED = `${PREFIX}учитель изменил итоговую отметку после того, как письмо было составлено; после публикации придёт новое письмо`;

/** The period of a final-marks letter, from its key `final:<pupil>:<parent>:<period>:<instant>`. */
const periodOfKey = (dedupeKey: string) => {
  const m = /^final:\d+:\d+:(\d+):/.exec(dedupeKey);
  return m ? Number(m[1]) : null;
};

/**
 * Final marks that were published and then changed after `since`, as (pupil, period, when):
 * changing a published mark takes it back to draft (lib/data/journal/final-marks.ts), so the
 * family's diary no longer shows the value a letter written before lists. The audit of that
 * change is the one record of it; publishing the new value writes a new letter. One query per
 * school for the whole batch, not one per letter.
 */
async function publishedFinalsChangedSince(schoolId: number, since: Date): Promise<{ studentId: number; periodId: number; at: Date }[]> {
  const rows = await getDb().auditLog.findMany({
    where: { schoolId, action: 'finalmark.update', createdAt: { gt: since }, oldValue: { path: ['status'], equals: 'PUBLISHED' } },
    select: { createdAt: true, details: true },
  });
  return rows.flatMap(({ createdAt, details }) => {
    const d = details as { studentId?: unknown; periodId?: unknown } | null;
    return typeof d?.studentId === 'number' && typeof d.periodId === 'number' ? [{ studentId: d.studentId, periodId: d.periodId, at: createdAt }] : [];
  });
}

type Letter = { id: number; schoolId: number; toAddress: string; dedupeKey: string; createdAt: Date };

/** Of the letters about to be sent, those that must not go, with the reason (by row id). */
export async function lettersToCancel(rows: readonly Letter[]): Promise<Map<number, string>> {
  const reasons = new Map<number, string>();
  const bySchool = new Map<number, Letter[]>();
  for (const r of rows) {
    // Letters about no pupil (none are written today) are not the consents' business.
    if (pupilOfKey(r.dedupeKey) === null) continue;
    const list = bySchool.get(r.schoolId);
    if (list) list.push(r);
    else bySchool.set(r.schoolId, [r]);
  }
  for (const [schoolId, letters] of bySchool) {
    const deliveries = await deliveriesOf(schoolId, [...new Set(letters.map((l) => pupilOfKey(l.dedupeKey)!))]);
    const notices = letters.filter((l) => periodOfKey(l.dedupeKey) !== null);
    const oldest = notices.reduce<Date | null>((min, l) => (min === null || l.createdAt < min ? l.createdAt : min), null);
    const changed = oldest ? await publishedFinalsChangedSince(schoolId, oldest) : [];
    for (const l of letters) {
      const studentId = pupilOfKey(l.dedupeKey)!;
      const periodId = periodOfKey(l.dedupeKey);
      const markChanged = periodId !== null && changed.some((c) => c.studentId === studentId && c.periodId === periodId && c.at > l.createdAt);
      const reason = cancelReason(deliveries.get(studentId), l.toAddress) ?? (markChanged ? FINAL_CHANGED : null);
      if (reason) reasons.set(l.id, reason);
    }
  }
  return reasons;
}

/**
 * What a cancelled letter keeps: its subject, address and reason, not its body. The pupil's marks
 * in it will go nowhere, and kept they would outlive the family's withdrawal for the outbox's
 * 90 days (housekeeping.ts).
 */
export const cancelled = (reason: string) => ({ status: 'FAILED' as const, lastError: reason, text: '', html: null });

/**
 * Letters kept without SMTP (HELD) that their family no longer takes: cancelled as the sender
 * would cancel them. Without SMTP the sender never looks at them, and a school without it keeps
 * every letter; run daily with the housekeeping. Returns how many were cancelled.
 */
export async function cancelWithdrawnHeldLetters(): Promise<number> {
  const db = getDb();
  const rows = await db.notification.findMany({ where: { status: 'HELD' }, select: { id: true, schoolId: true, toAddress: true, dedupeKey: true, createdAt: true } });
  let count = 0;
  for (const [id, reason] of await lettersToCancel(rows)) {
    count += (await db.notification.updateMany({ where: { id, status: 'HELD' }, data: cancelled(reason) })).count;
  }
  return count;
}
