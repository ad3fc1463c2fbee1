import { describe, expect, it } from 'vitest';
import {
  homeworkDeadline,
  homeworkStatus,
  lessonRecordStatus,
  markDeadlineDate,
  markEntryStatus,
} from '../../lib/domain/deadlines';

const MSK = 'Europe/Moscow'; // UTC+3
const YEKT = 'Asia/Yekaterinburg'; // UTC+5
const at = (iso: string) => new Date(iso);

describe('lesson topic and absences: on the lesson day, school time', () => {
  const lessonDate = '2026-11-23';

  it('23:59 in Moscow is still in time, 00:01 the next day is late', () => {
    const now = at('2026-11-24T09:00:00Z');
    expect(lessonRecordStatus({ lessonDate, timeZone: MSK, enteredAt: at('2026-11-23T20:59:00Z'), now })).toBe('ok');
    expect(lessonRecordStatus({ lessonDate, timeZone: MSK, enteredAt: at('2026-11-23T21:01:00Z'), now })).toBe('late');
  });

  it('the same instant is in time in Moscow but late in Yekaterinburg', () => {
    const now = at('2026-11-24T09:00:00Z');
    const enteredAt = at('2026-11-23T19:30:00Z'); // 22:30 in Moscow, 00:30 on the 24th in Yekaterinburg
    expect(lessonRecordStatus({ lessonDate, timeZone: MSK, enteredAt, now })).toBe('ok');
    expect(lessonRecordStatus({ lessonDate, timeZone: YEKT, enteredAt, now })).toBe('late');
  });

  it('23:30 in Yekaterinburg is in time although it is 18:30 UTC', () => {
    const now = at('2026-11-24T09:00:00Z');
    expect(lessonRecordStatus({ lessonDate, timeZone: YEKT, enteredAt: at('2026-11-23T18:30:00Z'), now })).toBe('ok');
  });

  it('not entered: pending until local midnight, then missing', () => {
    const input = { lessonDate, timeZone: MSK, enteredAt: null };
    expect(lessonRecordStatus({ ...input, now: at('2026-11-23T20:00:00Z') })).toBe('pending'); // 23:00
    expect(lessonRecordStatus({ ...input, now: at('2026-11-23T21:00:00Z') })).toBe('missing'); // 00:00
    // At 20:00 UTC it is already 01:00 in Yekaterinburg.
    expect(lessonRecordStatus({ ...input, timeZone: YEKT, now: at('2026-11-23T20:00:00Z') })).toBe('missing');
  });

  it('a topic entered in advance from the plan counts as in time', () => {
    const r = lessonRecordStatus({ lessonDate, timeZone: MSK, enteredAt: at('2026-11-20T10:00:00Z'), now: at('2026-11-25T10:00:00Z') });
    expect(r).toBe('ok');
  });
});

describe('homework: 2 hours after the teacher’s last lesson', () => {
  const lessonDate = '2026-11-23';
  const teacherLastLessonEnd = at('2026-11-23T11:45:00Z'); // 14:45 in Moscow
  const base = { lessonDate, timeZone: MSK, teacherLastLessonEnd };

  it('the deadline is 16:45 Moscow time', () => {
    expect(homeworkDeadline(base).toISOString()).toBe('2026-11-23T13:45:00.000Z');
  });

  it('16:45 is in time, 16:46 is late', () => {
    const now = at('2026-11-23T18:00:00Z');
    expect(homeworkStatus({ ...base, enteredAt: at('2026-11-23T13:45:00Z'), now })).toBe('ok');
    expect(homeworkStatus({ ...base, enteredAt: at('2026-11-23T13:46:00Z'), now })).toBe('late');
  });

  it('not entered: pending at 16:00, missing at 17:00', () => {
    expect(homeworkStatus({ ...base, enteredAt: null, now: at('2026-11-23T13:00:00Z') })).toBe('pending');
    expect(homeworkStatus({ ...base, enteredAt: null, now: at('2026-11-23T14:00:00Z') })).toBe('missing');
  });

  it('the grace period is a setting', () => {
    const input = { ...base, homeworkGraceMinutes: 60, now: at('2026-11-23T18:00:00Z') };
    expect(homeworkStatus({ ...input, enteredAt: at('2026-11-23T12:45:00Z') })).toBe('ok');
    expect(homeworkStatus({ ...input, enteredAt: at('2026-11-23T13:00:00Z') })).toBe('late');
  });

  it('an evening lesson ending 22:30 in Yekaterinburg: due by midnight, not 00:30', () => {
    const evening = { lessonDate, timeZone: YEKT, teacherLastLessonEnd: at('2026-11-23T17:30:00Z') };
    expect(homeworkDeadline(evening).toISOString()).toBe('2026-11-23T18:59:59.999Z');
    const now = at('2026-11-24T05:00:00Z');
    expect(homeworkStatus({ ...evening, enteredAt: at('2026-11-23T18:50:00Z'), now })).toBe('ok'); // 23:50
    expect(homeworkStatus({ ...evening, enteredAt: at('2026-11-23T19:10:00Z'), now })).toBe('late'); // 00:10
  });
});

describe('marks: within a week of the lesson', () => {
  it('marks for a Monday lesson are due by the end of next Monday', () => {
    expect(markDeadlineDate('2026-11-23')).toBe('2026-11-30');
    expect(markDeadlineDate('2026-12-28')).toBe('2027-01-04');
    expect(markDeadlineDate('2026-11-23', 3)).toBe('2026-11-26');
  });

  it('23:00 on the seventh day in Moscow is in time, 00:30 on the eighth is late', () => {
    const base = { lessonDate: '2026-11-23', timeZone: MSK, now: at('2026-12-02T10:00:00Z') };
    expect(markEntryStatus({ ...base, enteredAt: at('2026-11-30T20:00:00Z') })).toBe('ok');
    expect(markEntryStatus({ ...base, enteredAt: at('2026-11-30T21:30:00Z') })).toBe('late');
  });

  it('judges the seventh-day boundary in Yekaterinburg time', () => {
    const base = { lessonDate: '2026-11-23', timeZone: YEKT, enteredAt: null };
    expect(markEntryStatus({ ...base, now: at('2026-11-30T18:59:00Z') })).toBe('pending'); // 23:59 on the 30th
    expect(markEntryStatus({ ...base, now: at('2026-11-30T19:00:00Z') })).toBe('missing'); // 00:00 on 1 December
  });

  it('the number of days is a setting', () => {
    const base = { lessonDate: '2026-11-23', timeZone: MSK, enteredAt: at('2026-11-28T10:00:00Z'), now: at('2026-12-10T00:00:00Z') };
    expect(markEntryStatus({ ...base, markDays: 3 })).toBe('late');
    expect(markEntryStatus(base)).toBe('ok');
  });
});
