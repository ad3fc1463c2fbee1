// The monthly forecast of the period marks (seed 001 §6: at least once a month), per subject with
// the averages it rests on and the explanation the diary gives.
import type { ExtractSubject } from '../../pdf/extract-model';
import { escapeHtml as e, htmlLetter, STANDARD_FOOTER } from '../html';
import { subjectsTableHtml, subjectText, type Letter } from './digest';

export type ForecastInput = {
  schoolName: string;
  pupilName: string;
  className: string;
  periodName: string;
  /** 'ноябрь 2026' */
  monthLabel: string;
  subjects: (ExtractSubject & { explanation: string | null })[];
};

export function forecastLetter(x: ForecastInput): Letter {
  const subject = `Прогноз итоговых отметок за ${x.periodName}: ${x.pupilName}, ${x.className}`;
  const lead = `Прогноз итоговых отметок за ${x.periodName} на ${x.monthLabel}. Прогноз — это отметка, которую дал бы средневзвешенный балл сейчас; итоговую отметку выставляет учитель в конце периода.`;
  const explanations = x.subjects.filter((s) => s.explanation);
  const text = [
    x.schoolName,
    `${x.pupilName}, класс ${x.className}`,
    '',
    lead,
    '',
    ...x.subjects.map(subjectText),
    '',
    'Как считается прогноз:',
    ...explanations.map((s) => `${s.subject}. ${s.explanation}`),
    '',
    STANDARD_FOOTER,
  ].join('\n');
  const body =
    `<p style="color:#5f6b7a;font-size:12px;margin:0">${e(x.schoolName)}</p>` +
    `<h2 style="margin:4px 0 8px;font-size:20px">${e(x.pupilName)}, ${e(x.className)}</h2>` +
    `<p>${e(lead)}</p>${subjectsTableHtml(x.subjects)}` +
    (explanations.length
      ? `<h3 style="margin:20px 0 4px;font-size:15px">Как считается прогноз</h3>` + explanations.map((s) => `<p style="margin:4px 0"><b>${e(s.subject)}.</b> ${e(s.explanation!)}</p>`).join('')
      : '');
  return { subject, text, html: htmlLetter(subject, body, STANDARD_FOOTER) };
}
