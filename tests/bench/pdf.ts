// Paper extracts (issue 6): one pupil's extract, a class of ~30, and the whole demo school.
//  - Over HTTP from the running app (what a user waits for): median time of each, as the
//    director, streaming the batch to the end.
//  - In a separate Node process running the same data layer and renderer (this file run with
//    --pdf-child): peak memory while it works, to show it does not grow with the pupil count
//    (the batch is streamed; only a few pupils' weeks are held at a time).
// Targets on 2 cores: one extract ≤ 150 ms, a class ≤ 2 s, the whole school ≤ 40 s.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { signInOverHttp } from '../support/http-session';
import { summarize, timeIt } from './stats';
import type { Benchmark, BenchContext, BenchRow } from './types';

const THIS_FILE = fileURLToPath(import.meta.url);

type Targets = { schoolId: number; timeZone: string; printerId: number; classId: number; className: string; studentId: number; pupilsInClass: number; pupilsInSchool: number; week: string };

/** The first school's largest class (a class of ~30), a pupil of it, and last week's Monday. */
async function pickTargets(databaseUrl: string): Promise<Targets> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: [c] } = await client.query(`
      SELECT sc.id, sc.school_id, (SELECT timezone FROM schools WHERE id = sc.school_id) AS time_zone, sc.grade_level || sc.letter AS name, count(e.id)::int AS pupils
        FROM school_classes sc JOIN enrollments e ON e.class_id = sc.id AND e.end_date IS NULL
       WHERE sc.school_id = (SELECT min(id) FROM schools)
       GROUP BY sc.id, sc.school_id ORDER BY count(e.id) DESC, sc.id LIMIT 1`);
    const { rows: [p] } = await client.query('SELECT student_id FROM enrollments WHERE class_id = $1 AND end_date IS NULL ORDER BY student_id LIMIT 1', [c.id]);
    const { rows: [s] } = await client.query('SELECT count(DISTINCT student_id)::int AS n FROM enrollments WHERE school_id = $1 AND end_date IS NULL', [c.school_id]);
    // A person of the school to be recorded as having printed (extract_prints names who printed).
    const { rows: [m] } = await client.query("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'MANAGEMENT' WHERE u.school_id = $1 ORDER BY u.id LIMIT 1", [c.school_id]);
    const today = new Date(Date.now() + 3 * 3_600_000); // Moscow
    const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7) - 7));
    return { schoolId: c.school_id, timeZone: c.time_zone, printerId: m.id, classId: c.id, className: c.name, studentId: p.student_id, pupilsInClass: c.pupils, pupilsInSchool: s.n, week: monday.toISOString().slice(0, 10) };
  } finally {
    await client.end();
  }
}

/** GET a PDF to the last byte; throws unless it is one. */
async function fetchPdf(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok || response.headers.get('content-type') !== 'application/pdf') throw new Error(`${url}: HTTP ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return bytes;
}

type Scenario = 'one' | 'class' | 'school';
type ChildFigures = { median_ms: number; peak_rss_mb: number; live_heap_mb: number; bytes: number };

/**
 * Runs one scenario in a fresh process (react-server condition, as in the app), so each peak is
 * its own and not left over from a previous scenario, and reads its figures.
 */
function measureInChild(ctx: BenchContext, t: Targets, scenario: Scenario): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--conditions=react-server', '--import', 'tsx', THIS_FILE, '--pdf-child', JSON.stringify(t), scenario], {
      env: { ...process.env, DATABASE_URL: ctx.databaseUrl, DB_POOL_MAX: '10', JOBS_ENABLED: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`pdf child exited with ${code}`))));
  });
}

export const pdfBenchmark: Benchmark = {
  area: 'PDF-выписки',
  async run(ctx) {
    const t = await pickTargets(ctx.databaseUrl);
    const cookie = await signInOverHttp(ctx.baseUrl, 'director', ctx.password);
    const one = `${ctx.baseUrl}/api/pdf/extract?studentId=${t.studentId}&week=${t.week}`;
    const cls = `${ctx.baseUrl}/api/pdf/class-extracts?classId=${t.classId}&week=${t.week}&all=1`;
    const school = `${ctx.baseUrl}/api/pdf/class-extracts?classId=school&week=${t.week}&all=1`;

    const oneHttp = summarize(await timeIt(() => fetchPdf(one, cookie), 20, 3));
    const classHttp = summarize(await timeIt(() => fetchPdf(cls, cookie), 5, 1));
    const schoolHttp = summarize(await timeIt(() => fetchPdf(school, cookie), 2, 0));
    const child = {
      one: await measureInChild(ctx, t, 'one'),
      class: await measureInChild(ctx, t, 'class'),
      school: await measureInChild(ctx, t, 'school'),
    };

    const rows: BenchRow[] = [
      { name: `выписка одного ученика, HTTP (${ctx.dataset})`, figures: { ...oneHttp }, target: 'медиана ≤ 150 мс', met: oneHttp.median_ms <= 150 },
      { name: `выписки класса ${t.className}, ${t.pupilsInClass} уч., HTTP`, figures: { ...classHttp }, target: 'медиана ≤ 2000 мс', met: classHttp.median_ms <= 2000 },
      { name: `выписки всей школы, ${t.pupilsInSchool} уч., HTTP`, figures: { ...schoolHttp }, target: 'медиана ≤ 40000 мс', met: schoolHttp.median_ms <= 40_000 },
      { name: 'выписка одного ученика, в процессе: время и пик памяти', figures: child.one },
      { name: `класс ${t.pupilsInClass} уч., в процессе: время и пик памяти`, figures: child.class },
      {
        name: `школа ${t.pupilsInSchool} уч., в процессе: пик памяти не растёт с числом учеников`,
        figures: child.school,
        target: 'живая куча школы ≤ класса + 16 МБ',
        met: child.school.live_heap_mb <= child.class.live_heap_mb + 16,
      },
    ];
    return rows;
  },
};

// ───────────── the child process: the same code paths as the routes, in-process ─────────────

async function childMain(t: Targets, scenario: Scenario) {
  const { systemActor } = await import('../../lib/jobs/system-actor');
  const { loadWeekExtract } = await import('../../lib/data/extracts/week-extract');
  const { planBatch, batchExtracts } = await import('../../lib/data/extracts/class-batch');
  const { renderWeekExtract } = await import('../../lib/pdf/week-extract');
  const { streamExtractBatch } = await import('../../lib/pdf/extract-batch');
  // The school-wide printing right, as someone of the school (each print is recorded under a person).
  const actor = { ...systemActor({ id: t.schoolId, timezone: t.timeZone }), id: t.printerId };
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;

  /**
   * Runs `work` `times` times. Peak RSS is sampled every 10 ms; the live heap (after a full
   * collection, once a second) is what the work really holds — the plain heap peak would mostly
   * count garbage not yet collected.
   */
  async function measure(times: number, work: () => Promise<number>, collectWhileWorking = true): Promise<ChildFigures> {
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
    let rss = 0;
    let live = 0;
    const sample = () => void (rss = Math.max(rss, process.memoryUsage().rss));
    const collect = () => {
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed);
    };
    // A collection pauses everything: not during the short single-extract runs, whose times count.
    const timers = [setInterval(sample, 10), ...(collectWhileWorking ? [setInterval(collect, 1000)] : [])];
    const samples: number[] = [];
    let size = 0;
    for (let i = 0; i < times; i++) {
      const start = performance.now();
      size = await work();
      samples.push(performance.now() - start);
      sample();
    }
    timers.forEach(clearInterval);
    collect();
    return { median_ms: summarize(samples).median_ms, peak_rss_mb: mb(rss), live_heap_mb: mb(live), bytes: size };
  }

  const drain = async (stream: ReadableStream<Uint8Array>) => {
    let bytes = 0;
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    return bytes;
  };
  const batch = async (classId: number | null) => {
    const plan = await planBatch(actor, { classId, week: t.week, all: true });
    if (!plan.ok) throw new Error(plan.error);
    return drain(streamExtractBatch(batchExtracts(plan.plan), { title: 'bench', author: 'bench' }, { duplex: false }));
  };
  const one = async () => {
    const r = await loadWeekExtract(actor, t.studentId, t.week);
    if (!r.ok) throw new Error(r.error);
    return (await renderWeekExtract(r.extract)).length;
  };

  for (let i = 0; i < 3; i++) await one(); // warm-up: fonts parsed, code compiled, pool open
  const figures = scenario === 'one' ? await measure(20, one, false) : scenario === 'class' ? await measure(3, () => batch(t.classId)) : await measure(1, () => batch(null));
  console.log(JSON.stringify(figures));
  const { getDb } = await import('../../lib/db');
  await getDb().$disconnect();
}

if (process.argv[1] === THIS_FILE && process.argv.includes('--pdf-child')) {
  const at = process.argv.indexOf('--pdf-child');
  await childMain(JSON.parse(process.argv[at + 1]) as Targets, process.argv[at + 2] as Scenario);
}
