// The summary sheet as a printed form: pupils down, subjects across with their names turned
// upright as in a paper class journal, the statistics under the marks, the legend and the
// class teacher's signature. Long classes flow onto more pages with the column heads repeated.
import type { ClassStatistics } from '../domain/statistics';
import { formatDecimalRu } from '../domain/russian';
import { A4, BAND, createPdf, face, font, INK, MUTED, oneLine, pdfBuffer, RULE, type PdfDoc } from './document';
import { paginate, type Block } from './flow';
import { cellText, STATISTICS_NOTE, type SummaryCell, type SummarySheet } from './summary-model';

const X = 28;
const WIDTH = A4.width - 2 * X;
const NUM_W = 16;
const NAME_W = 132;
const ROW_H = 12.5;
const TOP = 92;
const BOTTOM = A4.height - 30;
const GRID = '#c5ccd4';

const dateRu = (iso: string) => iso.split('-').reverse().join('.');

type Geometry = { colW: number; headH: number };

function geometry(doc: PdfDoc, sheet: SummarySheet): Geometry {
  const colW = Math.min(30, (WIDTH - NUM_W - NAME_W) / Math.max(1, sheet.subjects.length));
  const longest = Math.max(40, ...sheet.subjects.map((s) => face(doc, 'regular', 7).widthOfString(s.name)));
  return { colW, headH: Math.min(118, longest + 8) };
}

const colX = (g: Geometry, i: number) => X + NUM_W + NAME_W + i * g.colW;

function grid(doc: PdfDoc, g: Geometry, n: number, y: number, h: number) {
  doc.save().lineWidth(0.4).strokeColor(GRID);
  for (let i = 0; i <= n; i++) doc.moveTo(colX(g, i), y).lineTo(colX(g, i), y + h).stroke();
  doc.moveTo(X, y + h).lineTo(colX(g, n), y + h).stroke();
  doc.restore();
}

function headBlock(doc: PdfDoc, sheet: SummarySheet, g: Geometry): Block {
  return {
    height: g.headH,
    draw(y) {
      font(doc, 'regular', 7, MUTED).text('№', X, y + g.headH - 10, { width: NUM_W - 3, align: 'right', lineBreak: false });
      font(doc, 'regular', 7, MUTED).text('Фамилия, имя, отчество', X + NUM_W + 3, y + g.headH - 10, { lineBreak: false });
      sheet.subjects.forEach((s, i) => {
        // Turned a quarter left about the column's foot: the name reads upwards and its lines
        // (one, or two for a long name) run rightwards, centred in the column.
        const h = Math.min(face(doc, 'regular', 7).heightOfString(s.name, { width: g.headH - 6 }), g.colW - 2);
        const ox = colX(g, i) + (g.colW - h) / 2;
        const oy = y + g.headH - 3;
        doc.save().rotate(-90, { origin: [ox, oy] });
        font(doc, 'regular', 7).text(s.name, ox, oy, { width: g.headH - 6, height: g.colW, lineBreak: false, ellipsis: true });
        doc.restore();
      });
      doc.save().lineWidth(0.7).strokeColor(INK).moveTo(X, y + g.headH).lineTo(colX(g, sheet.subjects.length), y + g.headH).stroke().restore();
      grid(doc, g, sheet.subjects.length, y, g.headH);
    },
  };
}

function drawCell(doc: PdfDoc, cell: SummaryCell, x: number, y: number, w: number, h: number) {
  const text = cellText(cell);
  if (!text) return;
  const draft = 'draft' in cell && cell.draft;
  const size = cell.kind === 'value' ? 8.5 : 6.5;
  const weight = cell.kind === 'value' ? 'bold' : 'regular';
  font(doc, weight, size, draft ? MUTED : INK).text(text + (draft ? '*' : ''), x, y + (h - size) / 2 - 0.5, { width: w, align: 'center', lineBreak: false });
}

const NAME_SIZE = 7.8;
const NOTE_SIZE = 5.5;

function pupilBlock(doc: PdfDoc, sheet: SummarySheet, g: Geometry, index: number, head: Block): Block {
  const pupil = sheet.pupils[index];
  // The name and «выбыл(а) 12.10.2026» on one line when they fit; otherwise the row grows: the
  // name wraps and the note goes under it. The sheet is a record: no name or date is cut.
  const width = NAME_W - 6;
  const nameWidth = face(doc, 'regular', NAME_SIZE).widthOfString(pupil.name);
  const noteWidth = pupil.note ? face(doc, 'regular', NOTE_SIZE).widthOfString(pupil.note) + 3 : 0;
  const inline = nameWidth + noteWidth <= width;
  const nameH = inline ? 0 : face(doc, 'regular', NAME_SIZE).heightOfString(pupil.name, { width });
  const noteH = inline || !pupil.note ? 0 : face(doc, 'regular', NOTE_SIZE).heightOfString(pupil.note, { width });
  const height = inline ? ROW_H : Math.max(ROW_H, nameH + noteH + 4);
  return {
    height,
    repeatHeader: head,
    draw(y) {
      if (index % 2 === 1) doc.save().rect(X, y, colX(g, sheet.subjects.length) - X, height).fill(BAND).restore();
      font(doc, 'regular', 7.5, MUTED).text(String(index + 1), X, y + 2.5, { width: NUM_W - 3, align: 'right', lineBreak: false });
      font(doc, 'regular', NAME_SIZE).text(pupil.name, X + NUM_W + 3, y + 2.3, { width });
      if (pupil.note && inline) font(doc, 'regular', NOTE_SIZE, MUTED).text(pupil.note, X + NUM_W + 6 + nameWidth, y + 4, { lineBreak: false });
      else if (pupil.note) font(doc, 'regular', NOTE_SIZE, MUTED).text(pupil.note, X + NUM_W + 3, y + 2.3 + nameH, { width });
      pupil.cells.forEach((cell, i) => drawCell(doc, cell, colX(g, i), y, g.colW, height));
      grid(doc, g, sheet.subjects.length, y, height);
    },
  };
}

const pct = (n: number | null) => (n === null ? '—' : formatDecimalRu(n, 1));

const STAT_ROWS: [string, (s: ClassStatistics) => string][] = [
  ['Успеваемость, %', (s) => pct(s.successRate)],
  ['Качество знаний, %', (s) => pct(s.qualityRate)],
  ['СОУ, %', (s) => pct(s.sou)],
  ['Средний балл', (s) => (s.averageMark === null ? '—' : formatDecimalRu(s.averageMark, 2))],
  ['N (учтено учеников)', (s) => String(s.N)],
  ['«5»', (s) => String(s.n5)],
  ['«4»', (s) => String(s.n4)],
  ['«3»', (s) => String(s.n3)],
  ['«2»', (s) => String(s.n2)],
  ['н/а', (s) => String(s.nNA)],
  ['зач.', (s) => String(s.nPass)],
  ['осв.', (s) => String(s.nExempt)],
  ['без отметки', (s) => String(s.nNoMark)],
];

function statisticsBlock(doc: PdfDoc, sheet: SummarySheet, g: Geometry, head: Block): Block {
  const rowH = 11;
  return {
    height: STAT_ROWS.length * rowH + 4,
    // On a page of its own the figures need the subject names over their columns.
    repeatHeader: head,
    draw(top) {
      const y0 = top + 4;
      doc.save().lineWidth(0.7).strokeColor(INK).moveTo(X, y0).lineTo(colX(g, sheet.subjects.length), y0).stroke().restore();
      STAT_ROWS.forEach(([label, value], r) => {
        const y = y0 + r * rowH;
        const strong = r < 4;
        font(doc, strong ? 'bold' : 'regular', 7.2, strong ? INK : MUTED).text(label, X + 3, y + 2, { width: NUM_W + NAME_W - 6, lineBreak: false });
        sheet.subjects.forEach((s, i) => {
          const text = s.statistics ? value(s.statistics) : '—';
          font(doc, strong ? 'bold' : 'regular', strong ? 6.8 : 6.8, strong ? INK : MUTED).text(text, colX(g, i), y + 2.2, { width: g.colW, align: 'center', lineBreak: false });
        });
        grid(doc, g, sheet.subjects.length, y, rowH);
      });
    },
  };
}

function footerBlock(doc: PdfDoc, sheet: SummarySheet): Block {
  const note = `${STATISTICS_NOTE} Отметки по шкалам, кроме пятибалльной, в статистику не входят («—»). отср. — итоговая отметка отсрочена.`;
  const noteH = face(doc, 'regular', 6.5).heightOfString(note, { width: WIDTH });
  return {
    height: noteH + 46,
    draw(y) {
      font(doc, 'regular', 6.5, MUTED).text(note, X, y + 8, { width: WIDTH });
      const sy = y + noteH + 26;
      font(doc, 'regular', 8.5).text('Классный руководитель', X, sy, { lineBreak: false });
      if (sheet.classTeacherName) font(doc, 'bold', 8.5).text(sheet.classTeacherName, X + 130, sy, { lineBreak: false });
      doc.save().lineWidth(0.5).strokeColor(INK).moveTo(X + WIDTH - 150, sy + 9).lineTo(X + WIDTH, sy + 9).stroke().restore();
      font(doc, 'regular', 6, MUTED).text('подпись', X + WIDTH - 150, sy + 10.5, { width: 150, align: 'center', lineBreak: false });
    },
  };
}

function drawTitle(doc: PdfDoc, sheet: SummarySheet, page: number, pages: number) {
  font(doc, 'regular', 8, MUTED).text(sheet.schoolName, X, 26, oneLine(doc, WIDTH * 0.7));
  if (pages > 1) font(doc, 'regular', 8, MUTED).text(`Лист ${page} из ${pages}`, X, 26, { width: WIDTH, align: 'right', lineBreak: false });
  font(doc, 'bold', 14).text('Сводная ведомость итоговых отметок', X, 40, { lineBreak: false });
  const p = sheet.period;
  const line = [`Класс ${sheet.className}`, `${p.name} (${dateRu(p.startDate)} – ${dateRu(p.endDate)})`, `${sheet.yearLabel} учебный год`, `сформировано ${dateRu(sheet.generatedOn)}`].join('  ·  ');
  font(doc, 'regular', 9).text(line, X, 60, oneLine(doc, WIDTH));
  doc.save().lineWidth(0.9).strokeColor(RULE).moveTo(X, 78).lineTo(X + WIDTH, 78).stroke().restore();
}

export function renderSummarySheet(sheet: SummarySheet): Promise<Buffer> {
  const doc = createPdf({ title: `Сводная ведомость — ${sheet.className}, ${sheet.period.name}`, author: sheet.schoolName });
  return pdfBuffer(doc, () => {
    const g = geometry(doc, sheet);
    const head = headBlock(doc, sheet, g);
    const blocks: Block[] = [head, ...sheet.pupils.map((_, i) => pupilBlock(doc, sheet, g, i, head)), statisticsBlock(doc, sheet, g, head), footerBlock(doc, sheet)];
    if (!sheet.pupils.length) blocks.splice(1, 0, { height: 16, draw: (y) => void font(doc, 'regular', 8, MUTED).text('В классе нет учеников за этот период', X + NUM_W + 3, y + 4) });
    const pages = paginate(blocks, { firstTop: TOP, nextTop: TOP, bottom: BOTTOM });
    pages.forEach((placed, i) => {
      doc.addPage();
      drawTitle(doc, sheet, i + 1, pages.length);
      for (const { block, y } of placed) block.draw(y);
    });
  });
}
