// The last look before a letter leaves: a letter about a pupil goes only while that pupil's
// delivery in force (deliveriesOf) is still e-mail to the same address. A letter can wait in the
// outbox for days (HELD without SMTP, retries, the night), and in the meantime the family may
// withdraw consent, choose paper, give another address, or the parent may be unlinked. A notice
// of final marks or ГИА results also waits (the night), and a result in it may have been changed since.
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

/** A published result changed or taken back after `since`: the pupil and the letters' scope it touches. */
type Change = { studentId: number; scope: number | null; at: Date };

/**
 * A kind of results notice whose results may change before it leaves: changing a published
 * result takes it back from the family (a final mark to draft, lib/data/journal/final-marks.ts;
 * a ГИА result to unpublished or deleted, lib/data/exams.ts), so the diary no longer shows the
 * value a letter written before lists. The audit of that change is the one record of it;
 * publishing the new value writes a new letter. One query per school and kind for the whole
 * batch, not one per letter.
 */
type ChangeRule = {
  /** The letter's scope read from its key, or undefined for a letter this rule is not about. */
  scopeOfKey(dedupeKey: string): number | null | undefined;
  changedSince(schoolId: number, since: Date): Promise<Change[]>;
  reason: string;
};

type Audited = { createdAt: Date; details: unknown };
const detailNumber = (details: unknown, name: string) => {
  const v = (details as Record<string, unknown> | null)?.[name];
  return typeof v === 'number' ? v : null;
};

const RULES: ChangeRule[] = [
  {
    // `final:<pupil>:<parent>:<period>:<instant>[#<n>]`
    scopeOfKey: (key) => { const m = /^final:\d+:\d+:(\d+):/.exec(key); return m ? Number(m[1]) : undefined; },
    async changedSince(schoolId, since) {
      const rows: Audited[] = await getDb().auditLog.findMany({
        where: { schoolId, action: 'finalmark.update', createdAt: { gt: since }, oldValue: { path: ['status'], equals: 'PUBLISHED' } },
        select: { createdAt: true, details: true },
      });
      return rows.flatMap(({ createdAt, details }) => {
        const studentId = detailNumber(details, 'studentId');
        const periodId = detailNumber(details, 'periodId');
        return studentId !== null && periodId !== null ? [{ studentId, scope: periodId, at: createdAt }] : [];
      });
    },
    reason: `${PREFIX}учитель изменил итоговую отметку после того, как письмо было составлено; после публикации придёт новое письмо`,
  },
  {
    // `exam:<pupil>:<parent>:<year>:<instant>[#<n>]`. The audit of a result names no year: any published
    // result of the pupil changed since stops the letter (ГИА of one year is entered at a time).
    scopeOfKey: (key) => (/^exam:/.test(key) ? null : undefined),
    async changedSince(schoolId, since) {
      const rows = await getDb().auditLog.findMany({
        where: { schoolId, entityType: 'ExamResult', action: { in: ['exam.update', 'exam.delete'] }, createdAt: { gt: since } },
        select: { createdAt: true, details: true, oldValue: true },
      });
      return rows.flatMap(({ createdAt, details, oldValue }) => {
        const studentId = detailNumber(details, 'studentId');
        const wasPublished = typeof (oldValue as { publishedAt?: unknown } | null)?.publishedAt === 'string';
        return studentId !== null && wasPublished ? [{ studentId, scope: null, at: createdAt }] : [];
      });
    },
    reason: `${PREFIX}результат ГИА изменён или снят с публикации после того, как письмо было составлено; после новой публикации придёт новое письмо`,
  },
];

/**
 * Whether the letter was cancelled because a result in it changed: the results still visible then
 * were never announced, and get a follow-up letter (lib/jobs/result-notices.ts). A letter
 * cancelled for the family's consent or address, or failed on the wire, gets none.
 */
export const resultChangeCancelled = (row: { status: string; lastError: string | null }): boolean =>
  row.status === 'FAILED' && RULES.some((rule) => rule.reason === row.lastError);

/**
 * A results notice still waiting when the job wrote a newer one for the same recipient, pupil and
 * scope (lib/jobs/result-notices.ts): the newer one lists its results too, so the family gets one
 * letter, not two in the morning with the second repeating the first.
 */
export const SUPERSEDED_REASON = `${PREFIX}заменено более поздним письмом о результатах того же ученика, в котором перечислены и эти результаты`;

/**
 * Whether the results the letter held were never announced: cancelled because one of them changed
 * (resultChangeCancelled), or superseded by a newer letter. A newer letter's moment can fall back
 * to this one's when the results published later are taken back: the ones still visible get a
 * follow-up (lib/jobs/result-notices.ts). A letter cancelled for the family's consent or address,
 * or failed on the wire, gets none.
 */
export const resultsNeverAnnounced = (row: { status: string; lastError: string | null }): boolean =>
  resultChangeCancelled(row) || (row.status === 'FAILED' && row.lastError === SUPERSEDED_REASON);

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
    for (const l of letters) {
      const reason = cancelReason(deliveries.get(pupilOfKey(l.dedupeKey)!), l.toAddress);
      if (reason) reasons.set(l.id, reason);
    }
    for (const rule of RULES) {
      const notices = letters.filter((l) => !reasons.has(l.id) && rule.scopeOfKey(l.dedupeKey) !== undefined);
      if (!notices.length) continue;
      const oldest = notices.reduce((min, l) => (l.createdAt < min ? l.createdAt : min), notices[0].createdAt);
      const changed = await rule.changedSince(schoolId, oldest);
      for (const l of notices) {
        const studentId = pupilOfKey(l.dedupeKey)!;
        const scope = rule.scopeOfKey(l.dedupeKey);
        if (changed.some((c) => c.studentId === studentId && (c.scope === null || c.scope === scope) && c.at > l.createdAt)) reasons.set(l.id, rule.reason);
      }
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
