// The weekly paper extract of one pupil (seeds 001 §5, 002 §3.8, 003 §5): an A4 page laid out
// like a page of a paper diary. A pupil is kept on one sheet by setting the type a little
// smaller when the week is full; a week that still does not fit flows onto more pages. For
// double-sided printing a batch pads each pupil to an even count (see drawWeekExtract).
import { formatRangeRu } from '../domain/diary-format';
import { A4, createPdf, fittingSize, font, INK, MUTED, oneLine, pdfBuffer, type PdfDoc } from './document';
import type { WeekExtract } from './extract-model';
import { lateBlocks } from './extract-late';
import { gap, paginate, totalHeight, type Block, type Placed } from './flow';
import { CONTENT_WIDTH, dayBlocks, PAGE_X, signatureBlock, subjectBlocks } from './week-extract-blocks';

const FIRST_TOP = 88;
const NEXT_TOP = 48;
const BOTTOM = A4.height - 36;
/** Tried in turn until the whole week fits on one page. */
const SCALES = [1, 0.95, 0.9, 0.85, 0.8];
const FLOW_SCALE = 0.92;

const formatDate = (iso: string) => iso.split('-').reverse().join('.');

function bodyBlocks(doc: PdfDoc, data: WeekExtract, s: number): Block[] {
  const late = lateBlocks(doc, data, s);
  const subjects = subjectBlocks(doc, data, s);
  return [
    ...dayBlocks(doc, data, s),
    ...(late.length ? [gap(8 * s), ...late] : []),
    ...(subjects.length ? [gap(8 * s), ...subjects] : []),
    gap(6 * s),
    signatureBlock(doc, data, s),
  ];
}

/** Blocks laid end to end from the top of the first page. */
function stack(blocks: readonly Block[]): Placed[] {
  const placed: Placed[] = [];
  let y = FIRST_TOP;
  for (const block of blocks) {
    placed.push({ block, y });
    y += block.height;
  }
  return placed;
}

/**
 * The largest scale at which the week fits on one page, else a multi-page flow. Measuring is
 * the costly part of rendering, so few scales are tried: at scale s the body is at most s times
 * its height at 1 (columns keep their width, so smaller type wraps less, never more), which
 * names the first scale sure to fit; only the one above it is worth measuring as well.
 */
function planPages(doc: PdfDoc, data: WeekExtract): Placed[][] {
  const room = BOTTOM - FIRST_TOP;
  const full = bodyBlocks(doc, data, 1);
  const height = totalHeight(full);
  if (height <= room) return [stack(full)];
  const sure = SCALES.findIndex((s) => s * height <= room);
  const candidates = sure === -1 ? SCALES.slice(-1) : SCALES.slice(Math.max(1, sure - 1), sure + 1);
  for (const s of candidates) {
    const blocks = bodyBlocks(doc, data, s);
    if (totalHeight(blocks) <= room) return [stack(blocks)];
  }
  return paginate(bodyBlocks(doc, data, FLOW_SCALE), { firstTop: FIRST_TOP, nextTop: NEXT_TOP, bottom: BOTTOM });
}

function drawHeader(doc: PdfDoc, data: WeekExtract) {
  font(doc, 'regular', 8, MUTED).text(data.schoolName, PAGE_X, 26, oneLine(doc, CONTENT_WIDTH * 0.6));
  font(doc, 'regular', 8, MUTED).text('Еженедельная выписка из электронного дневника', PAGE_X, 26, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  // A long double-barrelled name is set smaller rather than cut: the family must see whose page it is.
  const nameWidth = CONTENT_WIDTH * 0.62;
  font(doc, 'bold', fittingSize(doc, 'bold', data.pupilName, nameWidth, 16, 10)).text(data.pupilName, PAGE_X, 41, oneLine(doc, nameWidth));
  font(doc, 'bold', 11).text(formatRangeRu(data.weekStart, data.weekEnd), PAGE_X, 45, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  const line = [`Класс ${data.className}`, data.periodName, data.classTeacherName ? `классный руководитель ${data.classTeacherName}` : null].filter(Boolean).join('  ·  ');
  font(doc, 'regular', 9).text(line, PAGE_X, 63, oneLine(doc, CONTENT_WIDTH));
  doc.save().lineWidth(0.9).strokeColor(INK).moveTo(PAGE_X, 79).lineTo(PAGE_X + CONTENT_WIDTH, 79).stroke().restore();
}

function drawRunningHead(doc: PdfDoc, data: WeekExtract) {
  const text = `${data.pupilName}  ·  ${data.className}  ·  ${formatRangeRu(data.weekStart, data.weekEnd)}  ·  продолжение`;
  font(doc, 'regular', 8, MUTED).text(text, PAGE_X, 26, oneLine(doc, CONTENT_WIDTH));
  doc.save().lineWidth(0.5).strokeColor(MUTED).moveTo(PAGE_X, 40).lineTo(PAGE_X + CONTENT_WIDTH, 40).stroke().restore();
}

function drawFooter(doc: PdfDoc, data: WeekExtract, page: number, pages: number) {
  const y = A4.height - 26;
  font(doc, 'regular', 6.5, MUTED).text(`Сформировано ${formatDate(data.generatedOn)} в электронном журнале`, PAGE_X, y, { lineBreak: false });
  if (pages > 1) font(doc, 'regular', 6.5, MUTED).text(`Страница ${page} из ${pages}`, PAGE_X, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}

/**
 * Marks the page dictionary with the pupil's position in a batch (`/JrnPupil 3`). PDF readers
 * ignore unknown keys; the print page counts them in the stream to show progress.
 */
function markPage(doc: PdfDoc, marker: number | undefined) {
  if (marker === undefined) return;
  const dictionary = doc.page.dictionary as unknown as { data: Record<string, unknown> };
  dictionary.data.JrnPupil = marker;
}

/**
 * Draws one pupil's extract on new pages of `doc`; returns the number of pages added. With
 * `duplex` an odd count gets a blank back page, so that in a double-sided print of a batch the
 * next pupil starts on a new sheet: a family must never find another child's marks on the back.
 */
export function drawWeekExtract(doc: PdfDoc, data: WeekExtract, options: { marker?: number; duplex?: boolean } = {}): number {
  const pages = planPages(doc, data);
  pages.forEach((placed, i) => {
    doc.addPage();
    if (i === 0) {
      markPage(doc, options.marker);
      drawHeader(doc, data);
    } else drawRunningHead(doc, data);
    for (const { block, y } of placed) block.draw(y);
    drawFooter(doc, data, i + 1, pages.length);
  });
  if (options.duplex && pages.length % 2 === 1) {
    doc.addPage();
    drawRunningHead(doc, data);
    font(doc, 'regular', 8, MUTED).text('Оборот листа оставлен пустым для двусторонней печати', PAGE_X, A4.height / 2, { width: CONTENT_WIDTH, align: 'center' });
    return pages.length + 1;
  }
  return pages.length;
}

/** A single pupil's extract as a complete PDF file: alone in the print, it needs no blank back. */
export function renderWeekExtract(data: WeekExtract): Promise<Buffer> {
  const doc = createPdf({ title: `Выписка — ${data.pupilName}, ${formatRangeRu(data.weekStart, data.weekEnd)}`, author: data.schoolName });
  return pdfBuffer(doc, () => void drawWeekExtract(doc, data));
}
