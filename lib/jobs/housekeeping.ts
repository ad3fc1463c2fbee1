// Daily removal of rows that served their moment and would otherwise pile up with children's data:
//  - letters of the outbox once finished (sent, given up on, or kept without SMTP) and older than
//    LETTER_RETENTION_DAYS. They carry pupils' marks and parents' addresses; the outbox tracks
//    delivery and is not an archive (the journal is the record). A letter still waiting
//    (PENDING, SENDING) is never removed. Removing a dedupe key cannot bring a letter back: every
//    task looks back days, not months (due.ts), so no task asks for these keys again.
//  - sign-in attempts older than SIGN_IN_ATTEMPT_RETENTION_DAYS: throttling reads minutes to hours
//    (lib/auth/sign-in.ts); the audit log keeps the security events.
//  - sessions begun more than SESSION_RETENTION_DAYS ago, with their address and browser: a session
//    lasts 12 hours at most (lib/auth/session-policy.ts), and the audit log keeps sign-ins and outs.
//  - idempotency keys of journal saves older than IDEMPOTENCY_KEY_RETENTION_DAYS, with the mark
//    saved: a browser repeats a save only within its session, which lasts 12 hours at most.
// pg-boss removes its own finished jobs (after 7 days by default in v10).
import 'server-only';
import { getDb } from '../db';
import { DAY_MS } from '../domain/calendar';

export const LETTER_RETENTION_DAYS = 90;
export const SIGN_IN_ATTEMPT_RETENTION_DAYS = 30;
export const SESSION_RETENTION_DAYS = 30;
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 2;

export type HousekeepingReport = { letters: number; signInAttempts: number; sessions: number; idempotencyKeys: number };

export async function removeExpiredRows(now = new Date()): Promise<HousekeepingReport> {
  const db = getDb();
  const before = (days: number) => ({ lt: new Date(now.getTime() - days * DAY_MS) });
  const [letters, signInAttempts, sessions, idempotencyKeys] = await Promise.all([
    db.notification.deleteMany({ where: { status: { in: ['SENT', 'FAILED', 'HELD'] }, createdAt: before(LETTER_RETENTION_DAYS) } }),
    db.signInAttempt.deleteMany({ where: { createdAt: before(SIGN_IN_ATTEMPT_RETENTION_DAYS) } }),
    db.userSession.deleteMany({ where: { createdAt: before(SESSION_RETENTION_DAYS) } }),
    db.idempotencyKey.deleteMany({ where: { createdAt: before(IDEMPOTENCY_KEY_RETENTION_DAYS) } }),
  ]);
  return { letters: letters.count, signInAttempts: signInAttempts.count, sessions: sessions.count, idempotencyKeys: idempotencyKeys.count };
}
