// Accessibility of the staff pages: axe-core on the journal (teacher, director), the class
// teacher's pages and the administration, failing on serious or critical violations. Ids are
// found by following the pages' links, as a person would. Every page is checked before the test
// fails, so one run lists all the violations. With A11Y_SHOTS=<dir> each page is also
// photographed at 1280×800 and 390×844 for a look by eye.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';

// Typed locally and imported by a variable name, as in diary-phone.spec.ts.
type AxeResults = { violations: { id: string; help: string; impact?: string | null; nodes: { target: unknown[] }[] }[] };
type AxeBuilderClass = new (options: { page: Page }) => { withTags(tags: string[]): { analyze(): Promise<AxeResults> } };
const AXE_PACKAGE = '@axe-core/playwright';
const SHOTS = process.env.A11Y_SHOTS;

async function loadAxe(): Promise<AxeBuilderClass | undefined> {
  try {
    return ((await import(AXE_PACKAGE)) as { default: AxeBuilderClass }).default;
  } catch {
    return undefined;
  }
}

/** The href of the first link in the main content matching `selector`, checked against `pattern`. */
async function hrefOf(page: Page, selector: string, pattern: RegExp): Promise<string> {
  const href = await page.locator(`main ${selector}`).first().getAttribute('href');
  expect(href, `a link ${selector} on ${page.url()}`).toMatch(pattern);
  return href!;
}

const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];

async function axeSerious(page: Page, AxeBuilder: AxeBuilderClass): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

/**
 * Opens the page and, on a desktop and on a phone, checks it with axe-core and that the page
 * itself does not scroll sideways (wide tables scroll inside their frame); all softly. If asked,
 * photographs it.
 */
async function check(page: Page, AxeBuilder: AxeBuilderClass, url: string, ready?: (page: Page) => Promise<void>) {
  await page.setViewportSize(VIEWPORTS[0]);
  const response = await page.goto(url);
  expect.soft(response?.status(), `${url} opens`).toBeLessThan(400);
  await expect(page.locator('main h1').first()).toBeVisible();
  if (ready) await ready(page);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    expect.soft(await axeSerious(page, AxeBuilder), `${url} at ${viewport.width}px`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect.soft(overflow, `${url} at ${viewport.width}px scrolls sideways by`).toBeLessThanOrEqual(0);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const name = `${test.info().title.split(':')[0].replace(/\s+/g, '-')}-${url.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '_')}-${viewport.width}.png`;
      // The top of a long page is enough to look at; the whole width shows any sideways overflow.
      const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 2400);
      await page.screenshot({ path: path.join(SHOTS, name), fullPage: true, clip: { x: 0, y: 0, width: viewport.width + Math.max(overflow, 0), height } });
    }
  }
}

const gridReady = async (page: Page) => {
  await expect(page.getByRole('grid')).toBeVisible();
};

test.describe('staff pages have no serious or critical accessibility violations (axe-core)', () => {
  let AxeBuilder: AxeBuilderClass | undefined;
  test.beforeAll(async () => {
    AxeBuilder = await loadAxe();
  });
  test.beforeEach(() => {
    test.skip(!AxeBuilder, '@axe-core/playwright is not installed: add it to devDependencies (npm i -D @axe-core/playwright) to run this check.');
    test.setTimeout(180_000);
  });

  test('teacher: home, course journal, lesson, final marks, change password', async ({ page }) => {
    await signIn(page, 'teacher');
    await check(page, AxeBuilder!, '/journal');
    const course = await hrefOf(page, 'a[href^="/journal/courses/"]', /^\/journal\/courses\/\d+$/);
    await check(page, AxeBuilder!, course, gridReady);
    const lesson = await hrefOf(page, 'thead a[href^="/journal/lessons/"]', /^\/journal\/lessons\/\d+$/);
    const final = await hrefOf(page, `a[href^="${course}/final"]`, /^\/journal\/courses\/\d+\/final/);
    await check(page, AxeBuilder!, lesson);
    await check(page, AxeBuilder!, final);
    await check(page, AxeBuilder!, '/change-password');
  });

  test('director: periods, overdue entries, ГИА results, the day\'s timetable changes and the teaching load', async ({ page }) => {
    await signIn(page, 'director');
    await check(page, AxeBuilder!, '/journal');
    await check(page, AxeBuilder!, '/journal/periods');
    await check(page, AxeBuilder!, '/journal/overdue');
    await check(page, AxeBuilder!, '/journal/exams');
    await check(page, AxeBuilder!, '/admin/timetable');
    await check(page, AxeBuilder!, '/admin/schedule');
    await check(page, AxeBuilder!, '/admin/courses');
    const klass = await hrefOf(page, 'a[href^="/admin/courses?class="]', /^\/admin\/courses\?class=\d+$/);
    await check(page, AxeBuilder!, klass);
  });

  test('class teacher: the class and its pages', async ({ page }) => {
    await signIn(page, 'classteacher');
    const klass = await page.getByRole('link', { name: 'Мой класс' }).first().getAttribute('href');
    expect(klass).toMatch(/^\/class\/\d+$/);
    await check(page, AxeBuilder!, klass!);
    const sections = await page.getByRole('navigation', { name: 'Другие страницы класса' }).getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (const section of ['diary-checks', 'acknowledgements', 'print', 'summary']) expect(sections).toContain(`${klass}/${section}`);
    for (const section of sections) await check(page, AxeBuilder!, section);
  });

  test('administrator: users, roles, import, credentials, the new school year, consents, audit, outbox, calendar, settings', async ({ page }) => {
    await signIn(page, 'admin');
    await check(page, AxeBuilder!, '/admin/users');
    const user = await hrefOf(page, 'a[href^="/admin/users/"]:not([href="/admin/users/new"])', /^\/admin\/users\/\d+$/);
    await check(page, AxeBuilder!, user);
    await check(page, AxeBuilder!, '/admin/users/new');
    await check(page, AxeBuilder!, '/admin/roles');
    await check(page, AxeBuilder!, '/admin/import');
    await check(page, AxeBuilder!, '/admin/credentials');
    await check(page, AxeBuilder!, '/admin/promotion');
    await check(page, AxeBuilder!, '/admin/consents');
    const consent = await page.locator('main a[href^="/admin/consents/"]').first().getAttribute('href');
    if (consent) await check(page, AxeBuilder!, consent);
    await check(page, AxeBuilder!, '/admin/audit');
    await check(page, AxeBuilder!, '/admin/outbox');
    const message = await page.locator('main a[href^="/admin/outbox/"]').first().getAttribute('href');
    if (message) await check(page, AxeBuilder!, message);
    await check(page, AxeBuilder!, '/admin/calendar');
    await check(page, AxeBuilder!, '/admin/settings');
  });
});
