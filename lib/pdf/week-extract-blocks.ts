// The pieces of one weekly extract as measured blocks, at a given type scale: the day tables
// (lessons, topics, homework, marks, absences, with changes and the teacher's remarks as notes),
// the period's averages and forecast, and the signatures. week-extract.ts decides the scale and
// the pages.
import { formatDayHeaderRu, formatDayMonthRu } from '../domain/calendar';
import { isAbsence, isAttendanceCode } from '../domain/attendance';
import { capitalizeRu, pluralRu } from '../domain/russian';
import { BAND, font, INK, MUTED, RULE, type PdfDoc } from './document';
import type { ExtractDay, ExtractLesson, ExtractSubject, WeekExtract } from './extract-model';
import { homeworkLines, teacherRemarks, timetableNotes } from './extract-remarks';
import type { Block } from './flow';
import { rowBlock, rowBlocks, type Cell, type Column } from './table';

export const PAGE_X = 34;
export const CONTENT_WIDTH = 595.28 - 2 * PAGE_X;
const HAIRLINE = '#d5dae0';

const LESSON_COLUMNS = (w: number): Column[] => {
  const fixed = 14 + 84 + 64 + 28;
  const rest = w - fixed;
  return [{ width: 14, align: 'right' }, { width: 84 }, { width: rest * 0.47 }, { width: rest * 0.53 }, { width: 64 }, { width: 28, align: 'center' }];
};

/**
 * A lesson row taller than this (a homework of pages) is cut into pieces of it, so that it flows
 * over pages; a third of a page, so that a piece moved to the next page leaves little blank.
 */
const ROW_PIECE = 250;

const SUBJECT_GUTTER = 14;
const SUBJECT_COLUMNS = (w: number): Column[] => {
  const fixed = 34 + 40 + 48 + 46;
  return [{ width: w - fixed }, { width: 34, align: 'center' }, { width: 40, align: 'center' }, { width: 48, align: 'center' }, { width: 46, align: 'center' }];
};

/** A note of small lines under a cell's text, or none. */
const noteOf = (lines: string[], size: number, color?: string) => (lines.length ? { text: lines.join('\n'), size, color } : undefined);

function lessonRows(doc: PdfDoc, lesson: ExtractLesson, s: number): Block[] {
  const size = 8 * s;
  const homework = homeworkLines(lesson).join('\n');
  // Timetable changes under the subject, the teacher's remarks under the topic: small type, so a
  // normal week still fits one page; they are what the family must read, so not in grey.
  const remarks = noteOf(teacherRemarks(lesson), 7 * s, INK);
  return rowBlocks(
    doc,
    PAGE_X,
    LESSON_COLUMNS(CONTENT_WIDTH),
    [
      { text: lesson.slot === null ? '' : String(lesson.slot), size, color: MUTED },
      { text: lesson.subject, size, face: 'bold', note: noteOf(timetableNotes(lesson), 6.5 * s) },
      { text: lesson.topic ?? (remarks ? '' : '—'), size, color: lesson.topic ? INK : MUTED, note: remarks },
      { text: homework || '—', size, color: homework ? INK : MUTED },
      { kind: 'marks', marks: lesson.marks, size: 9 * s },
      lesson.attendance ? { text: lesson.attendance, size: 8.5 * s, face: 'bold' } : null,
    ],
    { padX: 3 * s, padY: 2.1 * s, ruleColor: HAIRLINE },
    ROW_PIECE,
  );
}

function headRow(doc: PdfDoc, s: number): Block {
  const cell = (text: string) => ({ text, size: 6.8 * s, color: MUTED });
  return rowBlock(doc, PAGE_X, LESSON_COLUMNS(CONTENT_WIDTH), ['№', 'Предмет', 'Тема урока', 'Домашнее задание', 'Отметки', 'Проп.'].map(cell), {
    padX: 3 * s,
    padY: 2 * s,
    ruleColor: RULE,
    ruleWidth: 0.6,
  });
}

function absencesNote(day: ExtractDay): string {
  const missed = day.lessons.filter((l) => l.attendance && isAttendanceCode(l.attendance) && isAbsence(l.attendance)).length;
  const late = day.lessons.filter((l) => l.attendance === 'ОП').length;
  const parts: string[] = [];
  if (missed) parts.push(`пропущено ${missed} ${pluralRu(missed, 'урок', 'урока', 'уроков')}`);
  if (late) parts.push(`опозданий: ${late}`);
  return parts.join(', ');
}

function dayBand(doc: PdfDoc, day: ExtractDay, s: number, head: Block): Block {
  const height = 14 * s;
  const note = day.holiday ? day.holiday : absencesNote(day);
  return {
    height,
    keepWithNext: day.lessons.length > 0,
    repeatHeader: head,
    draw(y) {
      doc.save().rect(PAGE_X, y, CONTENT_WIDTH, height).fill(BAND).restore();
      font(doc, 'bold', 8.8 * s).text(capitalizeRu(formatDayHeaderRu(day.date)), PAGE_X + 3 * s, y + 2.6 * s, { lineBreak: false });
      if (note) font(doc, 'regular', 7.5 * s, MUTED).text(note, PAGE_X, y + 3.4 * s, { width: CONTENT_WIDTH - 4 * s, align: 'right', lineBreak: false });
    },
  };
}

function emptyDayRow(doc: PdfDoc, text: string, s: number): Block {
  return rowBlock(doc, PAGE_X, [{ width: CONTENT_WIDTH }], [{ text, size: 7.5 * s, color: MUTED }], { padX: 20 * s, padY: 2.4 * s, ruleColor: HAIRLINE });
}

/** The week, day by day. */
export function dayBlocks(doc: PdfDoc, data: WeekExtract, s: number): Block[] {
  const head = headRow(doc, s);
  const blocks: Block[] = [head];
  for (const day of data.days) {
    blocks.push(dayBand(doc, day, s, head));
    if (day.lessons.length === 0) {
      if (!day.holiday) blocks.push({ ...emptyDayRow(doc, 'Уроков нет', s), repeatHeader: head });
      continue;
    }
    for (const lesson of day.lessons) blocks.push(...lessonRows(doc, lesson, s).map((row) => ({ ...row, repeatHeader: head })));
  }
  return blocks;
}

/** Averages and the forecast per subject for the current period, in two columns to save paper. */
export function subjectBlocks(doc: PdfDoc, data: WeekExtract, s: number): Block[] {
  if (data.subjects.length === 0) return [];
  const title = `Успеваемость${data.periodName ? ` за ${data.periodName}` : ''} на ${formatDayMonthRu(data.generatedOn)}`;
  const titleBlock: Block = {
    height: 16 * s,
    keepWithNext: true,
    draw: (y) => void font(doc, 'bold', 9.5 * s).text(title, PAGE_X, y + 3.5 * s, { lineBreak: false }),
  };
  const half = (CONTENT_WIDTH - SUBJECT_GUTTER) / 2;
  const columns = SUBJECT_COLUMNS(half);
  const style = { padX: 3 * s, padY: 2 * s, ruleColor: HAIRLINE };
  const headCells = ['Предмет', 'Отметок', 'Средний', 'Средневзв.', 'Прогноз'].map((text) => ({ text, size: 6.8 * s, color: MUTED }));
  const headStyle = { ...style, ruleColor: RULE, ruleWidth: 0.6 };
  const rightHead = data.subjects.length > 1 ? rowBlock(doc, PAGE_X + half + SUBJECT_GUTTER, columns, headCells, headStyle) : undefined;
  const head = pair(rowBlock(doc, PAGE_X, columns, headCells, headStyle), rightHead);
  const cells = (subject: ExtractSubject): Cell[] => [
    { text: subject.subject, size: 8 * s, face: 'bold' },
    { text: String(subject.markCount), size: 8 * s, color: subject.markCount ? INK : MUTED },
    { text: subject.average ?? '—', size: 8 * s },
    { text: subject.weightedAverage ?? '—', size: 8 * s },
    { text: subject.forecast ?? '—', size: 8.5 * s, face: 'bold' },
  ];
  // Read down the left column, then down the right one, as people read a printed list.
  const rowsPerColumn = Math.ceil(data.subjects.length / 2);
  const rows: Block[] = [];
  for (let i = 0; i < rowsPerColumn; i++) {
    const left = rowBlock(doc, PAGE_X, columns, cells(data.subjects[i]), style);
    const other = data.subjects[i + rowsPerColumn];
    const right = other ? rowBlock(doc, PAGE_X + half + SUBJECT_GUTTER, columns, cells(other), style) : undefined;
    rows.push({ ...pair(left, right), repeatHeader: head });
  }
  return [titleBlock, { ...head, keepWithNext: true }, ...rows];
}

/** Two row blocks side by side, as tall as the taller one. */
function pair(left: Block, right?: Block): Block {
  return {
    height: Math.max(left.height, right?.height ?? 0),
    draw(y) {
      left.draw(y);
      right?.draw(y);
    },
  };
}

/** Signatures and the legend; kept together at the end. */
export function signatureBlock(doc: PdfDoc, data: WeekExtract, s: number): Block {
  const line = (label: string, name: string, y: number) => {
    font(doc, 'regular', 8.5 * s).text(label, PAGE_X, y, { lineBreak: false });
    const x = PAGE_X + 190 * s;
    if (name) font(doc, 'bold', 8.5 * s).text(name, x, y, { lineBreak: false });
    const lineX = PAGE_X + CONTENT_WIDTH - 150;
    doc.save().lineWidth(0.5).strokeColor(INK).moveTo(lineX, y + 9 * s).lineTo(PAGE_X + CONTENT_WIDTH, y + 9 * s).stroke().restore();
    font(doc, 'regular', 6 * s, MUTED).text('подпись', lineX, y + 10.5 * s, { width: 150, align: 'center', lineBreak: false });
  };
  return {
    height: 64 * s,
    draw(y) {
      line('Классный руководитель', data.classTeacherName ?? '', y + 10 * s);
      line('Родитель (законный представитель)', '', y + 31 * s);
      font(doc, 'regular', 6.5 * s, MUTED).text(
        'Н — отсутствовал, Б — болел, УП — уважительная причина, ОП — опоздал. Средневзв. — средний балл с учётом веса работ. Прогноз — предварительная отметка по средневзвешенному баллу (нет прогноза — пока мало отметок); итоговую отметку выставляет учитель.',
        PAGE_X,
        y + 50 * s,
        { width: CONTENT_WIDTH },
      );
    },
  };
}
