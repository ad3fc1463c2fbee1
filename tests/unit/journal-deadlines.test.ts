import { describe, expect, it } from 'vitest';
import { lessonDeadlineFlags, type LessonEntries } from '../../lib/domain/journal-deadlines';
import { clockTime, slotTime } from '../../lib/domain/bell-times';
import { checkAttachment, cleanFileName, MAX_ATTACHMENT_BYTES } from '../../lib/domain/attachment-types';

const settings = { timeZone: 'Europe/Moscow', homeworkGraceMinutes: 120, markEntryDays: 7 };
const at = (iso: string) => new Date(iso);
// Monday 23 November 2026; the teacher's last lesson ends at 14:25 Moscow (11:25 UTC).
const lesson = (over: Partial<LessonEntries> = {}): LessonEntries => ({
  date: '2026-11-23',
  kind: 'LESSON',
  plannedTest: false,
  topicEnteredAt: at('2026-11-23T06:00:00Z'),
  attendanceEnteredAt: at('2026-11-23T06:05:00Z'),
  homeworkEnteredAt: at('2026-11-23T07:00:00Z'),
  teacherLastLessonEnd: '14:25',
  markCount: 10,
  lateMarkCount: 0,
  ...over,
});
const rules = (l: LessonEntries, now: Date) => lessonDeadlineFlags(l, settings, now).map((f) => `${f.rule}:${f.status}`);

describe('deadline flags of a lesson', () => {
  it('nothing is flagged when all was entered in time', () => {
    expect(rules(lesson(), at('2026-12-10T12:00:00Z'))).toEqual([]);
  });

  it('topic and absences missing after the lesson day, late when entered the next day', () => {
    const l = lesson({ topicEnteredAt: null, attendanceEnteredAt: at('2026-11-24T06:00:00Z') });
    expect(rules(lesson({ topicEnteredAt: null }), at('2026-11-23T20:00:00Z'))).toEqual([]); // 23:00 Moscow: still the lesson day
    expect(rules(l, at('2026-11-24T09:00:00Z'))).toEqual(['topic:missing', 'attendance:late']);
  });

  it('homework: 2 hours after the teacher’s last lesson (16:25 Moscow), by the school’s grace setting', () => {
    expect(rules(lesson({ homeworkEnteredAt: at('2026-11-23T13:25:00Z') }), at('2026-11-25T00:00:00Z'))).toEqual([]);
    expect(rules(lesson({ homeworkEnteredAt: at('2026-11-23T13:26:00Z') }), at('2026-11-25T00:00:00Z'))).toEqual(['homework:late']);
    expect(rules(lesson({ homeworkEnteredAt: null }), at('2026-11-23T13:00:00Z'))).toEqual([]);
    expect(rules(lesson({ homeworkEnteredAt: null }), at('2026-11-23T13:30:00Z'))).toEqual(['homework:missing']);
    const lenient = lessonDeadlineFlags(lesson({ homeworkEnteredAt: at('2026-11-23T15:00:00Z') }), { ...settings, homeworkGraceMinutes: 240 }, at('2026-11-25T00:00:00Z'));
    expect(lenient).toEqual([]);
  });

  it('marks: late ones are counted; a test without marks is missing after 7 days, not before', () => {
    expect(lessonDeadlineFlags(lesson({ lateMarkCount: 3 }), settings, at('2026-12-10T00:00:00Z'))).toEqual([
      { rule: 'marks', status: 'late', text: 'Отметки выставлены позже 7 дн. после урока: 3' },
    ]);
    const test = lesson({ kind: 'TEST', markCount: 0 });
    expect(rules(test, at('2026-11-30T20:00:00Z'))).toEqual([]); // Monday a week later, 23:00 Moscow
    expect(rules(test, at('2026-11-30T21:01:00Z'))).toEqual(['marks:missing']);
    expect(lessonDeadlineFlags(test, settings, at('2026-11-30T21:01:00Z'))[0].text).toBe('Нет отметок за работу (срок — 30.11.2026)');
    expect(rules(lesson({ markCount: 0 }), at('2026-12-30T00:00:00Z'))).toEqual([]); // an ordinary lesson needs no marks
  });

  it('a проверочная работа, or a plain lesson in the test schedule, without marks is missing after 7 days (seed 002 §3.6)', () => {
    const late = at('2026-11-30T21:01:00Z');
    expect(rules(lesson({ kind: 'QUIZ', markCount: 0 }), late)).toEqual(['marks:missing']);
    expect(rules(lesson({ plannedTest: true, markCount: 0 }), late)).toEqual(['marks:missing']);
    expect(rules(lesson({ kind: 'QUIZ', markCount: 0 }), at('2026-11-30T20:00:00Z'))).toEqual([]);
    expect(rules(lesson({ kind: 'EXCURSION', markCount: 0 }), late)).toEqual([]);
  });

  it('formats bell minutes', () => {
    expect(clockTime(8 * 60 + 5)).toBe('08:05');
    expect(clockTime(14 * 60 + 25)).toBe('14:25');
    expect(slotTime({ startMinute: 8 * 60 + 30, endMinute: 9 * 60 + 15 })).toBe('08:30–09:15');
  });
});

describe('homework attachments', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7 test');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  it('accepts a file whose first bytes match its extension', () => {
    expect(checkAttachment('Задание.pdf', pdf)).toMatchObject({ ok: true, mimeType: 'application/pdf', fileName: 'Задание.pdf' });
    expect(checkAttachment('photo.PNG', png)).toMatchObject({ ok: true, mimeType: 'image/png' });
    expect(checkAttachment('table.xlsx', zip)).toMatchObject({ ok: true });
    expect(checkAttachment('notes.txt', new TextEncoder().encode('Прочитать §5'))).toMatchObject({ ok: true });
  });

  it('refuses a renamed executable, an unknown type, an empty or too large file', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0]);
    expect(checkAttachment('virus.pdf', exe)).toMatchObject({ ok: false, error: expect.stringContaining('не соответствует') });
    expect(checkAttachment('binary.txt', exe)).toMatchObject({ ok: false });
    expect(checkAttachment('script.exe', exe)).toMatchObject({ ok: false, error: expect.stringContaining('Допустимые') });
    expect(checkAttachment('empty.pdf', new Uint8Array())).toMatchObject({ ok: false });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(pdf);
    expect(checkAttachment('big.pdf', big)).toMatchObject({ ok: false, error: 'Файл больше 5 МБ' });
  });

  it('keeps only the base name, without control characters or quotes', () => {
    expect(cleanFileName('..\\..\\evil/"name".pdf')).toBe('name.pdf');
    expect(cleanFileName('a\u0000b.txt')).toBe('ab.txt');
    // A right-to-left override would show «otchetfdp.exe» as «otchetexe.pdf».
    expect(cleanFileName('otchet\u202Efdp.exe')).toBe('otchetfdp.exe');
    expect(cleanFileName('\u2066a\u2069\u200f.pdf')).toBe('a.pdf');
  });
});
