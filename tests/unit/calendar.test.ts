import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  findHoliday,
  findStudyPeriod,
  formatDateRu,
  formatDayHeaderRu,
  isHoliday,
  isIsoDate,
  isoWeekday,
  MONTH_NAMES_GENITIVE_RU,
  toSchoolDate,
  weekDays,
  weekStart,
  WEEKDAY_NAMES_RU,
} from '../../lib/domain/calendar';
import { startOfSchoolDay, toSchoolTime, zonedTimeToInstant } from '../../lib/domain/timezone';

describe('ISO date arithmetic', () => {
  it('the week of Sunday 22 November 2026 starts on Monday the 16th', () => {
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-28')).toBe('2026-11-23');
  });

  it('a week crossing the new year starts in December', () => {
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });

  it('a school week is Monday to Saturday unless a five-day week is asked for', () => {
    expect(weekDays('2026-11-23')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    expect(weekDays('2026-11-23', 5).at(-1)).toBe('2026-11-27');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // The last Sunday of March is a daylight-saving change in Europe; dates must not care.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-11-23', '2026-11-30')).toBe(7);
  });

  it('validates ISO dates', () => {
    expect(isIsoDate('2026-11-23')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    // Years no school means: the week of 9999-12-31 would run into year 10000.
    expect(isIsoDate('9999-12-31')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(false);
    expect(isIsoDate('23.11.2026')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });
});

describe('Russian formatting', () => {
  it('formats dates as DD.MM.YYYY', () => {
    expect(formatDateRu('2026-11-23')).toBe('23.11.2026');
    expect(formatDateRu('2027-01-05')).toBe('05.01.2027');
  });

  it('formats a diary day header', () => {
    expect(formatDayHeaderRu('2026-11-23')).toBe('понедельник, 23 ноября');
    expect(formatDayHeaderRu('2027-01-01')).toBe('пятница, 1 января');
    expect(formatDayHeaderRu('2026-11-28')).toBe('суббота, 28 ноября');
  });

  it('has Monday-first weekday names and genitive months', () => {
    expect(WEEKDAY_NAMES_RU[isoWeekday('2026-11-25') - 1]).toBe('среда');
    expect(WEEKDAY_NAMES_RU).toHaveLength(7);
    expect(MONTH_NAMES_GENITIVE_RU[2]).toBe('марта');
    expect(MONTH_NAMES_GENITIVE_RU).toHaveLength(12);
  });
});

describe('school timezone', () => {
  const instant = new Date('2026-11-23T21:30:00Z');

  it('decides the school date on the school clock, not UTC', () => {
    expect(toSchoolDate(instant, 'Europe/Moscow')).toBe('2026-11-24'); // 00:30
    expect(toSchoolDate(instant, 'Europe/Kaliningrad')).toBe('2026-11-23'); // 23:30
    expect(toSchoolDate(new Date('2026-11-23T19:30:00Z'), 'Asia/Yekaterinburg')).toBe('2026-11-24');
    expect(toSchoolDate(new Date('2026-11-23T19:30:00Z'), 'Europe/Moscow')).toBe('2026-11-23');
    expect(toSchoolTime(instant, 'Asia/Vladivostok')).toBe('07:30'); // UTC+10
  });

  it('converts bell times to instants', () => {
    expect(zonedTimeToInstant('2026-11-23', '08:30', 'Europe/Moscow').toISOString()).toBe('2026-11-23T05:30:00.000Z');
    expect(zonedTimeToInstant('2026-11-23', '08:30', 'Asia/Yekaterinburg').toISOString()).toBe('2026-11-23T03:30:00.000Z');
    expect(startOfSchoolDay('2026-11-24', 'Europe/Moscow').toISOString()).toBe('2026-11-23T21:00:00.000Z');
  });

  it('handles a zone with daylight saving time', () => {
    // Berlin moves from UTC+1 to UTC+2 on 29 March 2026.
    expect(zonedTimeToInstant('2026-03-28', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T11:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '00:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('rejects an unknown timezone', () => {
    expect(() => toSchoolDate(instant, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('study periods and holidays', () => {
  const periods = [
    { id: 'q1', startDate: '2026-09-01', endDate: '2026-10-30' },
    { id: 'q2', startDate: '2026-11-09', endDate: '2026-12-30' },
  ];
  const holidays = [
    { name: 'Осенние каникулы', startDate: '2026-10-31', endDate: '2026-11-08' },
    { name: 'Доп. каникулы', startDate: '2027-02-20', endDate: '2027-02-28', gradeLevels: [1] },
  ];

  it('finds the period including its first and last day', () => {
    expect(findStudyPeriod(periods, '2026-09-01')?.id).toBe('q1');
    expect(findStudyPeriod(periods, '2026-10-30')?.id).toBe('q1');
    expect(findStudyPeriod(periods, '2026-11-09')?.id).toBe('q2');
  });

  it('finds no period during the holidays', () => {
    expect(findStudyPeriod(periods, '2026-11-04')).toBeNull();
    expect(isHoliday(holidays, '2026-11-04')).toBe(true);
    expect(isHoliday(holidays, '2026-10-31')).toBe(true);
    expect(isHoliday(holidays, '2026-11-09')).toBe(false);
  });

  it('applies grade-specific holidays only to those grades', () => {
    expect(isHoliday(holidays, '2027-02-24', 1)).toBe(true);
    expect(isHoliday(holidays, '2027-02-24', 5)).toBe(false);
    expect(isHoliday(holidays, '2027-02-24')).toBe(false);
    expect(findHoliday(holidays, '2026-11-01', 1)?.name).toBe('Осенние каникулы');
  });
});
