// Table rows as measured blocks: text cells that wrap, and a «marks» cell that sets each mark
// in bold with its work type in small type after it («5 к/р  4 отв»), as a teacher writes them.
import { face, font, INK, MUTED, type PdfDoc } from './document';
import type { Block } from './flow';

export type Column = { width: number; align?: 'left' | 'center' | 'right' };

export type TextCell = {
  kind?: 'text';
  text: string;
  face?: 'regular' | 'bold';
  size: number;
  color?: string;
  /** A second, smaller line under the text (a timetable change under the subject). */
  note?: { text: string; size: number; color?: string };
};

export type MarksCell = { kind: 'marks'; marks: readonly { value: string; workType: string }[]; size: number };

export type Cell = TextCell | MarksCell | null;

export type RowStyle = { padX: number; padY: number; fill?: string; ruleColor?: string; ruleWidth?: number };

type Token = { value: string; workType: string; width: number };
type Run = { x: number; line: number; token: Token };

function layoutMarks(doc: PdfDoc, cell: MarksCell, width: number): { runs: Run[]; lines: number; lineHeight: number } {
  const small = cell.size * 0.72;
  const space = cell.size * 0.55;
  const runs: Run[] = [];
  let x = 0;
  let line = 0;
  for (const m of cell.marks) {
    const valueWidth = face(doc, 'bold', cell.size).widthOfString(m.value);
    const typeWidth = m.workType ? face(doc, 'regular', small).widthOfString(m.workType) + 1.5 : 0;
    const token = { ...m, width: valueWidth + typeWidth };
    if (x > 0 && x + token.width > width) {
      line++;
      x = 0;
    }
    runs.push({ x, line, token });
    x += token.width + space;
  }
  return { runs, lines: cell.marks.length ? line + 1 : 0, lineHeight: cell.size * 1.22 };
}

function cellHeight(doc: PdfDoc, cell: Cell, width: number): number {
  if (!cell) return 0;
  if (cell.kind === 'marks') {
    const { lines, lineHeight } = layoutMarks(doc, cell, width);
    return lines * lineHeight;
  }
  let h = cell.text ? face(doc, cell.face ?? 'regular', cell.size).heightOfString(cell.text, { width }) : 0;
  if (cell.note) h += face(doc, 'regular', cell.note.size).heightOfString(cell.note.text, { width });
  return h;
}

function drawCell(doc: PdfDoc, cell: Cell, x: number, y: number, width: number, align: Column['align']) {
  if (!cell) return;
  if (cell.kind === 'marks') {
    const { runs, lineHeight } = layoutMarks(doc, cell, width);
    const small = cell.size * 0.72;
    for (const r of runs) {
      const top = y + r.line * lineHeight;
      font(doc, 'bold', cell.size, INK).text(r.token.value, x + r.x, top, { lineBreak: false });
      if (r.token.workType) {
        const vx = x + r.x + face(doc, 'bold', cell.size).widthOfString(r.token.value) + 1.5;
        font(doc, 'regular', small, MUTED).text(r.token.workType, vx, top + (cell.size - small) * 0.95, { lineBreak: false });
      }
    }
    return;
  }
  let top = y;
  if (cell.text) {
    font(doc, cell.face ?? 'regular', cell.size, cell.color ?? INK).text(cell.text, x, top, { width, align });
    top += doc.heightOfString(cell.text, { width });
  }
  if (cell.note) font(doc, 'regular', cell.note.size, cell.note.color ?? MUTED).text(cell.note.text, x, top, { width, align });
}

/** The longest run of whole words (letters, for one long word) of `text` no taller than `limit`; may be empty. */
function fittingPrefix(doc: PdfDoc, text: string, weight: 'regular' | 'bold', size: number, width: number, limit: number): string {
  const words = text.split(/(?<=\s)/);
  const parts = words.length > 1 ? words : [...text];
  const fits = (n: number) => face(doc, weight, size).heightOfString(parts.slice(0, n).join(''), { width }) <= limit;
  let [lo, hi] = [0, parts.length];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return parts.slice(0, lo).join('');
}

/** A cell cut into what fits `limit` and what goes on in the next piece (null: nothing left). */
function splitCell(doc: PdfDoc, cell: Cell, width: number, limit: number): [Cell, Cell] {
  if (!cell || cell.kind === 'marks' || cellHeight(doc, cell, width) <= limit) return [cell, null];
  const weight = cell.face ?? 'regular';
  const textHeight = cell.text ? face(doc, weight, cell.size).heightOfString(cell.text, { width }) : 0;
  if (textHeight > limit) {
    const head = fittingPrefix(doc, cell.text, weight, cell.size, width, limit) || [...cell.text][0];
    return [{ ...cell, text: head.trimEnd(), note: undefined }, { ...cell, text: cell.text.slice(head.length).trimStart() }];
  }
  // The text fits; the note under it is cut (or, with no room left, goes on whole).
  const note = cell.note!;
  const noteHead = fittingPrefix(doc, note.text, 'regular', note.size, width, limit - textHeight) || (cell.text ? '' : [...note.text][0]);
  const rest = note.text.slice(noteHead.length).trimStart();
  return [{ ...cell, note: noteHead ? { ...note, text: noteHead.trimEnd() } : undefined }, rest ? { ...cell, text: '', note: { ...note, text: rest } } : null];
}

/**
 * A row as blocks no taller than `maxHeight`: one block, or for a row taller than that (a homework
 * of several pages) pieces in which the long cells go on, the short ones staying in the first, and
 * only the last with the rule under it. Drawn whole, pdfkit would run such a row past the foot of
 * the page and add a page of its own, out of the page count.
 */
export function rowBlocks(doc: PdfDoc, x: number, columns: readonly Column[], cells: readonly Cell[], style: RowStyle, maxHeight: number): Block[] {
  const whole = rowBlock(doc, x, columns, cells, style);
  if (whole.height <= maxHeight) return [whole];
  const limit = maxHeight - 2 * style.padY;
  const pieces = cells.map((cell, i) => splitCell(doc, cell, columns[i].width - 2 * style.padX, limit));
  const first = rowBlock(doc, x, columns, pieces.map(([head]) => head), { ...style, ruleColor: undefined });
  return [first, ...rowBlocks(doc, x, columns, pieces.map(([, rest]) => rest), style, maxHeight)];
}

/** One table row at the left edge `x`, with a hairline under it. */
export function rowBlock(doc: PdfDoc, x: number, columns: readonly Column[], cells: readonly Cell[], style: RowStyle): Block {
  const inner = columns.map((c) => c.width - 2 * style.padX);
  const content = Math.max(0, ...cells.map((cell, i) => cellHeight(doc, cell, inner[i])));
  const height = content + 2 * style.padY;
  const width = columns.reduce((s, c) => s + c.width, 0);
  return {
    height,
    draw(y) {
      if (style.fill) doc.save().rect(x, y, width, height).fill(style.fill).restore();
      let cx = x;
      cells.forEach((cell, i) => {
        drawCell(doc, cell, cx + style.padX, y + style.padY, inner[i], columns[i].align);
        cx += columns[i].width;
      });
      if (style.ruleColor) {
        doc.save().lineWidth(style.ruleWidth ?? 0.4).strokeColor(style.ruleColor).moveTo(x, y + height).lineTo(x + width, y + height).stroke().restore();
      }
    },
  };
}
