// A teacher fills a column of the journal with the keyboard only (marks, Cyrillic and Latin
// attendance codes), reloads and sees it saved; the parent of one of those pupils then sees the mark.
import { expect, test, type Page } from '@playwright/test';
import { createPrismaClient } from '../../lib/prisma-client';
import { e2eDatabaseUrl } from '../support/e2e-database';
import { signIn, signOut } from './fixtures';

const COURSE = 'Алгебра, 7А';
const SLOT = 9;

/** Today on the school's clock (Moscow, as the demo school). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

async function parentsChildIn7A() {
  const db = createPrismaClient(e2eDatabaseUrl(), 1);
  try {
    const child = await db.user.findFirstOrThrow({
      where: { guardians: { some: { parent: { login: 'parent' } } }, enrollments: { some: { endDate: null, schoolClass: { gradeLevel: 7, letter: 'А' } } } },
      select: { id: true, lastName: true, firstName: true },
    });
    return { id: child.id, name: `${child.lastName} ${child.firstName}` };
  } finally {
    await db.$disconnect();
  }
}

const cell = (page: Page, row: number, col: number) => page.locator(`td[data-row="${row}"][data-col="${col}"]`);

test('a teacher types a column of marks and codes with the keyboard; the parent sees the mark', async ({ page }) => {
  const child = await parentsChildIn7A();
  const date = today();

  await signIn(page, 'teacher');
  await page.locator('a[href^="/journal/courses/"]', { hasText: COURSE }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: COURSE })).toBeVisible();
  const courseUrl = page.url();

  // A fresh lesson today, so the column starts empty.
  await page.getByLabel('Дата').fill(date);
  await page.getByLabel('Урок №').fill(String(SLOT));
  await page.getByRole('button', { name: 'Добавить урок' }).click();
  await expect(page).toHaveURL(/\/journal\/lessons\/\d+$/);
  const lessonId = Number(page.url().split('/').pop());
  await page.goto(courseUrl);
  // The grid is rendered in the browser once the page has loaded; wait for it, not the placeholder.
  await expect(page.getByRole('grid')).toBeVisible();

  const headers = page.locator('thead th a[href^="/journal/lessons/"]');
  const hrefs = await headers.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const col = hrefs.indexOf(`/journal/lessons/${lessonId}`);
  expect(col).toBeGreaterThanOrEqual(0);
  const names = await page.locator('tbody th[scope="row"]').allInnerTexts();
  const childRow = names.findIndex((n) => n.includes(child.name));
  expect(childRow).toBeGreaterThanOrEqual(0);

  // Five rows downwards from a start that includes the parent's child, who gets a «5».
  const start = Math.max(0, Math.min(childRow, names.length - 5));
  // Codes as typed with the English layout on (n, b, op); the browser cannot emulate a Russian
  // layout's key events, and the Cyrillic letters take the same path (unit-tested in journal-grid).
  const typed = ['4', 'n', '3', 'b', 'op'];
  typed[childRow - start] = '5';
  const shown: Record<string, string> = { n: 'Н', b: 'Б', op: 'ОП' };

  // The journal opens on the latest lesson held, today's, not on the quarter's first column.
  const current = page.locator('td[role="gridcell"][tabindex="0"]');
  await expect(current).toHaveAttribute('data-col', String(col));
  await expect(current).toBeInViewport();
  // Keyboard only from here: focus enters the grid at its current cell, arrows walk to the start.
  await current.focus();
  for (let i = 0; i < start; i++) await page.keyboard.press('ArrowDown');
  const expected: { row: number; text: string }[] = [];
  for (const [i, t] of typed.entries()) {
    const row = start + i;
    if ((await cell(page, row, col).getAttribute('aria-readonly')) === null) expected.push({ row, text: shown[t] ?? t });
    await page.keyboard.type(t);
    await page.keyboard.press('Enter');
  }
  expect(expected.find((e) => e.row === childRow)?.text).toBe('5');
  await expect(page.locator('td[aria-label*="сохраняется"]')).toHaveCount(0);
  await expect(page.locator('td[aria-label*="ошибка"], td[aria-label*="конфликт"]')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('grid')).toBeVisible();
  for (const e of expected) await expect(cell(page, e.row, col)).toHaveText(e.text);

  // The family's side: the mark is stored for the child and the parent's diary shows it.
  const db = createPrismaClient(e2eDatabaseUrl(), 1);
  try {
    const mark = await db.mark.findFirstOrThrow({ where: { lessonId, studentId: child.id }, select: { value: true, student: { select: { guardians: { select: { parent: { select: { login: true } } } } } } } });
    expect(mark.value).toBe('5');
    expect(mark.student.guardians.map((g) => g.parent.login)).toContain('parent');
  } finally {
    await db.$disconnect();
  }
  await signOut(page);
  await signIn(page, 'parent');
  await page.goto(`/diary/${child.id}?week=${date}`);
  await expect(page.locator(`section[aria-labelledby="day-${date}"]`)).toContainText('5');
});
