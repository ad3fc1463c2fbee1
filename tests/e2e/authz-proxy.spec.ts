// Access over real HTTP, with and without the header that once let a request skip Next.js
// middleware (x-middleware-subrequest, CVE-2025-29927): whatever proxy.ts does or does not do,
// an anonymous request for a protected page or PDF is sent to /login or refused (401/403), and
// the demo parent asking for another child's diary or another class's PDF gets 403/404.
// The directly-called matrix of every entry point: tests/integration/authz-matrix*.test.ts.
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { createPrismaClient } from '../../lib/prisma-client';
import { e2eDatabaseUrl } from '../support/e2e-database';
import { signIn } from './fixtures';

const HEADER_CASES: { name: string; headers: Record<string, string> }[] = [
  { name: 'no extra header', headers: {} },
  { name: 'x-middleware-subrequest: proxy×5', headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' } },
  { name: 'x-middleware-subrequest: middleware×5', headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' } },
];

type DemoIds = {
  ownChild: { id: number; firstName: string };
  otherChild: number;
  otherClass: number;
  courseId: number;
  lessonId: number;
  classId: number;
};

/** Ids from the demo school: the parent's child, a pupil and a class that are not the parent's, a course and a lesson. */
async function demoIds(): Promise<DemoIds> {
  const db = createPrismaClient(e2eDatabaseUrl(), 1);
  try {
    const parent = await db.user.findUniqueOrThrow({ where: { login: 'parent' }, select: { id: true, schoolId: true } });
    const children = await db.user.findMany({
      where: { guardians: { some: { parentId: parent.id } } },
      select: { id: true, firstName: true, enrollments: { select: { classId: true } } },
      orderBy: { id: 'asc' },
    });
    const ownIds = children.map((c) => c.id);
    const ownClasses = children.flatMap((c) => c.enrollments.map((e) => e.classId));
    const otherChild = await db.user.findFirstOrThrow({
      where: { schoolId: parent.schoolId, id: { notIn: ownIds }, roles: { some: { role: 'STUDENT' } }, enrollments: { some: {} } },
      select: { id: true },
    });
    const otherClass = await db.schoolClass.findFirstOrThrow({ where: { schoolId: parent.schoolId, id: { notIn: ownClasses } }, select: { id: true } });
    const lesson = await db.lesson.findFirstOrThrow({ where: { schoolId: parent.schoolId }, select: { id: true, courseId: true } });
    return {
      ownChild: { id: children[0].id, firstName: children[0].firstName },
      otherChild: otherChild.id,
      otherClass: otherClass.id,
      courseId: lesson.courseId,
      lessonId: lesson.id,
      classId: ownClasses[0],
    };
  } finally {
    await db.$disconnect();
  }
}

let ids: DemoIds;
test.beforeAll(async () => {
  ids = await demoIds();
});

/** Sent to the sign-in page, or refused with 401/403 — and never a page or a PDF. */
async function expectKeptOut(response: APIResponse, what: string) {
  const status = response.status();
  const location = response.headers()['location'] ?? '';
  const redirectedToLogin = status >= 300 && status < 400 && /^(https?:\/\/[^/]+)?\/login(\?|$)/.test(location);
  expect(redirectedToLogin || status === 401 || status === 403, `${what}: HTTP ${status}${location ? ` → ${location}` : ''}`).toBe(true);
  const body = await response.body();
  expect(body.subarray(0, 5).toString('latin1'), `${what}: a PDF was sent`).not.toBe('%PDF-');
}

const protectedPages = (i: DemoIds) => [
  '/', '/journal', '/journal/periods', `/journal/courses/${i.courseId}`, `/journal/courses/${i.courseId}/final`, `/journal/lessons/${i.lessonId}`,
  `/class/${i.classId}`, `/class/${i.classId}/print`, `/class/${i.classId}/summary`, `/class/${i.classId}/diary-checks`,
  '/diary', `/diary/${i.ownChild.id}`, `/diary/${i.ownChild.id}/marks`, `/diary/${i.ownChild.id}/results`, `/diary/${i.ownChild.id}/schedule`,
  '/admin/users', '/admin/users/new', '/admin/audit', '/admin/consents', '/admin/credentials', '/admin/import', '/admin/outbox', '/admin/roles', '/admin/calendar', '/admin/settings',
  '/office', '/office/notes', '/change-password',
];

const pdfRoutes = (i: DemoIds) => [
  `/api/pdf/extract?studentId=${i.ownChild.id}`,
  `/api/pdf/class-extracts?classId=${i.classId}&all=1`,
  '/api/pdf/class-extracts?all=1',
  `/api/pdf/summary-sheet?classId=${i.classId}`,
  '/admin/import/template',
];

async function get(request: APIRequestContext, path: string, headers: Record<string, string>) {
  return request.get(path, { headers, maxRedirects: 0 });
}

for (const { name, headers } of HEADER_CASES) {
  test.describe(`anonymous, ${name}`, () => {
    test('protected pages redirect to /login', async ({ request }) => {
      for (const path of protectedPages(ids)) await expectKeptOut(await get(request, path, headers), `GET ${path}`);
    });

    test('PDF and file routes answer 401/403 or redirect to /login', async ({ request }) => {
      for (const path of pdfRoutes(ids)) await expectKeptOut(await get(request, path, headers), `GET ${path}`);
      const post = await request.post('/api/pdf/credentials', {
        headers, maxRedirects: 0, form: { classId: String(ids.classId), audience: 'BOTH', mode: 'MISSING' },
      });
      await expectKeptOut(post, 'POST /api/pdf/credentials');
    });
  });

  test(`the demo parent cannot open another child's diary or another class's PDF (${name})`, async ({ page }) => {
    await signIn(page, 'parent');
    const as = (path: string) => get(page.request, path, headers);

    // The control: the same session does reach the parent's own child.
    const own = await as(`/diary/${ids.ownChild.id}`);
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain(ids.ownChild.firstName);
    expect((await as(`/api/pdf/extract?studentId=${ids.ownChild.id}`)).status()).toBe(200);

    for (const path of [`/diary/${ids.otherChild}`, `/diary/${ids.otherChild}/marks`, `/diary/${ids.otherChild}/results`, `/diary/${ids.otherChild}/schedule`]) {
      expect((await as(path)).status(), `GET ${path}`).toBe(404);
    }
    for (const path of [
      `/api/pdf/extract?studentId=${ids.otherChild}`,
      `/api/pdf/class-extracts?classId=${ids.otherClass}&all=1`,
      `/api/pdf/summary-sheet?classId=${ids.otherClass}`,
      '/api/pdf/class-extracts?all=1',
    ]) {
      const response = await as(path);
      expect([403, 404], `GET ${path}: HTTP ${response.status()}`).toContain(response.status());
      expect((await response.body()).subarray(0, 5).toString('latin1')).not.toBe('%PDF-');
    }
  });
}
