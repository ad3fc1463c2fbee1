// `npm start`: the one command that brings the application up on a fresh machine.
//   1. the database: DATABASE_URL when given (refused with a clear message if unreachable),
//      otherwise the embedded PGlite kept in .data/pglite;
//   2. migrations; 3. the demo school when the database is empty;
//   4. `next build` when the build is missing or older than the sources; 5. `next start`, in one
//      worker process per core (up to 4, WEB_CONCURRENCY sets it) on PostgreSQL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/server';
import { applyMigrations } from './tools/schema-engine';
import { buildIsStale, ROOT } from './tools/build-state';
import { DEMO_ACCOUNTS } from './demo/accounts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = path.join(ROOT, '.data');

async function checkConnection(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** next-auth signs sessions with this; generated once and kept with the data unless configured. */
function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'nextauth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd: ROOT });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let embedded: EmbeddedDatabase | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  const problem = await checkConnection(databaseUrl);
  if (problem) {
    console.error(`Не удалось подключиться к PostgreSQL по DATABASE_URL: ${problem}\nПроверьте адрес, пользователя и пароль, и что сервер запущен.`);
    process.exit(1);
  }
  console.log('База данных: PostgreSQL из DATABASE_URL');
} else {
  embedded = await startEmbeddedDatabase();
  databaseUrl = embedded.url;
  console.log('База данных: встроенная PGlite (.data/pglite). Задайте DATABASE_URL, чтобы работать с PostgreSQL.');
}

const applied = await applyMigrations(databaseUrl);
if (applied.length) console.log(`Применены миграции: ${applied.join(', ')}`);

const { seedDemo, isDatabaseEmptyAt } = await import('./demo/seed');
if (await isDatabaseEmptyAt(databaseUrl)) {
  console.log('База пуста: создаю демонстрационную школу…');
  const started = Date.now();
  await seedDemo(databaseUrl, { schools: 1, poolMax: embedded ? 1 : 4 });
  console.log(`Демонстрационная школа создана за ${((Date.now() - started) / 1000).toFixed(1)} с`);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DB_POOL_MAX: embedded ? '1' : (process.env.DB_POOL_MAX ?? '10'),
  NEXTAUTH_SECRET: sessionSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
  // A page render allocates a few megabytes that die with the request. With V8's default 16 MB
  // young generation, a worker serving dozens of requests at once promotes them to the old
  // generation and spends ~15% of its CPU collecting; 64 MB lets them die young (README,
  // «Benchmarks»). Settings of the operator's own NODE_OPTIONS come after and win.
  NODE_OPTIONS: ['--max-semi-space-size=64', process.env.NODE_OPTIONS].filter(Boolean).join(' '),
};
const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

if (buildIsStale()) {
  console.log('Сборка приложения (next build)…');
  const code = await run(process.execPath, [nextBin, 'build'], env);
  if (code !== 0) {
    await embedded?.stop();
    process.exit(code);
  }
}

// One worker per core on PostgreSQL; the embedded PGlite serves one connection, so one process.
const requestedWorkers = Number.parseInt(process.env.WEB_CONCURRENCY ?? '', 10);
const workers = embedded ? 1 : requestedWorkers > 0 ? requestedWorkers : Math.min(os.availableParallelism(), 4);
const server = workers > 1
  ? spawn(process.execPath, [path.join(ROOT, 'prisma/tools/web-workers.mjs'), String(workers), String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env, cwd: ROOT })
  : spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env, cwd: ROOT });
let announced = false;
let ready = 0;
server.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  ready += chunk.toString().match(/Ready|started server/gi)?.length ?? 0;
  // Announced once every worker listens, so the first visitors never wait for a cold one.
  if (!announced && ready >= workers) {
    announced = true;
    console.log(`\nЭлектронный журнал открыт: http://localhost:${port}${workers > 1 ? ` (рабочих процессов: ${workers})` : ''}\n`);
    console.log('Демонстрационные входы (пароль у всех одинаковый):');
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.login.padEnd(14)} ${a.password.padEnd(14)} ${a.description}`);
  }
});

async function shutdown(signal: NodeJS.Signals) {
  server.kill(signal);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
server.on('exit', async (code) => {
  await embedded?.stop();
  process.exit(code ?? 0);
});
