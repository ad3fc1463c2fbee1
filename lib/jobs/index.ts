// Background jobs: weekly digests, monthly forecasts, final-mark and ГИА result notices, and the outbox sender.
//
// How they start: `npm start` runs `next start`; Next calls `register()` in instrumentation.ts once
// per server process, which calls startJobRunner() below unless JOBS_ENABLED=0.
//  - Against PostgreSQL the runner is pg-boss 10 (schema `pgboss`, created on first start, own
//    pool of at most 3 connections). Cron schedules are stored in the database and survive
//    restarts; with two or more app processes each scheduled run happens once (pg-boss's cron
//    lock and 'stately' queues), and the tasks are idempotent besides (see tasks.ts).
//  - Against the embedded PGlite (DB_POOL_MAX=1, one session) pg-boss is not started: its own
//    connections would queue behind the app's single one. A timer in the process runs the same
//    tasks instead; PGlite serves one app process, so "once" holds, and catch-up tasks make a
//    restart harmless. A log line says which runner is active.
//  - If pg-boss cannot start (e.g. no right to create its schema), the timer takes over.
// Without SMTP_URL letters are kept in the outbox as HELD and shown on /admin/outbox.
import 'server-only';
import { getEnv } from '../env';
import { startBoss, type Stop } from './boss';
import { startTicker } from './ticker';

const log = (line: string) => console.log(`[задания] ${line}`);
const state = globalThis as unknown as { __journalJobs?: Promise<Stop | null> };

export type RunnerKind = 'pg-boss' | 'timer' | 'off';

/** Which runner this configuration gets (exported for tests and the start-up log). */
export function runnerFor(env: { JOBS_ENABLED: string; DB_POOL_MAX: number }): RunnerKind {
  if (env.JOBS_ENABLED !== '1') return 'off';
  return env.DB_POOL_MAX === 1 ? 'timer' : 'pg-boss';
}

async function start(): Promise<Stop | null> {
  const env = getEnv();
  const kind = runnerFor(env);
  const smtp = env.SMTP_URL ? 'письма отправляются через SMTP' : 'SMTP_URL не задан: письма остаются в очереди (HELD), см. /admin/outbox';
  if (kind === 'off') {
    log('фоновые задания отключены (JOBS_ENABLED=0)');
    return null;
  }
  if (kind === 'timer') {
    log(`одно соединение с базой (DB_POOL_MAX=1, встроенная PGlite): pg-boss не запускается, задания выполняет таймер этого процесса; ${smtp}`);
    return startTicker(log);
  }
  try {
    const stop = await startBoss(env.DATABASE_URL, log);
    log(`планировщик pg-boss запущен (схема pgboss); ${smtp}`);
    return stop;
  } catch (error) {
    log(`pg-boss не запустился (${error instanceof Error ? error.message : String(error)}); задания выполняет таймер этого процесса`);
    return startTicker(log);
  }
}

/** Starts the runner once per process (dev-mode reloads call register() again). */
export function startJobRunner(): Promise<Stop | null> {
  state.__journalJobs ??= start();
  return state.__journalJobs;
}
