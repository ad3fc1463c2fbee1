// The nightly housekeeping: finished letters, sign-in attempts, sessions and journal idempotency
// keys past their retention are removed, nothing else is.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchool, createUser } from '../support/fixtures';
import { IDEMPOTENCY_KEY_RETENTION_DAYS, LETTER_RETENTION_DAYS, removeExpiredRows, SESSION_RETENTION_DAYS, SIGN_IN_ATTEMPT_RETENTION_DAYS } from '../../lib/jobs/housekeeping';
import { TASKS } from '../../lib/jobs/tasks';
import type { NotificationStatus } from '../../lib/generated/prisma/enums';

const db = testDb();
const NOW = new Date('2026-12-03T03:23:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
let schoolId: number;
let seq = 0;

async function letter(status: NotificationStatus, createdAt: Date): Promise<string> {
  const dedupeKey = `test:${++seq}`;
  await db.notification.create({
    data: { schoolId, kind: 'digest', toAddress: 'olga@example.ru', subject: 'Дневник за неделю', text: 'Отметки: 5, 4', dedupeKey, status, createdAt, nextAttemptAt: createdAt },
  });
  return dedupeKey;
}

beforeEach(async () => {
  await resetDb();
  schoolId = await createSchool(db);
});

describe('removeExpiredRows', () => {
  it('removes finished letters older than the retention, keeps recent ones and every letter still waiting', async () => {
    const old = LETTER_RETENTION_DAYS + 1;
    const gone = [await letter('SENT', daysAgo(old)), await letter('FAILED', daysAgo(old)), await letter('HELD', daysAgo(old))];
    const kept = [
      await letter('SENT', daysAgo(LETTER_RETENTION_DAYS - 1)),
      await letter('HELD', daysAgo(3)),
      // Waiting for a retry or being sent: never removed, however old.
      await letter('PENDING', daysAgo(old)),
      await letter('SENDING', daysAgo(old)),
    ];

    const report = await removeExpiredRows(NOW);

    expect(report.letters).toBe(gone.length);
    const left = (await db.notification.findMany({ select: { dedupeKey: true } })).map((n) => n.dedupeKey).sort();
    expect(left).toEqual([...kept].sort());
  });

  it('removes sign-in attempts past the retention only', async () => {
    await db.signInAttempt.createMany({
      data: [
        { login: 'teacher', ip: '10.0.0.1', success: false, createdAt: daysAgo(SIGN_IN_ATTEMPT_RETENTION_DAYS + 2) },
        { login: 'teacher', ip: '10.0.0.1', success: true, createdAt: daysAgo(SIGN_IN_ATTEMPT_RETENTION_DAYS + 1) },
        { login: 'teacher', ip: '10.0.0.1', success: false, createdAt: daysAgo(1) },
      ],
    });

    expect(await removeExpiredRows(NOW)).toEqual({ letters: 0, signInAttempts: 2, sessions: 0, idempotencyKeys: 0 });
    expect(await db.signInAttempt.findMany({ select: { createdAt: true } })).toEqual([{ createdAt: daysAgo(1) }]);
  });

  it('removes sessions (with their address and browser) and journal idempotency keys (with the mark saved) past their retention', async () => {
    const userId = await createUser(db, schoolId, ['TEACHER'], { lastName: 'Учителева', firstName: 'Анна' });
    const session = (id: string, createdAt: Date, endedAt: Date | null) =>
      ({ id, schoolId, userId, createdAt, lastSeenAt: createdAt, endedAt, ip: '10.0.0.1', userAgent: 'Firefox' });
    await db.userSession.createMany({
      data: [
        session('old-ended', daysAgo(SESSION_RETENTION_DAYS + 1), daysAgo(SESSION_RETENTION_DAYS + 1)),
        session('old-never-ended', daysAgo(SESSION_RETENTION_DAYS + 5), null),
        session('recent', daysAgo(1), daysAgo(1)),
        session('open', NOW, null),
      ],
    });
    const key = (k: string, createdAt: Date) => ({ key: k, schoolId, userId, result: { ok: true, target: 'mark', mark: { value: '2' } }, createdAt });
    await db.idempotencyKey.createMany({ data: [key('old', daysAgo(IDEMPOTENCY_KEY_RETENTION_DAYS + 1)), key('today', daysAgo(0.5))] });

    expect(await removeExpiredRows(NOW)).toEqual({ letters: 0, signInAttempts: 0, sessions: 2, idempotencyKeys: 1 });
    expect((await db.userSession.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((s) => s.id)).toEqual(['open', 'recent']);
    expect((await db.idempotencyKey.findMany({ select: { key: true } })).map((k) => k.key)).toEqual(['today']);
  });

  it('is one of the scheduled tasks, and a second run removes nothing more', async () => {
    await letter('SENT', daysAgo(LETTER_RETENTION_DAYS + 10));
    expect(TASKS.housekeeping).toBeDefined();
    expect(await removeExpiredRows(NOW)).toEqual({ letters: 1, signInAttempts: 0, sessions: 0, idempotencyKeys: 0 });
    expect(await removeExpiredRows(NOW)).toEqual({ letters: 0, signInAttempts: 0, sessions: 0, idempotencyKeys: 0 });
  });
});
