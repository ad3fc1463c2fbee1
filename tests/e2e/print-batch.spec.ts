// The class teacher prints the weekly extracts of 7А from the browser: the PDF arrives as a
// download, is a valid PDF, and has one page group per pupil: for a double-sided printer an even
// number of pages each, single-sided (the default) no blank pages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';

function pagesOf(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

async function openPrintPage(page: Page) {
  await signIn(page, 'classteacher');
  const href = await page.getByRole('link', { name: 'Мой класс' }).first().getAttribute('href');
  expect(href).toMatch(/^\/class\/\d+$/);
  await page.goto(`${href}/print`);
  await expect(page.getByRole('heading', { name: 'Бумажные выписки: 7А класс' })).toBeVisible();
}

async function downloadBatch(page: Page, choice: RegExp, file: string, duplex = false) {
  const option = page.getByLabel(choice);
  const count = Number(/\((\d+)\)/.exec((await option.locator('xpath=..').textContent()) ?? '')![1]);
  await option.check();
  if (duplex) await page.getByRole('radio', { name: 'двусторонняя' }).check();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Сформировать PDF' }).click();
  await (await download).saveAs(file);
  await expect(page.getByText(/^Готово: \d+/)).toBeVisible();
  return count;
}

test('a class teacher downloads the class batch for duplex: a valid PDF with an even page group per pupil', async ({ page }, info) => {
  test.setTimeout(180_000);
  await openPrintPage(page);
  const file = info.outputPath('class-7a.pdf');
  const pupils = await downloadBatch(page, /всему классу/, file, true);
  expect(pupils).toBeGreaterThan(20);

  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');

  const pages = pagesOf(file);
  expect(pages).toHaveLength(pageCount(file));
  const starts = pages.flatMap((p, i) => (p.includes('Еженедельная выписка') ? [i] : []));
  expect(starts).toHaveLength(pupils);
  expect(starts[0]).toBe(0);
  const sizes = starts.map((s, k) => (starts[k + 1] ?? pages.length) - s);
  expect(sizes.every((n) => n % 2 === 0)).toBe(true);
  expect(pages.length).toBe(sizes.reduce((a, b) => a + b, 0));
  for (const s of starts) expect(pages[s]).toContain('Класс 7А');
});

test('by default only the families informed on paper are printed', async ({ page }, info) => {
  test.setTimeout(120_000);
  await openPrintPage(page);
  const file = info.outputPath('paper-7a.pdf');
  const pupils = await downloadBatch(page, /на бумажной форме/, file);
  const pages = pagesOf(file);
  const starts = pages.filter((p) => p.includes('Еженедельная выписка'));
  expect(starts).toHaveLength(pupils);
  // Single-sided by default: no blank backs.
  expect(pages.join('')).not.toContain('Оборот листа');
});
