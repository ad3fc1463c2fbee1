// Letters to families and when they are due: the digest carries the extract's content in both
// parts, values from the database are escaped in HTML, and due times follow the school's clock.
import { describe, expect, it } from 'vitest';
import { digestLetter } from '../../lib/mail/templates/digest';
import { finalMarksLetter } from '../../lib/mail/templates/final-marks';
import { forecastLetter } from '../../lib/mail/templates/forecast';
import { dueDigestMonday, dueForecastMonth, inFamilyHours } from '../../lib/jobs/due';
import type { WeekExtract } from '../../lib/pdf/extract-model';

const week: WeekExtract = {
  studentId: 7, schoolName: 'МБОУ «СОШ № 1»', pupilName: 'Филатова Алиса', className: '7А', weekStart: '2026-11-16', weekEnd: '2026-11-21',
  periodName: '2 четверть', classTeacherName: 'Герасимова А. В.', generatedOn: '2026-11-21',
  days: [
    { date: '2026-11-16', holiday: null, lessons: [
      { slot: 1, subject: 'Русский язык', topic: 'Буквы о–ё после шипящих', plannedTest: false, homeworkDue: [], homework: ['§ 21, упр. 165'], marks: [{ value: '5', workType: 'к/р', weight: 2, comment: null }], attendance: null, attendanceComment: null, change: null, room: null },
      { slot: 2, subject: 'Физика', topic: 'Давление <газа>', plannedTest: false, homeworkDue: [], homework: [], marks: [], attendance: 'Б', attendanceComment: null, change: 'замена: Петрова А. И.', room: null },
    ] },
    { date: '2026-11-17', holiday: null, lessons: [] },
  ],
  subjects: [{ subject: 'Русский язык', markCount: 3, average: '4,33', weightedAverage: '4,50', forecast: '5' }],
  late: [],
};

describe('the weekly digest', () => {
  it('has the same content as the extract in the text part and the HTML part', () => {
    const letter = digestLetter(week);
    expect(letter.subject).toBe('Дневник за неделю 16–21 ноября 2026: Филатова Алиса, 7А');
    for (const part of [letter.text, letter.html]) {
      for (const s of ['Филатова Алиса', 'Буквы о–ё после шипящих', '§ 21, упр. 165', 'к/р', 'замена: Петрова А. И.', 'Уроков нет', '4,50', 'Герасимова А. В.']) expect(part).toContain(s);
    }
    expect(letter.text).toContain('1. Русский язык — тема: Буквы о–ё после шипящих — задание: § 21, упр. 165 — отметки: 5 (к/р)');
    expect(letter.text).toContain('посещение: Б — болел');
  });

  it('carries what the diary shows beside the columns, in both parts: due dates, homework due at the lesson, the planned test, comments, a room change', () => {
    const lesson = {
      slot: 3, subject: 'Алгебра', topic: 'Квадратные уравнения', plannedTest: true, homeworkDue: ['№ 301 (задано 16.11)'], homework: ['№ 330 (к 25.11)'],
      marks: [{ value: '3', workType: 'с/р', weight: 1, comment: 'Повторить теорему Виета' }], attendance: 'ОП', attendanceComment: 'на 10 минут', change: null, room: '214',
    };
    const letter = digestLetter({ ...week, days: [{ date: '2026-11-18', holiday: null, lessons: [lesson] }] });
    for (const part of [letter.text, letter.html]) {
      for (const s of ['№ 301 (задано 16.11)', '№ 330 (к 25.11)', 'Запланирована контрольная работа', 'Комментарий к отметке 3: Повторить теорему Виета', 'ОП: на 10 минут', 'другой кабинет: 214']) expect(part).toContain(s);
    }
    expect(letter.text).toContain('3. Алгебра (другой кабинет: 214) — тема: Квадратные уравнения — к уроку: № 301 (задано 16.11) — задание: № 330 (к 25.11)');
    expect(letter.html).toContain('К уроку: № 301 (задано 16.11)');
  });

  it('escapes what came from the database in HTML', () => {
    const { html } = digestLetter(week);
    expect(html).toContain('Давление &lt;газа&gt;');
    expect(html).not.toContain('<газа>');
  });
});

describe('other letters', () => {
  it('lists the published final marks of the period', () => {
    const l = finalMarksLetter({ schoolName: 'Школа', pupilName: 'Иванов Пётр', className: '5А', periodName: '1 четверть', marks: [{ subject: 'Математика', text: '5' }, { subject: 'Музыка', text: 'осв.' }] });
    expect(l.subject).toBe('Итоговые отметки за 1 четверть: Иванов Пётр, 5А');
    expect(l.text).toContain('Математика: 5');
    expect(l.html).toContain('осв.');
  });

  it('explains the forecast', () => {
    const l = forecastLetter({ schoolName: 'Школа', pupilName: 'Иванов Пётр', className: '5А', periodName: '2 четверть', monthLabel: 'декабрь 2026', subjects: [{ subject: 'Алгебра', markCount: 4, average: '4,25', weightedAverage: '4,40', forecast: '4', explanation: 'Отметки и их веса: …' }] });
    expect(l.text).toContain('Алгебра: отметок 4, средний 4,25, средневзвешенный 4,40, прогноз 4');
    expect(l.text).toContain('Алгебра. Отметки и их веса: …');
  });
});

describe('due times on the school clock', () => {
  it('sends the digest of a week from the evening of its last school day', () => {
    // Saturday 21 November 2026, 17:59 and 18:00 in Moscow (UTC+3).
    expect(dueDigestMonday(new Date('2026-11-21T14:59:00Z'), 'Europe/Moscow', 6)).toBe('2026-11-09');
    expect(dueDigestMonday(new Date('2026-11-21T15:00:00Z'), 'Europe/Moscow', 6)).toBe('2026-11-16');
    // A five-day school: Friday evening; on Sunday and Monday morning still that week.
    expect(dueDigestMonday(new Date('2026-11-20T15:00:00Z'), 'Europe/Moscow', 5)).toBe('2026-11-16');
    expect(dueDigestMonday(new Date('2026-11-23T05:00:00Z'), 'Europe/Moscow', 5)).toBe('2026-11-16');
    // In Yekaterinburg (UTC+5) 18:00 comes two hours earlier.
    expect(dueDigestMonday(new Date('2026-11-21T13:00:00Z'), 'Asia/Yekaterinburg', 6)).toBe('2026-11-16');
  });

  it('makes the monthly forecast due from the school’s day of the month', () => {
    expect(dueForecastMonth(new Date('2026-12-01T06:00:00Z'), 'Europe/Moscow', 1)).toBe('2026-12');
    expect(dueForecastMonth(new Date('2026-12-04T06:00:00Z'), 'Europe/Moscow', 5)).toBeNull();
    expect(dueForecastMonth(new Date('2026-12-05T06:00:00Z'), 'Europe/Moscow', 5)).toBe('2026-12');
    // A day beyond the month's end means its last day.
    expect(dueForecastMonth(new Date('2027-02-28T06:00:00Z'), 'Europe/Moscow', 31)).toBe('2027-02');
    // 30 November 22:00 UTC is already 1 December in Moscow: the letter is written at 01:00,
    // but it is not sent before 08:00 (inFamilyHours, applied by the sender to every letter).
    expect(dueForecastMonth(new Date('2026-11-30T22:00:00Z'), 'Europe/Moscow', 1)).toBe('2026-12');
    expect(inFamilyHours(new Date('2026-11-30T22:00:00Z'), 'Europe/Moscow')).toBe(false);
  });

  it('writes to families only from 08:00 to 21:00 on the school clock', () => {
    // 1 December 2026 in Moscow (UTC+3): 07:59, 08:00, 20:59, 21:00.
    expect(inFamilyHours(new Date('2026-12-01T04:59:00Z'), 'Europe/Moscow')).toBe(false);
    expect(inFamilyHours(new Date('2026-12-01T05:00:00Z'), 'Europe/Moscow')).toBe(true);
    expect(inFamilyHours(new Date('2026-12-01T17:59:00Z'), 'Europe/Moscow')).toBe(true);
    expect(inFamilyHours(new Date('2026-12-01T18:00:00Z'), 'Europe/Moscow')).toBe(false);
    // The same instant is morning in Yekaterinburg (UTC+5) and night in Moscow.
    expect(inFamilyHours(new Date('2026-12-01T03:30:00Z'), 'Asia/Yekaterinburg')).toBe(true);
    expect(inFamilyHours(new Date('2026-12-01T03:30:00Z'), 'Europe/Moscow')).toBe(false);
  });
});
