// The weekly digest: the same content as the paper extract (lib/pdf/week-extract.ts), as an
// HTML letter with a plain-text part for clients that show text only.
import { capitalizeRu } from '../../domain/russian';
import { formatDayHeaderRu } from '../../domain/calendar';
import { formatRangeRu } from '../../domain/diary-format';
import { ATTENDANCE_LABELS, isAttendanceCode } from '../../domain/attendance';
import type { ExtractLesson, ExtractSubject, WeekExtract } from '../../pdf/extract-model';
import { homeworkLines, teacherRemarks, timetableNotes } from '../../pdf/extract-remarks';
import type { LateEntry } from '../../pdf/extract-model';
import { CELL, escapeHtml as e, HEAD, htmlLetter, STANDARD_FOOTER } from '../html';
import { lateEntriesHtml, lateEntriesText } from './late-entries';

export type Letter = { subject: string; text: string; html: string };

const marksText = (l: ExtractLesson) => l.marks.map((m) => (m.workType ? `${m.value} (${m.workType})` : m.value)).join(', ');
const attendanceText = (code: string) => (isAttendanceCode(code) ? `${code} — ${ATTENDANCE_LABELS[code]}` : code);

function lessonText(l: ExtractLesson): string {
  const notes = timetableNotes(l);
  const parts = [`${l.slot === null ? '•' : `${l.slot}.`} ${l.subject}${notes.length ? ` (${notes.join('; ')})` : ''}`];
  if (l.topic) parts.push(`тема: ${l.topic}`);
  if (l.homeworkDue.length) parts.push(`к уроку: ${l.homeworkDue.join('; ')}`);
  if (l.homework.length) parts.push(`задание: ${l.homework.join('; ')}`);
  if (l.marks.length) parts.push(`отметки: ${marksText(l)}`);
  if (l.attendance) parts.push(`посещение: ${attendanceText(l.attendance)}`);
  // The planned test and the teacher's comments, worded as in the PDF.
  parts.push(...teacherRemarks(l));
  return parts.join(' — ');
}

export function subjectText(s: ExtractSubject): string {
  return `${s.subject}: отметок ${s.markCount}, средний ${s.average ?? '—'}, средневзвешенный ${s.weightedAverage ?? '—'}, прогноз ${s.forecast ?? 'пока не рассчитан'}`;
}

export function subjectsTableHtml(subjects: readonly ExtractSubject[]): string {
  const rows = subjects
    .map((s) => `<tr><td style="${CELL}font-weight:bold">${e(s.subject)}</td><td style="${CELL}text-align:center">${s.markCount}</td><td style="${CELL}text-align:center">${e(s.average ?? '—')}</td><td style="${CELL}text-align:center">${e(s.weightedAverage ?? '—')}</td><td style="${CELL}text-align:center;font-weight:bold">${e(s.forecast ?? '—')}</td></tr>`)
    .join('');
  return `<table style="border-collapse:collapse;width:100%"><tr><th style="${HEAD}">Предмет</th><th style="${HEAD}">Отметок</th><th style="${HEAD}">Средний</th><th style="${HEAD}">Средневзв.</th><th style="${HEAD}">Прогноз</th></tr>${rows}</table>`;
}

function dayHtml(day: WeekExtract['days'][number]): string {
  const title = `<h3 style="margin:16px 0 4px;font-size:15px;background:#eef1f4;padding:4px 8px">${e(capitalizeRu(formatDayHeaderRu(day.date)))}${day.holiday ? ` — ${e(day.holiday)}` : ''}</h3>`;
  if (!day.lessons.length) return title + (day.holiday ? '' : `<p style="margin:4px 8px;color:#5f6b7a">Уроков нет</p>`);
  const rows = day.lessons
    .map((l) => {
      const small = (lines: string[], color: string) => lines.map((t) => `<span style="color:${color};font-size:12px">${e(t)}</span>`);
      const subject = [`<b>${e(l.subject)}</b>`, ...small(timetableNotes(l), '#5f6b7a')].join('<br>');
      const remarks = small(teacherRemarks(l), '#1f2933');
      const topic = [...(l.topic || !remarks.length ? [e(l.topic ?? '—')] : []), ...remarks].join('<br>');
      const marks = l.marks.map((m) => `<b>${e(m.value)}</b>${m.workType ? ` <span style="color:#5f6b7a;font-size:12px">${e(m.workType)}</span>` : ''}`).join(' ');
      return `<tr><td style="${CELL}color:#5f6b7a">${l.slot ?? ''}</td><td style="${CELL}">${subject}</td><td style="${CELL}">${topic}</td><td style="${CELL}">${homeworkLines(l).map(e).join('<br>') || '—'}</td><td style="${CELL}">${marks}</td><td style="${CELL}font-weight:bold">${e(l.attendance ?? '')}</td></tr>`;
    })
    .join('');
  return `${title}<table style="border-collapse:collapse;width:100%"><tr><th style="${HEAD}">№</th><th style="${HEAD}">Предмет</th><th style="${HEAD}">Тема урока</th><th style="${HEAD}">Домашнее задание</th><th style="${HEAD}">Отметки</th><th style="${HEAD}">Проп.</th></tr>${rows}</table>`;
}

/** `late`: entries of earlier weeks recorded since the family's previous digest (lib/jobs/late-entries.ts). */
export function digestLetter(x: WeekExtract, late: readonly LateEntry[] = []): Letter {
  const range = formatRangeRu(x.weekStart, x.weekEnd);
  const subject = `Дневник за неделю ${range}: ${x.pupilName}, ${x.className}`;
  const period = x.periodName ? ` за ${x.periodName}` : '';
  const text = [
    `${x.schoolName}`,
    `Электронный дневник: ${x.pupilName}, класс ${x.className}`,
    `Неделя ${range}`,
    '',
    ...x.days.flatMap((d) => [
      capitalizeRu(formatDayHeaderRu(d.date)).toUpperCase() + (d.holiday ? ` — ${d.holiday}` : ''),
      ...(d.lessons.length ? d.lessons.map(lessonText) : [d.holiday ? '' : 'Уроков нет']),
      '',
    ]),
    ...lateEntriesText(late),
    ...(x.subjects.length ? [`УСПЕВАЕМОСТЬ${period.toUpperCase()}`, ...x.subjects.map(subjectText), ''] : []),
    'Н — отсутствовал, Б — болел, УП — уважительная причина, ОП — опоздал. Прогноз — предварительная отметка по средневзвешенному баллу; итоговую отметку выставляет учитель.',
    x.classTeacherName ? `Классный руководитель: ${x.classTeacherName}` : '',
    '',
    STANDARD_FOOTER,
  ].join('\n');
  const body =
    `<p style="color:#5f6b7a;font-size:12px;margin:0">${e(x.schoolName)}</p>` +
    `<h2 style="margin:4px 0 0;font-size:20px">${e(x.pupilName)}, ${e(x.className)}</h2>` +
    `<p style="margin:2px 0 8px">Неделя ${e(range)}${x.periodName ? ` · ${e(x.periodName)}` : ''}</p>` +
    x.days.map(dayHtml).join('') +
    lateEntriesHtml(late) +
    (x.subjects.length ? `<h3 style="margin:20px 0 4px;font-size:15px">Успеваемость${e(period)}</h3>${subjectsTableHtml(x.subjects)}` : '') +
    `<p style="color:#5f6b7a;font-size:12px">Н — отсутствовал, Б — болел, УП — уважительная причина, ОП — опоздал. Прогноз — предварительная отметка по средневзвешенному баллу; итоговую отметку выставляет учитель.</p>` +
    (x.classTeacherName ? `<p>Классный руководитель: ${e(x.classTeacherName)}</p>` : '');
  return { subject, text, html: htmlLetter(subject, body, STANDARD_FOOTER) };
}
