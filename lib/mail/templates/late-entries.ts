// The digest's section for entries of earlier weeks recorded after the family's previous digest
// (lib/jobs/late-entries.ts says why), as text lines and as an HTML table.
import { ATTENDANCE_LABELS, isAttendanceCode } from '../../domain/attendance';
import { formatDayMonthRu } from '../../domain/calendar';
import type { LateEntry } from '../../jobs/late-entries';
import { CELL, escapeHtml as e, HEAD } from '../html';

export const LATE_TITLE = 'Внесено после прошлого письма';
const LATE_LEAD = 'Отметки и пропуски прошлых недель, которые учитель внёс, исправил или удалил после того, как было отправлено прошлое письмо.';

function what(x: LateEntry): string {
  if (x.deleted && x.mark) return `отметка удалена, было «${x.mark.value}»${x.mark.workType ? ` (${x.mark.workType})` : ''}`;
  const mark = x.mark ? `отметка ${x.mark.value}${x.mark.workType ? ` (${x.mark.workType})` : ''}` : null;
  const absence = x.attendance ? `посещение: ${isAttendanceCode(x.attendance) ? `${x.attendance} — ${ATTENDANCE_LABELS[x.attendance]}` : x.attendance}` : null;
  return [x.corrected ? 'исправлено' : null, mark ?? absence, x.comment ? `комментарий: ${x.comment}` : null].filter(Boolean).join(', ');
}

export function lateEntriesText(entries: readonly LateEntry[]): string[] {
  if (!entries.length) return [];
  return [LATE_TITLE.toUpperCase(), LATE_LEAD, ...entries.map((x) => `${formatDayMonthRu(x.date)}, ${x.subject}: ${what(x)}`), ''];
}

export function lateEntriesHtml(entries: readonly LateEntry[]): string {
  if (!entries.length) return '';
  const rows = entries.map((x) => `<tr><td style="${CELL}white-space:nowrap">${e(formatDayMonthRu(x.date))}</td><td style="${CELL}font-weight:bold">${e(x.subject)}</td><td style="${CELL}">${e(what(x))}</td></tr>`).join('');
  return (
    `<h3 style="margin:20px 0 4px;font-size:15px">${e(LATE_TITLE)}</h3><p style="margin:0 0 4px;color:#5f6b7a;font-size:12px">${e(LATE_LEAD)}</p>` +
    `<table style="border-collapse:collapse;width:100%"><tr><th style="${HEAD}">Дата</th><th style="${HEAD}">Предмет</th><th style="${HEAD}">Что изменилось</th></tr>${rows}</table>`
  );
}
