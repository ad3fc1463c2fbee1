// The summary sheet as printed, without a database: its layout with a long class, long names and
// pupils who left or came, read back with pdftotext (poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classStatistics } from '../../lib/domain/statistics';
import { cellResult, type SummaryCell, type SummaryPupil, type SummarySheet } from '../../lib/pdf/summary-model';
import { renderSummarySheet } from '../../lib/pdf/summary-sheet';

const dir = mkdtempSync(path.join(tmpdir(), 'pdf-summary-'));
let files = 0;

function pagesOf(pdf: Buffer): string[] {
  const file = path.join(dir, `${++files}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

const SUBJECTS = ['Математика', 'Русский язык', 'Литература'];

function sheet(pupils: Omit<SummaryPupil, 'cells'>[]): SummarySheet {
  const withCells = pupils.map((p, i) => ({ ...p, cells: SUBJECTS.map((): SummaryCell => ({ kind: 'value', text: String(3 + (i % 3)), draft: false })) }));
  return {
    schoolName: 'МБОУ «СОШ № 1»', classId: 1, className: '7А', classTeacherName: 'Герасимова Алла Владимировна', yearLabel: '2026/2027',
    period: { id: 1, name: '1 четверть', kind: 'TERM', startDate: '2026-09-01', endDate: '2026-10-25' }, periods: [],
    subjects: SUBJECTS.map((name, s) => ({ subjectId: s, name, fivePoint: true, statistics: classStatistics(withCells.map((p) => cellResult(p.cells[s])!)) })),
    pupils: withCells, generatedOn: '2026-10-30',
  };
}

const pupil = (i: number, name = `Ученик${i} Пётр Иванович`, note: string | null = null) => ({ id: i, name, note });

describe('the summary sheet PDF', () => {
  it('repeats the subject heads over the statistics when a long class pushes them onto the next sheet', async () => {
    const pages = pagesOf(await renderSummarySheet(sheet(Array.from({ length: 45 }, (_, i) => pupil(i)))));
    expect(pages).toHaveLength(2);
    expect(pages[0]).not.toContain('Успеваемость');
    expect(pages[1]).toContain('Успеваемость, %');
    for (const subject of SUBJECTS) expect(pages[1]).toContain(subject);
  });

  it('prints a long double-barrelled name and the «выбыл(а)» / «прибыл(а)» dates in full, the row growing to hold them', async () => {
    const long = 'Салтыкова-Щедрина Александра-Виктория Константиновна';
    const pupils = [pupil(0), pupil(1, long, 'прибыл(а) 01.10.2026'), pupil(2, 'Ан Ли', 'выбыл(а) 12.10.2026'), pupil(3, 'Иванов-Петров Константин Александрович', 'выбыл(а) 12.10.2026'), pupil(4)];
    const [page] = pagesOf(await renderSummarySheet(sheet(pupils)));
    // Layout mode sets the row's marks level with its middle line; the name's lines read in order.
    const text = page.replace(/\s+/g, ' ').replace(/ [345](?= )/g, '').replace(/- /g, '-');
    for (const expected of [long, 'прибыл(а) 01.10.2026', 'Ан Ли выбыл(а) 12.10.2026', 'Иванов-Петров Константин Александрович выбыл(а) 12.10.2026']) expect(text).toContain(expected);
    // The marks of each pupil stay on that pupil's line.
    expect(page).toMatch(/Ан Ли\s+выбыл\(а\) 12\.10\.2026\s+5\s+5\s+5/);
  });

  it('declares its language as Russian, for screen readers', async () => {
    const pdf = (await renderSummarySheet(sheet([pupil(0)]))).toString('latin1');
    expect(pdf).toContain('/Lang (ru-RU)');
  });
});
