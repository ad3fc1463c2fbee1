// Sends what is due in the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED and marked
// SENDING with a lease in one statement, so two processes never take the same row; a process
// that dies mid-send leaves its rows to be taken again when the lease runs out. The lease is
// taken afresh just before each letter goes, and every update names the attempt it claimed: a
// batch that outlasts its lease (a slow server) loses its later letters to whoever took them
// since, instead of sending them a second time, and never overwrites that sender's state. A failed send
// is retried with exponential backoff for more than a day; only a permanent refusal of the
// recipient (smtp-errors.ts) or the last attempt makes the row FAILED. When the server refuses
// us rather than a letter (wrong password, server down), the rest of the batch is put back
// untried: every letter would get the same answer, and none should use up its attempts on it.
// Delivery is at least once: a crash between the SMTP server's acceptance and the SENT update
// resends the letter, with the same Message-ID. Two rules hold for every letter, whichever job
// wrote it: families get no mail at night on the school's clock (FAMILY_HOURS: the letters of a
// school that is asleep are not even claimed), and a letter whose family no longer takes e-mail
// at that address is cancelled instead of sent (recheck.ts).
import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '../db';
import { inFamilyHours } from '../jobs/due';
import { cancelled, lettersToCancel } from './recheck';
import { classifySendError } from './smtp-errors';
import type { MailTransport } from './transport';

export const SEND_POLICY = {
  batchSize: 50,
  /**
   * Retries after 1, 2, 4 … 256 minutes, then every 6 hours: the 14th and last attempt comes
   * about 32 hours after the first, so a wrong password or a server down overnight can be put
   * right before any letter is lost.
   */
  maxAttempts: 14,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3_600_000,
  leaseMs: 5 * 60_000,
};

export function backoffMs(attempts: number, policy = SEND_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export function messageIdFor(dedupeKey: string): string {
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@journal.local>`;
}

type Claimed = { id: number; schoolId: number; toAddress: string; subject: string; text: string; html: string | null; dedupeKey: string; attempts: number; createdAt: Date };

/** The schools whose families may get letters now (between 08:00 and 21:00 on their clock). */
async function awakeSchools(now: Date): Promise<number[]> {
  const schools = await getDb().school.findMany({ select: { id: true, timezone: true } });
  return schools.filter((s) => inFamilyHours(now, s.timezone)).map((s) => s.id);
}

async function claim(now: Date, policy: typeof SEND_POLICY, schoolIds: number[]): Promise<Claimed[]> {
  if (!schoolIds.length) return [];
  const leaseUntil = new Date(now.getTime() + policy.leaseMs);
  return getDb().$queryRaw<Claimed[]>`
    UPDATE notifications n
       SET status = 'SENDING', attempts = n.attempts + 1, next_attempt_at = ${leaseUntil}
     WHERE n.id IN (
       SELECT id FROM notifications
        WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ${now} AND school_id = ANY(${schoolIds}::int[])
        ORDER BY next_attempt_at, id
        LIMIT ${policy.batchSize}
          FOR UPDATE SKIP LOCKED)
    RETURNING n.id, n.school_id AS "schoolId", n.to_address AS "toAddress", n.subject, n.text, n.html, n.dedupe_key AS "dedupeKey", n.attempts, n.created_at AS "createdAt"`;
}

export type SendReport = {
  sent: number;
  retried: number;
  failed: number;
  /** Claimed but put back untried, because the server refused the sender as a whole. */
  deferred: number;
  /** Not sent: the family no longer takes e-mail at that address (recheck.ts). */
  cancelled: number;
};

/** One pass over the due messages. Returns what happened to them. */
export async function sendDueNotifications(transport: MailTransport, options: { now?: Date; policy?: typeof SEND_POLICY } = {}): Promise<SendReport> {
  const policy = options.policy ?? SEND_POLICY;
  const now = options.now ?? new Date();
  const db = getDb();
  const report: SendReport = { sent: 0, retried: 0, failed: 0, deferred: 0, cancelled: 0 };
  // `now` moves on while the batch is sent (a test's fixed `now` too), for the leases taken per letter.
  const started = Date.now();
  const clock = () => new Date(now.getTime() + Date.now() - started);
  /** The row as this pass claimed it: taken again by another sender since, it matches nothing. */
  const mine = (r: Claimed) => ({ id: r.id, status: 'SENDING' as const, attempts: r.attempts });
  const rows = await claim(now, policy, await awakeSchools(now));
  const cancel = await lettersToCancel(rows);
  for (const [index, row] of rows.entries()) {
    const reason = cancel.get(row.id);
    if (reason) {
      await db.notification.updateMany({ where: mine(row), data: cancelled(reason) });
      report.cancelled++;
      continue;
    }
    const renewed = await db.notification.updateMany({ where: mine(row), data: { nextAttemptAt: new Date(clock().getTime() + policy.leaseMs) } });
    if (!renewed.count) continue;
    try {
      await transport.send({ to: row.toAddress, subject: row.subject, text: row.text, html: row.html, messageId: messageIdFor(row.dedupeKey) });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const failure = classifySendError(error);
      const final = failure === 'recipient' || row.attempts >= policy.maxAttempts;
      const retryAt = new Date(now.getTime() + backoffMs(row.attempts, policy));
      await db.notification.updateMany({
        where: mine(row),
        data: final ? { status: 'FAILED', lastError: message } : { status: 'PENDING', lastError: message, nextAttemptAt: retryAt },
      });
      if (final) report.failed++;
      else report.retried++;
      if (failure === 'server') {
        // The rest wait with this letter, their attempts unspent; the error shows on /admin/outbox why.
        const rest = rows.slice(index + 1).map(mine);
        if (rest.length) {
          const { count } = await db.notification.updateMany({
            where: { OR: rest },
            data: { status: 'PENDING', attempts: { decrement: 1 }, lastError: message, nextAttemptAt: retryAt },
          });
          report.deferred += count;
        }
        break;
      }
      continue;
    }
    // The letter has left. A database error now is no SMTP failure: taken for one, it made the
    // letter PENDING and sent it again a minute later. Recording is retried instead.
    await recordSent(() => db.notification.updateMany({ where: mine(row), data: { status: 'SENT', sentAt: new Date(), lastError: null } }));
    report.sent++;
  }
  return report;
}

/**
 * Records a sent letter, trying again over a few seconds if the database fails. If it still
 * fails, the error goes up (the task's log) and the letter goes again after its lease: at least
 * once, with the same Message-ID.
 */
async function recordSent(update: () => Promise<unknown>, tries = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await update();
      return;
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
