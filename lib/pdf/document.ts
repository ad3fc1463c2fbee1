// A pdfkit document set up the way every printout of ours wants it: A4, PT Sans embedded
// (pdfkit's own fonts have no Cyrillic), no automatic pages and no margins, because each
// renderer lays out its own pages and must never be surprised by pdfkit adding one.
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { embedSharedFonts, fontHasGlyph } from './shared-fonts';
import { printable } from './printable';

export const A4 = { width: 595.28, height: 841.89 } as const;

export const INK = '#1f2933';
export const MUTED = '#5f6b7a';
export const RULE = '#9aa3ad';
export const BAND = '#eef1f4';

export type PdfDoc = PDFKit.PDFDocument;

export function createPdf(info: { title: string; author: string }): PdfDoc {
  // lang: screen readers and copy-paste take the text as Russian (PDF/UA asks for it).
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, bufferPages: false, lang: 'ru-RU', info: { Title: info.title, Author: info.author, Creator: 'Электронный журнал' } });
  embedSharedFonts(doc);
  printableText(doc);
  return doc;
}

/** Every text drawn or measured goes through printable(): what is measured is what is printed. */
function printableText(doc: PdfDoc): void {
  for (const method of ['text', 'widthOfString', 'heightOfString'] as const) {
    const original = doc[method].bind(doc) as (...args: unknown[]) => unknown;
    doc[method] = ((first: unknown, ...rest: unknown[]) => original(typeof first === 'string' ? printable(first, fontHasGlyph) : first, ...rest)) as never;
  }
}

/** Selects a face and size for measuring; sets no colour, which would write to a page. */
export function face(doc: PdfDoc, weight: 'regular' | 'bold', size: number): PdfDoc {
  return doc.font(weight === 'bold' ? FONT_BOLD : FONT_REGULAR).fontSize(size);
}

/** Selects a face, size and colour for drawing: `font(doc, 'bold', 9)`. */
export function font(doc: PdfDoc, weight: 'regular' | 'bold', size: number, color = INK): PdfDoc {
  return face(doc, weight, size).fillColor(color);
}

/**
 * Options that keep a text to one line of `width`, cut with «…»: pdfkit's `lineBreak: false`
 * alone still wraps a text that has a width, and its `ellipsis` needs a height. Call after
 * selecting the face, whose line height it takes.
 */
export function oneLine(doc: PdfDoc, width: number, align?: 'left' | 'center' | 'right'): PDFKit.Mixins.TextOptions {
  return { width, align, height: doc.currentLineHeight(true), ellipsis: true };
}

/** The size, at most `max` and at least `min`, at which `text` fits `width` on one line. */
export function fittingSize(doc: PdfDoc, weight: 'regular' | 'bold', text: string, width: number, max: number, min: number): number {
  const natural = face(doc, weight, max).widthOfString(text);
  return natural <= width ? max : Math.max(min, Math.floor((max * width) / natural * 10) / 10);
}

/** Collects a finished document into one Buffer (single extracts, tests, the benchmark). */
export function pdfBuffer(doc: PdfDoc, draw: () => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw();
  doc.end();
  return done;
}
