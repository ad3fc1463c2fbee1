// The job runners: pg-boss against PostgreSQL (schedules stored in the database, each task run
// once even with two runners), and the in-process timer used on the embedded PGlite. Without
// SMTP settings (as here) the letters they produce are kept in the outbox as HELD.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { resetDb, serverHasManyDatabases, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { runnerFor } from '../../lib/jobs';
import { startBoss, type Stop } from '../../lib/jobs/boss';
import { startTicker } from '../../lib/jobs/ticker';
import { TASKS } from '../../lib/jobs/tasks';

const db = testDb();
let fx: SchoolFixture;
const stops: Stop[] = [];
const log: string[] = [];

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeEach(async () => {
  await resetDb();
  log.length = 0;
  fx = await createSchoolFixture(db, { pupils: 2 });
  // The runners use the real clock, and a digest is written only for a week with study days:
  // the fixture's year and term are moved to span the weeks around today.
  const around = { startDate: new Date(Date.now() - 40 * 86_400_000), endDate: new Date(Date.now() + 40 * 86_400_000) };
  await db.academicYear.update({ where: { id: fx.academicYearId }, data: around });
  await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: around });
  await db.enrollment.updateMany({ where: { schoolId: fx.schoolId }, data: { startDate: around.startDate } });
  await db.consent.create({
    data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru', documentVersion: '1', recordedById: fx.adminId },
  });
});

afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

describe('choosing the runner', () => {
  it('uses pg-boss on PostgreSQL, the timer on the one-connection PGlite, nothing when disabled', () => {
    expect(runnerFor({ JOBS_ENABLED: '1', DB_POOL_MAX: 10 })).toBe('pg-boss');
    expect(runnerFor({ JOBS_ENABLED: '1', DB_POOL_MAX: 1 })).toBe('timer');
    expect(runnerFor({ JOBS_ENABLED: '0', DB_POOL_MAX: 10 })).toBe('off');
  });
});

describe('pg-boss', () => {
  // On the PGlite fallback (one session) pg-boss is exactly what the app does not start.
  it.skipIf(!serverHasManyDatabases())('stores the schedules in the database and runs each task once, even with two runners', async () => {
    const url = process.env.DATABASE_URL!;
    stops.push(await startBoss(url, (l) => log.push(l)));
    stops.push(await startBoss(url, (l) => log.push(l))); // a second app process

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule ORDER BY name');
    expect(rows).toEqual(Object.entries(TASKS).map(([name, t]) => ({ name, cron: t.cron })).sort((a, b) => a.name.localeCompare(b.name)));

    // The start-up catch-up run of the weekly digest leaves the letter HELD (no SMTP here).
    const held = await until(() => db.notification.findMany({ where: { kind: 'digest' } }), (r) => r.length > 0);
    expect(held).toMatchObject([{ status: 'HELD', toAddress: 'olga@example.ru' }]);
    // Every queued digest job finished, and still one letter.
    await until(
      async () => (await client.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'weekly-digest' AND state IN ('created', 'active', 'retry')`)).rows[0].n as number,
      (n) => n === 0,
    );
    const done = (await client.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'weekly-digest' AND state = 'completed'`)).rows[0].n as number;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(await db.notification.count({ where: { kind: 'digest' } })).toBe(1);
    await client.end();
    expect(log.filter((l) => l.startsWith('ошибка'))).toEqual([]);
  }, 90_000);
});

describe('the in-process timer', () => {
  it('runs the same tasks, one at a time, and a second timer duplicates nothing', async () => {
    stops.push(startTicker((l) => log.push(l), 0));
    stops.push(startTicker((l) => log.push(l), 0));
    const held = await until(() => db.notification.findMany({ where: { kind: 'digest' } }), (r) => r.length > 0, 30_000);
    await new Promise((r) => setTimeout(r, 3000));
    expect(held).toMatchObject([{ status: 'HELD' }]);
    expect(await db.notification.count({ where: { kind: 'digest' } })).toBe(1);
    expect(log).toEqual([]);
  }, 60_000);
});
