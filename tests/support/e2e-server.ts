// Playwright's webServer (playwright.config.ts): a throwaway PostgreSQL, then the app started the
// way the README starts it, `npx tsx prisma/start.ts` (migrate, seed the demo school into the
// empty database, build if needed, serve on PORT). On SIGTERM/SIGINT, or when the app ends,
// the app is stopped first and the database after it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recreateDatabase } from './database-admin';
import { E2E_DATABASE, E2E_DATABASE_FILE } from './e2e-database';
import { startTestDatabaseServer, withDatabaseName, type TestDatabaseServer } from './postgres';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const APP_STOP_TIMEOUT_MS = 20_000;

let database: TestDatabaseServer | undefined;
let app: ChildProcess | undefined;
let stopping = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise<void>((resolve) => app!.once('exit', () => resolve()));
      app.kill('SIGTERM');
      const timer = setTimeout(() => app?.kill('SIGKILL'), APP_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(E2E_DATABASE_FILE, { force: true });
    await database?.stop();
  }
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(0));
}

try {
  database = await startTestDatabaseServer({ stopOnSignals: false });
  let url = database.url;
  if (database.multipleDatabases) {
    await recreateDatabase(database.url, E2E_DATABASE);
    url = withDatabaseName(database.url, E2E_DATABASE);
  }
  // Tests that look into the database directly find it here (tests/support/e2e-database.ts).
  mkdirSync(path.dirname(E2E_DATABASE_FILE), { recursive: true });
  writeFileSync(E2E_DATABASE_FILE, JSON.stringify({ url, kind: database.kind }, null, 2));
  console.log(`[e2e] ${database.kind} database ready; starting the app on port ${process.env.PORT ?? 3000}`);

  app = spawn('npx', ['tsx', 'prisma/start.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: url,
      // PGlite is one session: one connection (see docs STACK.md).
      ...(database.kind === 'pglite' ? { DB_POOL_MAX: '1' } : {}),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  app.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[e2e] the app exited (${signal ?? `code ${code}`}); stopping the database`);
    void shutdown(code || 1);
  });
} catch (error) {
  console.error('[e2e] could not start:', error);
  await shutdown(1);
}
