// The letter that the class teacher answered a parent's message (class-reply.ts): whose child, the
// parent's message in short and the answer in full, and where the diary shows it (the «Итоги» page,
// worded as the results notices word it).
import { escapeHtml as e, htmlLetter, STANDARD_FOOTER } from '../html';
import type { Letter } from './digest';

export type ReplyLetterInput = {
  schoolName: string;
  pupilName: string;
  className: string;
  /** «Анна Ивановна Петрова». */
  teacherName: string;
  /** When the parent wrote, «24.11.2026, 19:40» on the school's clock. */
  writtenAt: string;
  message: string;
  answer: string;
};

/** How much of the parent's own message the letter repeats: enough to recognise it. */
export const QUOTE_MAX_LENGTH = 200;

/** The message cut at a word near QUOTE_MAX_LENGTH, with «…» when cut; on one line. */
export function quoteOf(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_MAX_LENGTH) return flat;
  const cut = flat.slice(0, QUOTE_MAX_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTE_MAX_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function replyLetter(x: ReplyLetterInput): Letter {
  const subject = `Ответ классного руководителя: ${x.pupilName}, ${x.className}`;
  const lead = `Классный руководитель ${x.teacherName} ответил(а) на ваше сообщение. Ответ есть в электронном дневнике (раздел «Итоги»).`;
  const quote = quoteOf(x.message);
  const text = [
    x.schoolName, `${x.pupilName}, класс ${x.className}`, '', lead, '',
    `Вы писали ${x.writtenAt}: «${quote}»`, '', 'Ответ:', x.answer, '', STANDARD_FOOTER,
  ].join('\n');
  const body =
    `<p style="color:#5f6b7a;font-size:12px;margin:0">${e(x.schoolName)}</p>` +
    `<h2 style="margin:4px 0 8px;font-size:20px">${e(x.pupilName)}, ${e(x.className)}</h2><p>${e(lead)}</p>` +
    `<p style="color:#5f6b7a;margin:12px 0 2px">Вы писали ${e(x.writtenAt)}:</p>` +
    `<p style="margin:0;padding-left:8px;border-left:3px solid #d5dae0">${e(quote)}</p>` +
    `<p style="color:#5f6b7a;margin:12px 0 2px">Ответ:</p>` +
    `<p style="margin:0;padding-left:8px;border-left:3px solid #2f5d8a;white-space:pre-line">${e(x.answer)}</p>`;
  return { subject, text, html: htmlLetter(subject, body, STANDARD_FOOTER) };
}
