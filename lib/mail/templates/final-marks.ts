// The notice that final marks of a period are published and visible (seeds 001 §7, 002 §3.3:
// within the school's visibility setting), listing every published mark of the period so far.
import { CELL, escapeHtml as e, HEAD, htmlLetter, STANDARD_FOOTER } from '../html';
import type { Letter } from './digest';

export type FinalMarksInput = {
  schoolName: string;
  pupilName: string;
  className: string;
  periodName: string;
  marks: { subject: string; text: string }[];
};

export function finalMarksLetter(x: FinalMarksInput): Letter {
  const subject = `Итоговые отметки за ${x.periodName}: ${x.pupilName}, ${x.className}`;
  const lead = `Опубликованы итоговые отметки за ${x.periodName}. Просмотрите их в электронном дневнике (раздел «Итоги») и подтвердите ознакомление сообщением классному руководителю.`;
  const text = [x.schoolName, `${x.pupilName}, класс ${x.className}`, '', lead, '', ...x.marks.map((m) => `${m.subject}: ${m.text}`), '', STANDARD_FOOTER].join('\n');
  const rows = x.marks.map((m) => `<tr><td style="${CELL}">${e(m.subject)}</td><td style="${CELL}font-weight:bold;text-align:center">${e(m.text)}</td></tr>`).join('');
  const body =
    `<p style="color:#5f6b7a;font-size:12px;margin:0">${e(x.schoolName)}</p>` +
    `<h2 style="margin:4px 0 8px;font-size:20px">${e(x.pupilName)}, ${e(x.className)}</h2><p>${e(lead)}</p>` +
    `<table style="border-collapse:collapse"><tr><th style="${HEAD}">Предмет</th><th style="${HEAD}">Отметка</th></tr>${rows}</table>`;
  return { subject, text, html: htmlLetter(subject, body, STANDARD_FOOTER) };
}
