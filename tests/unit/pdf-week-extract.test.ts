// The weekly extract as printed: its text read back with pdftotext (poppler-utils), the page
// count of a week that does not fit one page, and a streamed batch of several pupils printed
// single- or double-sided.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractLesson, WeekExtract } from '../../lib/pdf/extract-model';
import { renderWeekExtract } from '../../lib/pdf/week-extract';
import { collectStream, streamExtractBatch } from '../../lib/pdf/extract-batch';
import { countPupilMarkers } from '../../app/(journal)/class/[classId]/print/progress';

const dir = mkdtempSync(path.join(tmpdir(), 'pdf-extract-'));
let files = 0;

/** Text of each page (pdftotext -layout, or -raw for drawing order, pages split at form feeds). */
function pagesOf(pdf: Buffer, mode: '-layout' | '-raw' = '-layout'): string[] {
  const file = path.join(dir, `${++files}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [mode, file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

function pageCount(pdf: Buffer): number {
  const file = path.join(dir, `${++files}.pdf`);
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

const lesson = (slot: number, over: Partial<ExtractLesson> = {}): ExtractLesson => ({
  slot, subject: 'Алгебра', topic: 'Формулы сокращённого умножения', plannedTest: false, homeworkDue: [], homework: ['№ 512, 514'], marks: [],
  attendance: null, attendanceComment: null, change: null, room: null, ...over,
});

function extract(name: string, lessonsPerDay: number, over: Partial<WeekExtract> = {}): WeekExtract {
  const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'];
  return {
    studentId: 1, schoolName: 'МБОУ «СОШ № 1»', pupilName: name, className: '7А', weekStart: '2026-11-16', weekEnd: '2026-11-21',
    periodName: '2 четверть', classTeacherName: 'Герасимова Алла Владимировна', generatedOn: '2026-11-21',
    days: days.map((date, d) => ({ date, holiday: null, lessons: Array.from({ length: lessonsPerDay }, (_, i) => lesson(i + 1, { topic: `Тема ${d}-${i}: задачи на движение` })) })),
    subjects: [{ subject: 'Алгебра', markCount: 4, average: '4,25', weightedAverage: '4,40', forecast: '4' }],
    late: [],
    ...over,
  };
}

describe('the weekly extract of one pupil', () => {
  it('prints the pupil, week, lessons, homework, marks with work type, absences, averages, forecast and signatures in Cyrillic', async () => {
    const x = extract('Филатова Алиса', 1);
    x.days[0].lessons = [
      lesson(1, { subject: 'Русский язык', topic: 'Буквы о–ё после шипящих', homework: ['§ 21, упр. 165'], marks: [{ value: '5', workType: 'к/р', weight: 2, comment: null }] }),
      lesson(2, { subject: 'Физика', topic: 'Давление', attendance: 'Б', change: 'замена: Петрова А. И.' }),
    ];
    x.days[5] = { date: '2026-11-21', holiday: null, lessons: [] };
    const pages = pagesOf(await renderWeekExtract(x));
    expect(pages).toHaveLength(1);
    const text = pages[0];
    for (const expected of ['Филатова Алиса', '16–21 ноября 2026', 'Класс 7А', '2 четверть', 'Понедельник, 16 ноября', 'Буквы о–ё после шипящих', '§ 21, упр. 165', 'замена: Петрова А. И.', 'Уроков нет', 'Успеваемость за 2 четверть', '4,40', 'Герасимова Алла Владимировна', 'Родитель (законный представитель)', 'подпись']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Русский язык.*5\s*к\/р/);
    expect(text).toMatch(/Физика.*Давление.*\sБ(\s|$)/m);
    expect(text).toMatch(/пропущено 1 урок/);
  });

  it('prints what the diary shows beside the columns: due dates, homework due at the lesson, the planned test, the teacher’s comments, a room change', async () => {
    const x = extract('Филатова Алиса', 5);
    x.days[1].lessons[0] = lesson(1, {
      subject: 'Русский язык', topic: 'Причастный оборот', plannedTest: true,
      homeworkDue: ['Упр. 201 (задано 16.11)'], homework: ['Сочинение «Осень» (к 25.11)'],
      marks: [{ value: '4', workType: 'отв', weight: 1, comment: 'Не выучены правила' }],
      attendance: 'ОП', attendanceComment: 'на 10 минут', room: '214',
    });
    // In drawing order (-raw) a cell's wrapped lines stay together, as the layout mode does not keep them.
    const pages = pagesOf(await renderWeekExtract(x), '-raw');
    expect(pages).toHaveLength(1); // a normal week with its notes still takes one sheet
    const text = pages[0].replace(/\s+/g, ' ');
    for (const expected of ['К уроку: Упр. 201 (задано 16.11)', 'Сочинение «Осень» (к 25.11)', 'Запланирована контрольная работа', 'Комментарий к отметке 4: Не выучены правила', 'ОП: на 10 минут', 'другой кабинет: 214']) {
      expect(text).toContain(expected);
    }
  });

  it('prints what the font lacks by a stand-in, or leaves it out: no empty boxes for ticks, arrows, emoji or narrow spaces', async () => {
    const x = extract('Филатова Алиса', 5);
    x.days[0].lessons[0] = lesson(1, { homework: ['Стр.\u202F45 → 46 ✓ молодцы 👍🏻!'], marks: [{ value: '5', workType: 'отв', weight: 1, comment: 'Отлично\u200B 👍' }] });
    const text = pagesOf(await renderWeekExtract(x), '-raw')[0].replace(/\s+/g, ' ');
    expect(text).toContain('Стр. 45 -> 46 + молодцы !');
    expect(text).toContain('Комментарий к отметке 5: Отлично');
  });

  it('sets a long double-barrelled name and a long school name in the head on one line each, clear of the class line', async () => {
    const name = 'Салтыкова-Щедрина Александра-Виктория Константиновна';
    const school = 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1 с углублённым изучением отдельных предметов»';
    const lines = pagesOf(await renderWeekExtract(extract(name, 5, { schoolName: school })))[0].split('\n').filter((l) => l.trim());
    expect(lines[0]).toMatch(/^Муниципальное бюджетное .*…\s+Еженедельная выписка из электронного дневника$/);
    expect(lines[1]).toMatch(new RegExp(`^${name}\\s+16–21 ноября 2026$`));
    expect(lines[2]).toMatch(/^Класс 7А · 2 четверть · классный руководитель Герасимова Алла Владимировна$/);
  });

  it('keeps a full week (six days of seven lessons) on one page by setting the type smaller', async () => {
    expect(pageCount(await renderWeekExtract(extract('Иванов Пётр', 7)))).toBe(1);
  });

  it('flows an overfull week onto more pages, with no blank page: a single extract is printed alone', async () => {
    // Eighteen lessons a day take three pages: an odd count, which a batch for duplex would pad.
    const pages = pagesOf(await renderWeekExtract(extract('Иванов Пётр', 18)));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Страница 1 из 3');
    expect(pages[1]).toContain('Иванов Пётр');
    expect(pages[1]).toContain('продолжение');
    expect(pages.join('')).not.toContain('Оборот листа');
  });

  it('flows a homework longer than a page over the pages it needs, every page numbered «N из M» of the real count', async () => {
    const x = extract('Иванов Пётр', 6);
    const homework = 'Прочитать текст и ответить на вопросы. '.repeat(110); // some 4300 characters
    x.days[1].lessons[2] = lesson(3, { homework: [homework], marks: [{ value: '5', workType: 'к/р', weight: 2, comment: null }] });
    const pdf = await renderWeekExtract(x);
    const count = pageCount(pdf);
    const pages = pagesOf(pdf, '-raw');
    expect(pages).toHaveLength(count);
    pages.forEach((page, i) => expect(page).toContain(`Страница ${i + 1} из ${count}`));
    // The whole homework is printed (a sentence cut between pages has the footer in between).
    expect(pages.join(' ').split('Прочитать').length - 1).toBe(110);
    expect(pages.join(' ').replace(/\s+/g, ' ').split('на вопросы.').length - 1).toBe(110);
  });
});

describe('a streamed batch', () => {
  const names = ['Анисимов Артём', 'Борисова Вера', 'Волков Глеб'];

  /** The batch of three pupils, the middle one's week taking three pages; its pages grouped by pupil. */
  async function batch(duplex: boolean) {
    async function* source() {
      yield extract(names[0], 5);
      yield extract(names[1], 18);
      yield extract(names[2], 5);
    }
    const pdf = await collectStream(streamExtractBatch(source(), { title: 'Выписки', author: 'Школа' }, { duplex }));
    const pages = pagesOf(pdf);
    const starts = pages.flatMap((p, i) => (p.includes('Еженедельная выписка') ? [i] : []));
    expect(starts.map((i) => names.find((n) => pages[i].includes(n)))).toEqual(names);
    const groups = starts.map((s, k) => pages.slice(s, starts[k + 1] ?? pages.length));
    // Every page of a group names its pupil and no other (continuations and blank backs included).
    groups.forEach((group, k) => group.forEach((page) => names.forEach((n, j) => expect(page.includes(n)).toBe(j === k))));
    expect(countPupilMarkers('', new Uint8Array(pdf)).highest).toBe(2);
    return groups;
  }

  it('single-sided: each pupil’s pages one after another, no blank pages', async () => {
    const groups = await batch(false);
    expect(groups.map((g) => g.length)).toEqual([1, 3, 1]);
    expect(groups.flat().join('')).not.toContain('Оборот листа');
  });

  it('double-sided: each pupil padded to an even number of pages, so no sheet carries two pupils', async () => {
    const groups = await batch(true);
    expect(groups.map((g) => g.length)).toEqual([2, 4, 2]);
    for (const group of groups) {
      expect(group.at(-1)).toContain('Оборот листа оставлен пустым для двусторонней печати');
      expect(group.slice(0, -1).join('')).not.toContain('Оборот листа');
    }
  });

  it('finds a progress marker split across two chunks', () => {
    const bytes = new TextEncoder().encode('<< /Type /Page /JrnPupil 12 >>');
    const first = countPupilMarkers('', bytes.subarray(0, 22));
    expect(countPupilMarkers(first.tail, bytes.subarray(22)).highest).toBe(12);
  });
});
