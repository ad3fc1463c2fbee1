// `npm run bench`: prints the figures the issues ask for. Not a test: nothing here passes or
// fails on time. It starts a throwaway PostgreSQL, builds two datasets (the demo school and
// 20 schools; `--quick` skips the second), serves the built app on each, and runs every
// area's benchmark against it. Results: a table on stdout and tests/.output/bench.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startTestDatabaseServer, withDatabaseName } from '../support/postgres';
import { applyMigrations } from '../../prisma/tools/schema-engine';
import { freePort } from '../../prisma/embedded/server';
import { ROOT } from '../../prisma/tools/build-state';
import type { Benchmark, BenchContext, BenchRow } from './types';

const quick = process.argv.includes('--quick');
const PASSWORD = 'Dnevnik-2026';

/** Benchmarks of each area; a module not written yet is skipped with a note. */
const MODULES: { file: string; exportName: string }[] = [
  { file: './journal.ts', exportName: 'journalBenchmark' },
  { file: './diary.ts', exportName: 'diaryBenchmark' },
  { file: './pdf.ts', exportName: 'pdfBenchmark' },
];

async function loadBenchmarks(): Promise<Benchmark[]> {
  const found: Benchmark[] = [];
  for (const m of MODULES) {
    try {
      const mod = (await import(m.file)) as Record<string, Benchmark>;
      if (mod[m.exportName]) found.push(mod[m.exportName]);
    } catch (error) {
      console.log(`(пропуск ${m.file}: ${(error as Error).message.split('\n')[0]})`);
    }
  }
  return found;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return withDatabaseName(adminUrl, name);
}

async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}

async function prepareDataset(adminUrl: string, name: string, schools: number): Promise<string> {
  const url = await createDatabase(adminUrl, name);
  await applyMigrations(url);
  const { seedDemo } = await import('../../prisma/demo/seed');
  const started = Date.now();
  await seedDemo(url, { schools, poolMax: 8 });
  console.log(`Набор «${name}»: ${schools} шк. создан за ${((Date.now() - started) / 1000).toFixed(0)} с`);
  // A school's database has settled statistics and no pending autovacuum; a freshly generated one
  // has neither, and autovacuum would otherwise run during the first timings and take a core.
  await settle(url);
  return url;
}

async function startApp(databaseUrl: string): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'prisma/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), JOBS_ENABLED: '0', DB_POOL_MAX: '10' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('приложение не запустилось за 10 минут')), 600_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Электронный журнал открыт')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`приложение завершилось с кодом ${code}`)));
  });
  child.stdout!.resume();
  return {
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function printRows(dataset: string, area: string, rows: BenchRow[]) {
  for (const row of rows) {
    const figures = Object.entries(row.figures).map(([k, v]) => `${k}=${v}`).join('  ');
    const target = row.target ? `  [цель: ${row.target} — ${row.met ? 'выполнена' : 'НЕ выполнена'}]` : '';
    console.log(`${dataset.padEnd(10)} ${area.padEnd(8)} ${row.name}: ${figures}${target}`);
  }
}

const server = await startTestDatabaseServer();
const results: { dataset: string; area: string; rows: BenchRow[] }[] = [];
try {
  console.log(`Машина: ${os.cpus().length} ядра, ${(os.totalmem() / 2 ** 30).toFixed(0)} ГиБ, Node ${process.version}`);
  const benchmarks = await loadBenchmarks();
  const datasets: [string, number][] = quick ? [['demo', 1]] : [['demo', 1], ['20 schools', 20]];
  for (const [dataset, schools] of datasets) {
    const databaseUrl = await prepareDataset(server.url, `bench_${schools}`, schools);
    const app = await startApp(databaseUrl);
    try {
      const ctx: BenchContext = { dataset, baseUrl: app.baseUrl, databaseUrl, password: PASSWORD };
      for (const b of benchmarks) {
        const rows = await b.run(ctx);
        printRows(dataset, b.area, rows);
        results.push({ dataset, area: b.area, rows });
      }
    } finally {
      await app.stop();
    }
  }
} finally {
  await server.stop();
}
mkdirSync(path.join(ROOT, 'tests/.output'), { recursive: true });
writeFileSync(path.join(ROOT, 'tests/.output/bench.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
console.log('\nИтоги записаны в tests/.output/bench.json');
