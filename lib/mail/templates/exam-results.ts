// The notice that ГИА results (ОГЭ, ЕГЭ, ГВЭ) are published and visible to the family (seed 001
// §7: as final marks, within the school's visibility setting), listing the pupil's results of the
// year's exams as the diary's results page shows them.
import { formatDateRu } from '../../domain/calendar';
import { formatScoreRu } from '../../domain/diary-format';
import { CELL, escapeHtml as e, HEAD, htmlLetter, STANDARD_FOOTER } from '../html';
import type { Letter } from './digest';

export type ExamResultsInput = {
  schoolName: string;
  pupilName: string;
  className: string;
  /** kind: «ОГЭ»; date: 'YYYY-MM-DD'. */
  exams: { subject: string; kind: string; date: string; score: number | null; mark: string | null }[];
};

/** «отметка 5, 27 баллов»: what was entered of the two. */
const resultText = (x: { score: number | null; mark: string | null }) =>
  [x.mark ? `отметка ${x.mark}` : null, x.score !== null ? formatScoreRu(x.score) : null].filter(Boolean).join(', ');

export function examResultsLetter(x: ExamResultsInput): Letter {
  const subject = `Результаты ГИА: ${x.pupilName}, ${x.className}`;
  const lead = 'Опубликованы результаты государственной итоговой аттестации. Они есть в электронном дневнике (раздел «Итоги»).';
  const lines = x.exams.map((m) => `${m.subject}, ${m.kind} (${formatDateRu(m.date)}): ${resultText(m)}`);
  const text = [x.schoolName, `${x.pupilName}, класс ${x.className}`, '', lead, '', ...lines, '', STANDARD_FOOTER].join('\n');
  const rows = x.exams
    .map((m) => `<tr><td style="${CELL}">${e(m.subject)}</td><td style="${CELL}">${e(m.kind)}, ${e(formatDateRu(m.date))}</td><td style="${CELL}font-weight:bold">${e(resultText(m))}</td></tr>`)
    .join('');
  const body =
    `<p style="color:#5f6b7a;font-size:12px;margin:0">${e(x.schoolName)}</p>` +
    `<h2 style="margin:4px 0 8px;font-size:20px">${e(x.pupilName)}, ${e(x.className)}</h2><p>${e(lead)}</p>` +
    `<table style="border-collapse:collapse"><tr><th style="${HEAD}">Предмет</th><th style="${HEAD}">Экзамен</th><th style="${HEAD}">Результат</th></tr>${rows}</table>`;
  return { subject, text, html: htmlLetter(subject, body, STANDARD_FOOTER) };
}
