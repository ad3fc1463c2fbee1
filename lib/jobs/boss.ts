// The pg-boss runner (PostgreSQL-backed queue, v10: later versions need Node 22). Schedules live
// in the database (pgboss.schedule), so they survive restarts; pg-boss's cron lock lets one
// process per minute turn a schedule into a job, and a 'stately' queue holds at most one waiting
// and one running job, so two app processes still run each task once.
import 'server-only';
import PgBoss from 'pg-boss';
import { TASKS } from './tasks';
import { describeError } from '../error-description';

export type Stop = () => Promise<void>;

export async function startBoss(connectionString: string, log: (line: string) => void): Promise<Stop> {
  const boss = new PgBoss({ connectionString, max: 3, schema: 'pgboss', application_name: 'journal-jobs' });
  boss.on('error', (error: unknown) => log(`ошибка pg-boss: ${describeError(error)}`));
  await boss.start();
  for (const [name, task] of Object.entries(TASKS)) {
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 2, retryDelay: 60, expireInSeconds: 30 * 60 });
    await boss.schedule(name, task.cron, {}, { tz: 'UTC' });
    // Catch up at once after a start instead of waiting for the first cron minute.
    await boss.send(name, {}, { singletonKey: 'startup', singletonSeconds: 60 });
    await boss.work(name, { pollingIntervalSeconds: 10 }, async () => {
      await task.run();
    });
  }
  return () => boss.stop({ graceful: true, timeout: 10_000 });
}
