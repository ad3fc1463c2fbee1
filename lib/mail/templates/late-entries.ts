// The digest's section for entries of earlier weeks recorded after the family's previous digest
// (lib/jobs/late-entries.ts says why), as text lines and as an HTML table; each entry is worded
// as on the paper extract (extract-remarks.ts).
import { formatDayMonthRu } from '../../domain/calendar';
import type { LateEntry } from '../../pdf/extract-model';
import { lateEntryText as what } from '../../pdf/extract-remarks';
import { CELL, escapeHtml as e, HEAD } from '../html';

export const LATE_TITLE = 'Внесено после прошлого письма';
const LATE_LEAD = 'Отметки и пропуски прошлых недель, которые учитель внёс, исправил или удалил после того, как было отправлено прошлое письмо.';

export function lateEntriesText(entries: readonly LateEntry[]): string[] {
  if (!entries.length) return [];
  return [LATE_TITLE.toUpperCase(), LATE_LEAD, ...entries.map((x) => `${formatDayMonthRu(x.date)}, ${x.subject}: ${what(x)}`), ''];
}

export function lateEntriesHtml(entries: readonly LateEntry[]): string {
  if (!entries.length) return '';
  const rows = entries.map((x) => `<tr><td style="${CELL}white-space:nowrap">${e(formatDayMonthRu(x.date))}</td><td style="${CELL}font-weight:bold">${e(x.subject)}</td><td style="${CELL}">${e(what(x))}</td></tr>`).join('');
  return (
    `<h3 style="margin:20px 0 4px;font-size:15px">${e(LATE_TITLE)}</h3><p style="margin:0 0 4px;color:#5f6b7a;font-size:12px">${e(LATE_LEAD)}</p>` +
    `<table style="border-collapse:collapse;width:100%"><tr><th style="${HEAD}">Дата</th><th style="${HEAD}">Предмет</th><th style="${HEAD}">Что внесено</th></tr>${rows}</table>`
  );
}
