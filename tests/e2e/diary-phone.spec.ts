// The family's diary on a phone (390×844): the demo parent switches child, pages through weeks,
// opens a subject's marks and acknowledges final marks with a message; the class teacher sees it.
// Accessibility: axe-core on the diary pages (skipped, saying why, if @axe-core/playwright is absent).
import { expect, test, type Page } from '@playwright/test';
import { createPrismaClient } from '../../lib/prisma-client';
import { e2eDatabaseUrl } from '../support/e2e-database';
import { signIn } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

type DemoFamily = { parentId: number; child7a: { id: number; firstName: string; classId: number }; other: { id: number; firstName: string }; periodId: number; periodName: string };

/** The demo parent's children and the latest period with visible final marks of the 7А child; earlier acknowledgements removed. */
async function demoFamily(): Promise<DemoFamily> {
  const db = createPrismaClient(e2eDatabaseUrl(), 1);
  try {
    const parent = await db.user.findUniqueOrThrow({ where: { login: 'parent' }, select: { id: true } });
    const children = await db.user.findMany({
      where: { guardians: { some: { parentId: parent.id } } },
      select: { id: true, firstName: true, enrollments: { where: { endDate: null }, select: { schoolClass: { select: { id: true, gradeLevel: true, letter: true } } } } },
    });
    const inClass = (c: (typeof children)[number]) => c.enrollments[0]?.schoolClass;
    const child7a = children.find((c) => inClass(c)?.gradeLevel === 7 && inClass(c)?.letter === 'А')!;
    const other = children.find((c) => c.id !== child7a.id)!;
    const final = await db.finalMark.findFirstOrThrow({
      where: { studentId: child7a.id, status: 'PUBLISHED', visibleFrom: { lte: new Date() }, period: { kind: 'TERM' } },
      orderBy: { period: { startDate: 'desc' } },
      select: { period: { select: { id: true, name: true } } },
    });
    // The demo families have acknowledged earlier periods; start this period afresh.
    const acks = await db.finalMarkAck.findMany({ where: { parentId: parent.id, studentId: child7a.id, periodId: final.period.id }, select: { id: true, messageId: true } });
    await db.finalMarkAck.deleteMany({ where: { id: { in: acks.map((a) => a.id) } } });
    await db.message.deleteMany({ where: { id: { in: acks.map((a) => a.messageId).filter((id): id is number => id !== null) } } });
    return {
      parentId: parent.id,
      child7a: { id: child7a.id, firstName: child7a.firstName, classId: inClass(child7a)!.id },
      other: { id: other.id, firstName: other.firstName },
      periodId: final.period.id,
      periodName: final.period.name,
    };
  } finally {
    await db.$disconnect();
  }
}

const weekHeading = (page: Page) => page.getByRole('heading', { level: 2, name: /^Неделя:/ });

test('a parent reads the diary on a phone and acknowledges final marks; the class teacher sees it', async ({ page, browser }) => {
  const family = await demoFamily();
  const message = `Ознакомлены с итогами, спасибо! (${Date.now()})`;

  await signIn(page, 'parent');
  await expect(page).toHaveURL(/\/diary$/);
  await page.getByRole('link', { name: new RegExp(family.child7a.firstName) }).click();
  await expect(page).toHaveURL(new RegExp(`/diary/${family.child7a.id}$`));
  await expect(weekHeading(page)).toBeVisible();
  await page.screenshot({ path: 'tests/.output/playwright/diary-week-390.png', fullPage: false });

  // Switch child and back, with the switcher at the top of the page.
  const switcher = page.getByRole('navigation', { name: 'Выбор ребёнка' });
  await switcher.getByRole('link', { name: new RegExp(family.other.firstName) }).click();
  await expect(page).toHaveURL(new RegExp(`/diary/${family.other.id}`));
  await expect(switcher.getByRole('link', { name: new RegExp(family.other.firstName) })).toHaveAttribute('aria-current', 'page');
  await switcher.getByRole('link', { name: new RegExp(family.child7a.firstName) }).click();
  await expect(page).toHaveURL(new RegExp(`/diary/${family.child7a.id}`));

  // Page through weeks; the week lives in the URL, so Back returns to it.
  const thisWeek = await weekHeading(page).textContent();
  await page.getByRole('link', { name: 'Предыдущая неделя' }).first().click();
  await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
  await expect(weekHeading(page)).not.toHaveText(thisWeek!);
  const previousWeek = await weekHeading(page).textContent();
  await page.getByRole('link', { name: 'Предыдущая неделя' }).first().click();
  await expect(weekHeading(page)).not.toHaveText(previousWeek!);
  await page.goBack();
  await expect(weekHeading(page)).toHaveText(previousWeek!);
  await page.getByRole('link', { name: 'Сегодня' }).first().click();
  await expect(weekHeading(page)).toHaveText(thisWeek!);
  await expect(page.getByText('Текущая неделя').first()).toBeVisible();

  // A subject's marks with the forecast explained.
  await page.getByRole('navigation', { name: 'Разделы дневника' }).getByRole('link', { name: 'Отметки' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Отметки:/ })).toBeVisible();
  await page.getByRole('list', { name: 'Предметы' }).getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/diary/${family.child7a.id}/marks/\\d+`));
  await expect(page.getByRole('heading', { name: 'Все отметки' })).toBeVisible();
  await expect(page.getByTestId('forecast-explanation')).toContainText('средневзвешенный балл');

  // Final results: acknowledge the period with a message to the class teacher.
  await page.getByRole('navigation', { name: 'Разделы дневника' }).getByRole('link', { name: 'Итоги' }).click();
  await expect(page.getByRole('heading', { name: 'Итоговые отметки' })).toBeVisible();
  const block = page.getByTestId(`ack-${family.periodId}`);
  await block.getByLabel(/Сообщение классному руководителю/).fill(message);
  await block.getByRole('button', { name: new RegExp(`Ознакомлен\\(а\\) с итогами: ${family.periodName}`) }).click();
  // The page refreshes with the acknowledgement in place of the form, and keeps it on reload.
  await expect(block).toContainText('Ознакомлен(а): вы');
  await expect(block).toContainText(message);
  await expect(block.getByRole('button')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`ack-${family.periodId}`)).toContainText(message);

  // The class teacher sees the acknowledgement with its message.
  const teacher = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(teacher, 'classteacher');
  await teacher.goto(`/class/${family.child7a.classId}/acknowledgements?period=${family.periodId}`);
  const row = teacher.getByTestId(`ack-row-${family.child7a.id}`);
  await expect(row).toContainText(message);
  await expect(row).toContainText('✓');
  await teacher.goto(`/class/${family.child7a.classId}/diary-checks`);
  await expect(teacher.getByRole('heading', { level: 1 })).toContainText('проверка дневников');
  await teacher.close();
});

// Typed locally and imported by a variable name, so this file compiles even without the package.
type AxeResults = { violations: { id: string; help: string; impact?: string | null; nodes: unknown[] }[] };
type AxeBuilderClass = new (options: { page: Page }) => { withTags(tags: string[]): { analyze(): Promise<AxeResults> } };
const AXE_PACKAGE = '@axe-core/playwright';

test('the diary pages have no serious or critical accessibility violations (axe-core)', async ({ page }) => {
  let AxeBuilder: AxeBuilderClass | undefined;
  try {
    AxeBuilder = ((await import(AXE_PACKAGE)) as { default: AxeBuilderClass }).default;
  } catch {
    AxeBuilder = undefined;
  }
  test.skip(!AxeBuilder, '@axe-core/playwright is not installed: add it to devDependencies (npm i -D @axe-core/playwright) to run this check.');
  const family = await demoFamily();
  await signIn(page, 'parent');
  const pages = [
    `/diary/${family.child7a.id}`,
    `/diary/${family.child7a.id}/marks`,
    `/diary/${family.child7a.id}/results`,
    `/diary/${family.child7a.id}/schedule`,
  ];
  await page.goto(`/diary/${family.child7a.id}/marks`);
  const firstSubject = await page.getByRole('list', { name: 'Предметы' }).getByRole('link').first().getAttribute('href');
  if (firstSubject) pages.push(firstSubject);
  for (const path of pages) {
    await page.goto(path);
    const result = await new AxeBuilder!({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), path).toEqual([]);
  }
});
