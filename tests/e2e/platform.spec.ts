// The server started as the README says answers, and each demo account reaches its first page.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, signOut } from './fixtures';

test('an anonymous visitor is sent to the Russian sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Электронный журнал' })).toBeVisible();
  await expect(page.getByLabel('Логин')).toBeVisible();
  await expect(page.getByLabel('Пароль')).toBeVisible();
});

test('a wrong password gets one generic message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Логин').fill('teacher');
  await page.getByLabel('Пароль').fill('not-the-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.locator('#login-error')).toHaveText('Неверный логин или пароль.');
});

const homes: [string, RegExp, string][] = [
  ['admin', /\/admin\/users/, 'Пользователи'],
  ['director', /\/journal/, 'Сегодня'],
  ['teacher', /\/journal/, 'Сегодня'],
  ['classteacher', /\/journal/, 'Сегодня'],
  ['parent', /\/diary/, 'Дневник'],
  ['pupil', /\/diary/, ''],
];

for (const [login, url, heading] of homes) {
  test(`demo account «${login}» signs in and reaches its page`, async ({ page }) => {
    await signIn(page, login);
    await expect(page).toHaveURL(url);
    if (heading) await expect(page.getByRole('heading', { name: heading, exact: true }).first()).toBeVisible();
    await signOut(page);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });
}

test('a skipped proxy does not open the data: x-middleware-subrequest changes nothing', async ({ request }) => {
  for (const path of ['/admin/users', '/journal', '/diary', '/admin/audit']) {
    const response = await request.get(path, {
      headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware' },
      maxRedirects: 0,
    });
    expect(response.status(), path).toBeGreaterThanOrEqual(300);
    expect(response.status(), path).toBeLessThan(400);
    expect(response.headers()['location'], path).toContain('/login');
  }
});

test('an administrator creates a teacher who then signs in, changes the password and leads the class', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users/new');
  await page.getByLabel('Фамилия').fill('Соколова');
  await page.getByLabel('Имя', { exact: true }).fill('Вера');
  await page.getByLabel('Отчество').fill('Павловна');
  await page.getByLabel('Учитель', { exact: true }).check();
  await page.getByLabel('Классное руководство').selectOption({ label: '5Б' });
  await page.getByRole('button', { name: 'Создать' }).click();
  const login = (await page.getByTestId('issued-login').textContent())!.trim();
  const password = (await page.getByTestId('issued-password').textContent())!.trim();
  expect(login).toMatch(/^sokolova\.v/);

  const context = await browser.newContext();
  const teacher = await context.newPage();
  await signIn(teacher, login, password);
  await expect(teacher).toHaveURL(/\/change-password/);
  await teacher.getByLabel('Текущий пароль').fill(password);
  await teacher.getByLabel('Новый пароль', { exact: true }).fill('Sokolova-Vera-2026');
  await teacher.getByLabel('Повторите новый пароль').fill('Sokolova-Vera-2026');
  await teacher.getByRole('button', { name: 'Сменить пароль' }).click();
  await teacher.getByRole('button', { name: 'Войти снова' }).click();
  // The button signs out and then leaves for the sign-in page itself; going there before it has
  // would race that navigation.
  await expect(teacher).toHaveURL(/\/login/);
  await signIn(teacher, login, 'Sokolova-Vera-2026');
  await expect(teacher).toHaveURL(/\/journal/);
  await expect(teacher.getByRole('link', { name: 'Мой класс' })).toBeVisible();
  await context.close();
  expect(DEMO_PASSWORD).not.toBe('Sokolova-Vera-2026');
});

test('a parent sees only their own children', async ({ page }) => {
  await signIn(page, 'parent');
  await page.goto('/diary');
  const children = page.getByRole('main').getByRole('link');
  await expect(children).toHaveCount(2);
  const hrefs = await children.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
  // Another pupil's diary: the id next to the parent's children is someone else's child.
  const ids = hrefs.map((h) => Number(h!.split('/')[2]));
  const stranger = Math.max(...ids) + 1;
  const response = await page.goto(`/diary/${stranger}`);
  expect([403, 404]).toContain(response!.status());
});

// «Выйти» is a form posting to next-auth, so it works before the page's script has loaded (a slow
// phone) and without it. These run with scripts off; signing in uses next-auth's endpoints directly,
// as the sign-in form needs the script.
test.describe('signing out without the page script', () => {
  test.use({ javaScriptEnabled: false });

  async function signInDirectly(page: Page) {
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login: 'teacher', password: DEMO_PASSWORD, json: 'true' } });
    const session = (await page.context().cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
    expect(session, 'signed in').toBeTruthy();
    return session!;
  }

  test('«Выйти» signs out, and the old session cookie opens nothing', async ({ page }) => {
    const session = await signInDirectly(page);
    await page.goto('/journal');
    await expect(page.getByRole('heading', { name: 'Сегодня', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expect(page).toHaveURL(/\/login/);
    // The session ended on the server, not only in this browser: a copy of the cookie is refused.
    await page.context().addCookies([session]);
    await page.goto('/journal');
    await expect(page).toHaveURL(/\/login/);
  });

  test('without the CSRF cookie, one more press on a Russian page signs out', async ({ page }) => {
    await signInDirectly(page);
    await page.context().clearCookies({ name: /csrf-token/ });
    await page.goto('/journal');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expect(page).toHaveURL(/\/logout/);
    await expect(page.getByRole('heading', { name: 'Выйти из журнала?' })).toBeVisible();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/journal');
    await expect(page).toHaveURL(/\/login/);
  });
});
