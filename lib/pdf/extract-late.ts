// The extract's section «Внесено после прошлой выписки»: marks and absences of earlier weeks
// entered or corrected after the previous printed extract (lib/data/extracts/printed.ts says
// which), so that a mark entered late reaches a family on paper too. Drawn between the week and
// the averages, only when there is something to say.
import { formatDayMonthRu } from '../domain/calendar';
import { font, MUTED, RULE, type PdfDoc } from './document';
import type { WeekExtract } from './extract-model';
import { lateEntryText } from './extract-remarks';
import type { Block } from './flow';
import { rowBlock, type Column } from './table';
import { CONTENT_WIDTH, PAGE_X } from './week-extract-blocks';

export const LATE_TITLE = 'Внесено после прошлой выписки';
const LATE_LEAD = 'Отметки и пропуски прошлых недель, которые учитель внёс, исправил или удалил после того, как была напечатана прошлая выписка.';

const COLUMNS = (w: number): Column[] => [{ width: 70 }, { width: 130 }, { width: w - 200 }];

export function lateBlocks(doc: PdfDoc, data: WeekExtract, s: number): Block[] {
  if (!data.late.length) return [];
  const title: Block = {
    height: 26 * s,
    keepWithNext: true,
    draw(y) {
      font(doc, 'bold', 9.5 * s).text(LATE_TITLE, PAGE_X, y + 3.5 * s, { lineBreak: false });
      font(doc, 'regular', 7 * s, MUTED).text(LATE_LEAD, PAGE_X, y + 15 * s, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true });
    },
  };
  const style = { padX: 3 * s, padY: 2 * s, ruleColor: RULE, ruleWidth: 0.3 };
  const head = rowBlock(doc, PAGE_X, COLUMNS(CONTENT_WIDTH), ['Дата', 'Предмет', 'Что внесено'].map((text) => ({ text, size: 6.8 * s, color: MUTED })), { ...style, ruleWidth: 0.6 });
  const rows = data.late.map((x): Block => ({
    ...rowBlock(doc, PAGE_X, COLUMNS(CONTENT_WIDTH), [
      { text: formatDayMonthRu(x.date), size: 8 * s },
      { text: x.subject, size: 8 * s, face: 'bold' },
      { text: lateEntryText(x), size: 8 * s },
    ], style),
    repeatHeader: head,
  }));
  return [title, { ...head, keepWithNext: true }, ...rows];
}
