// Daily removal of rows that served their moment and would otherwise pile up with children's data:
//  - letters of the outbox once finished (sent, given up on, or kept without SMTP) and older than
//    LETTER_RETENTION_DAYS. They carry pupils' marks and parents' addresses; the outbox tracks
//    delivery and is not an archive (the journal is the record). A letter still waiting
//    (PENDING, SENDING) is never removed. Removing a dedupe key cannot bring a letter back: every
//    task looks back days, not months (due.ts), so no task asks for these keys again.
//  - sign-in attempts older than SIGN_IN_ATTEMPT_RETENTION_DAYS: throttling reads minutes to hours
//    (lib/auth/sign-in.ts); the audit log keeps the security events.
// pg-boss removes its own finished jobs (after 7 days by default in v10).
import 'server-only';
import { getDb } from '../db';
import { DAY_MS } from '../domain/calendar';

export const LETTER_RETENTION_DAYS = 90;
export const SIGN_IN_ATTEMPT_RETENTION_DAYS = 30;

export type HousekeepingReport = { letters: number; signInAttempts: number };

export async function removeExpiredRows(now = new Date()): Promise<HousekeepingReport> {
  const db = getDb();
  const [letters, signInAttempts] = await Promise.all([
    db.notification.deleteMany({
      where: { status: { in: ['SENT', 'FAILED', 'HELD'] }, createdAt: { lt: new Date(now.getTime() - LETTER_RETENTION_DAYS * DAY_MS) } },
    }),
    db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SIGN_IN_ATTEMPT_RETENTION_DAYS * DAY_MS) } } }),
  ]);
  return { letters: letters.count, signInAttempts: signInAttempts.count };
}
