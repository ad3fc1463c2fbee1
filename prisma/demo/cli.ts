// npx tsx prisma/demo/cli.ts [--schools N] [--today YYYY-MM-DD] [--concurrency N]
// Fills the (empty, migrated) database at DATABASE_URL with demo schools. Progress goes to stderr:
// one redrawn line on a terminal, plain lines otherwise; the row counts go to stdout.
import { isIsoDate } from '../../lib/domain/calendar';
import { DEMO_ACCOUNTS } from './accounts';
import { DatabaseNotEmptyError, seedDemo, type MainCounts } from './seed';

const LABELS: Record<keyof MainCounts, string> = {
  schools: 'Школы',
  users: 'Пользователи',
  classes: 'Классы',
  pupils: 'Ученики',
  parents: 'Родители',
  teachers: 'Учителя',
  courses: 'Курсы (нагрузка)',
  lessons: 'Уроки',
  marks: 'Отметки',
  attendance: 'Пропуски и опоздания',
  homework: 'Домашние задания',
  finalMarks: 'Итоговые отметки',
  timetableEntries: 'Расписание (ячейки)',
  timetableChanges: 'Изменения расписания',
};

const USAGE = 'Использование: npx tsx prisma/demo/cli.ts [--schools N] [--today ГГГГ-ММ-ДД] [--concurrency N]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]) {
  const out: { schools: number; today?: string; concurrency?: number } = { schools: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i] ?? fail(`Не указано значение для ${flag}.\n${USAGE}`);
    if (flag === '--schools') {
      out.schools = Number(value());
      if (!Number.isInteger(out.schools) || out.schools < 1 || out.schools > 500) fail('--schools: нужно целое число от 1 до 500.');
    } else if (flag === '--today') {
      out.today = value();
      if (!isIsoDate(out.today)) fail('--today: нужна дата в формате ГГГГ-ММ-ДД, например 2026-11-23.');
    } else if (flag === '--concurrency') {
      out.concurrency = Number(value());
      if (!Number.isInteger(out.concurrency) || out.concurrency < 1) fail('--concurrency: нужно целое число не меньше 1.');
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\nБаза берётся из DATABASE_URL; пул соединений — DB_POOL_MAX (по умолчанию 1 для встроенной PGlite, 4 для PostgreSQL).\n`);
      process.exit(0);
    } else fail(`Неизвестный параметр: ${argv[i]}\n${USAGE}`);
  }
  return out;
}

function progressPrinter() {
  const tty = Boolean(process.stderr.isTTY);
  let lastStep = '';
  let lastDraw = 0;
  const printed = new Set<string>();
  const started = Date.now();
  return {
    update(step: string, done: number, total: number) {
      if (tty) {
        const now = Date.now();
        if (step === lastStep && done < total && now - lastDraw < 80) return;
        lastDraw = now;
        lastStep = step;
        const width = 24;
        const share = total > 0 ? Math.min(1, done / total) : 1;
        const filled = Math.round(share * width);
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
        const secs = ((now - started) / 1000).toFixed(0);
        const line = `[${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${step}${total > 1 ? ` ${done.toLocaleString('ru-RU')}/${total.toLocaleString('ru-RU')}` : ''}  ${secs} с`;
        const cols = process.stderr.columns || 100;
        process.stderr.write(`\r\x1b[2K${line.slice(0, cols - 1)}`);
      } else if (!printed.has(step)) {
        printed.add(step);
        process.stderr.write(`${step}…${total > 1 ? ` (${total.toLocaleString('ru-RU')})` : ''}\n`);
      }
    },
    finish() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) fail('Не задана переменная окружения DATABASE_URL (адрес базы postgresql://…). Пример:\n  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx prisma/demo/cli.ts');
  // DB_POOL_MAX when set; otherwise seedDemo picks 1 for the embedded PGlite and 4 for PostgreSQL.
  const poolMax = process.env.DB_POOL_MAX ? Number(process.env.DB_POOL_MAX) : undefined;
  const progress = progressPrinter();
  try {
    const result = await seedDemo(url, { schools: args.schools, today: args.today, poolMax, concurrency: args.concurrency, onProgress: progress.update });
    progress.finish();
    const rows = (Object.keys(LABELS) as (keyof MainCounts)[]).map((k) => [LABELS[k], result.counts[k].toLocaleString('ru-RU')]);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    const line = `+${'-'.repeat(w0 + 2)}+${'-'.repeat(w1 + 2)}+`;
    const out = [
      `Демо-данные загружены за ${(result.elapsedMs / 1000).toFixed(1)} с (школ: ${args.schools}, «сегодня» = ${result.today}).`,
      line,
      `| ${'Таблица'.padEnd(w0)} | ${'Строк'.padStart(w1)} |`,
      line,
      ...rows.map(([a, b]) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} |`),
      line,
      'Демо-входы (пароль у всех пользователей один и тот же):',
      ...DEMO_ACCOUNTS.map((a) => `  ${a.login.padEnd(13)} ${a.password}  ${a.description}`),
      args.schools > 1 ? '  В школах 2…N те же входы с префиксом: s2.admin, s2.teacher…' : '',
    ].filter(Boolean);
    process.stdout.write(`${out.join('\n')}\n`);
  } catch (error) {
    progress.finish();
    if (error instanceof DatabaseNotEmptyError) fail(error.message);
    const code = (error as { code?: string }).code;
    const text = error instanceof Error ? error.message : String(error);
    if (code === 'P2021' || /(table|relation) \S+ does not exist/i.test(text)) fail(`В базе нет таблиц приложения: сначала примените миграции (npx tsx prisma/tools/migrate.ts).\n${text}`);
    if (/Can't reach database|ECONNREFUSED|ENOTFOUND|authentication failed|database \S+ does not exist|connect/i.test(text)) {
      fail(`Не удалось подключиться к базе по DATABASE_URL: ${text.split('\n').filter(Boolean).pop()}`);
    }
    fail(`Ошибка при загрузке демо-данных: ${error instanceof Error ? (error.stack ?? text) : text}`);
  }
}

await main();
