// Diary benchmark (issue 5): server time of the week view and of the marks page for the demo
// parent, and requests per second of the week view with 50 parent sessions at once, beside the
// same load on the lightest signed-in page (what the framework gives any page on this machine).
// Targets on 2 cores: week view median ≤ 30 ms; ≥ 150 req/s at 50 sessions with p99 ≤ 250 ms.
import pg from 'pg';
import { httpClient } from './http';
import { sessionLoad, type Session } from './load';
import { accessibilityScore } from './lighthouse';
import { summarize, timeIt } from './stats';
import type { Benchmark, BenchContext, BenchRow } from './types';

const SESSIONS = 50;

type Family = { login: string; studentId: number };

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Parents who can sign in, each with one child enrolled now whose diary is open to them; the demo `parent` first. */
async function families(url: string, count: number): Promise<Family[]> {
  return sql<Family>(url, `
    SELECT login, "studentId" FROM (
      SELECT DISTINCT ON (u.id) u.id, u.login, g.student_id AS "studentId"
        FROM users u
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'PARENT'
        JOIN guardianships g ON g.parent_id = u.id
        JOIN enrollments e ON e.student_id = g.student_id AND e.end_date IS NULL
       WHERE u.login IS NOT NULL AND u.password_hash IS NOT NULL AND u.active
         -- A family that refused the electronic diary sees only a notice (lib/data/scope.ts).
         AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.student_id = g.student_id AND c.in_force AND c.decision = 'REFUSED')
       ORDER BY u.id, g.student_id) f
     ORDER BY (login = 'parent') DESC, id
     LIMIT $1`, [count]);
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]);
}

/**
 * Signs in like tests/support/http-session.ts, from a client address of its own: the app allows
 * 30 sign-ins a minute per address, and 50 parents on one machine would otherwise wait a minute.
 */
async function signIn(baseUrl: string, login: string, password: string, address: string): Promise<string> {
  const headers = { 'x-forwarded-for': address };
  for (let attempt = 0; attempt < 2; attempt++) {
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = cookiesOf(csrf);
    const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
      body: new URLSearchParams({ csrfToken, login, password, json: 'true' }),
    });
    const session = cookiesOf(response).find((c) => c.includes('session-token='));
    if (session) return [...jar, session].join('; ');
    // Throttled after all (a proxy that rewrites the address): wait out the minute once.
    await new Promise((r) => setTimeout(r, 61_000));
  }
  throw new Error(`sign-in as ${login} failed`);
}

/** Mondays of the last `n` weeks up to today, so sequential requests do not repeat one week. */
function recentMondays(n: number): string[] {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7)));
  return Array.from({ length: n }, (_, i) => new Date(monday.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10));
}

async function pageTimes(ctx: BenchContext, cookie: string, paths: string[], name: string, target?: number): Promise<BenchRow> {
  let i = 0;
  const client = httpClient(ctx.baseUrl);
  const samples = await timeIt(async () => {
    const res = await client.request(paths[i++ % paths.length], { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
  }, 60, 40).finally(() => client.close()); // 40 untimed first: a running server's steady state (see journal.ts)
  const s = summarize(samples);
  return {
    name,
    figures: { median_ms: s.median_ms, p95_ms: s.p95_ms },
    ...(target ? { target: `медиана ≤ ${target} мс`, met: s.median_ms <= target } : {}),
  };
}

async function throughput(ctx: BenchContext, sessions: Session[]): Promise<BenchRow> {
  const { rps, p50_ms, p99_ms, errors } = await sessionLoad(ctx.baseUrl, sessions);
  return {
    name: `неделя в дневнике, ${sessions.length} сеансов родителей, 20 с`,
    figures: { rps, p50_ms, p99_ms, errors },
    target: '≥ 150 запр./с, p99 ≤ 250 мс',
    met: rps >= 150 && p99_ms <= 250 && errors === 0,
  };
}

/**
 * The same sessions on the lightest signed-in page the app has, the password form: the session
 * and the user are checked, nothing else is read. It is the week view's ceiling on this machine,
 * printed beside it; no target of its own.
 */
async function signedInFloor(ctx: BenchContext, sessions: Session[]): Promise<BenchRow> {
  const figures = await sessionLoad(ctx.baseUrl, sessions.map((s) => ({ cookie: s.cookie, path: '/change-password' })));
  return { name: `для сравнения: смена пароля (только проверка входа), ${sessions.length} сеансов, 20 с`, figures };
}

export const diaryBenchmark: Benchmark = {
  area: 'Дневник',
  async run(ctx) {
    const list = await families(ctx.databaseUrl, SESSIONS);
    if (!list.length) throw new Error('no parent with a child in the dataset');
    const sessions: Session[] = [];
    for (const [i, f] of list.entries()) {
      const cookie = await signIn(ctx.baseUrl, f.login, ctx.password, `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`);
      sessions.push({ cookie, path: `/diary/${f.studentId}` });
    }
    const [first] = list;
    const cookie = sessions[0].cookie;
    const weeks = recentMondays(8).map((m) => `/diary/${first.studentId}?week=${m}`);
    const score = await accessibilityScore(`${ctx.baseUrl}/diary/${first.studentId}`, cookie);
    return [
      {
        name: 'Lighthouse, доступность недели в дневнике (телефон)',
        figures: { score: score ?? 'нет' },
        target: '≥ 95',
        met: score !== null && score >= 95,
      },
      await pageTimes(ctx, cookie, weeks, `неделя в дневнике (${first.login}), последовательно`, 30),
      await pageTimes(ctx, cookie, [`/diary/${first.studentId}/marks`], 'отметки по предметам за четверть, последовательно'),
      await throughput(ctx, sessions),
      await signedInFloor(ctx, sessions),
    ];
  },
};
