// The school calendar of the demo year: periods, holidays (the domain defaults plus the public
// days off), school days per grade, bell times and wall-clock instants in Moscow.
import { academicYearOf, defaultHalfYears, defaultHolidays, defaultQuarters, type HolidayDefinition, type StudyPeriodRange } from '../../lib/domain/academic-year';
import { addDays, isoWeekday, isHoliday } from '../../lib/domain/calendar';
import { toSchoolDate } from '../../lib/domain/timezone';
import { daysPerWeek } from './curriculum';

export const TIMEZONE = 'Europe/Moscow';

/** Today in Moscow as 'YYYY-MM-DD'. */
export function moscowToday(now = new Date()): string {
  return toSchoolDate(now, TIMEZONE);
}

/**
 * The instant at `minute` minutes after midnight of `iso` in Moscow. Moscow has kept UTC+3 all
 * year since 2014, so a fixed offset is exact and far cheaper than Intl for 100 000 timestamps.
 */
export function moscowInstant(iso: string, minute: number): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + (minute - 180) * 60_000);
}

/** A DATE column value: UTC midnight of the day. */
export function dateValue(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Bell schedule: 45-minute lessons from 08:30, breaks of 10 and 20 minutes. */
export const BELLS: readonly { slot: number; start: number; end: number }[] = (() => {
  const breaks = [10, 20, 20, 10, 10, 10, 10];
  const out: { slot: number; start: number; end: number }[] = [];
  let start = 8 * 60 + 30;
  for (let slot = 1; slot <= 8; slot++) {
    out.push({ slot, start, end: start + 45 });
    start += 45 + (breaks[slot - 1] ?? 10);
  }
  return out;
})();

export function bell(slot: number) {
  const b = BELLS[slot - 1];
  if (!b) throw new RangeError(`No bell slot ${slot}`);
  return b;
}

/** Public days off (ТК РФ ст. 112) that fall in the school year; a Sunday holiday moves to Monday. */
function publicDaysOff(startYear: number): HolidayDefinition[] {
  const y1 = startYear + 1;
  const list: [string, string][] = [
    [`${startYear}-11-04`, 'День народного единства'],
    [`${y1}-02-23`, 'День защитника Отечества'],
    [`${y1}-03-08`, 'Международный женский день'],
    [`${y1}-05-01`, 'Праздник Весны и Труда'],
    [`${y1}-05-09`, 'День Победы'],
  ];
  return list.map(([iso, name]) => {
    const day = isoWeekday(iso) === 7 ? addDays(iso, 1) : iso;
    return { name: `Праздничный день: ${name}`, startDate: day, endDate: day };
  });
}

export type SchoolCalendar = {
  startYear: number;
  label: string;
  yearStart: string;
  yearEnd: string;
  today: string;
  /** The last day with lessons in the journal: `today`, or the year's end in summer. */
  lastJournalDay: string;
  quarters: StudyPeriodRange[];
  halfYears: StudyPeriodRange[];
  holidays: HolidayDefinition[];
};

export function buildCalendar(today: string): SchoolCalendar {
  const year = academicYearOf(today);
  const holidays = [...defaultHolidays(year.startYear), ...publicDaysOff(year.startYear)].filter(
    // a public day off inside a vacation adds nothing
    (h, _, all) => !(h.name.startsWith('Праздничный') && all.some((o) => !o.name.startsWith('Праздничный') && !o.gradeLevels && o.startDate <= h.startDate && h.endDate <= o.endDate)),
  );
  return {
    startYear: year.startYear,
    label: year.label,
    yearStart: year.startDate,
    yearEnd: year.endDate,
    today,
    lastJournalDay: today < year.endDate ? today : year.endDate,
    quarters: defaultQuarters(year.startYear),
    halfYears: defaultHalfYears(year.startYear),
    holidays,
  };
}

/** Whether the grade studies on that date (weekday of its week, not a holiday, inside the year). */
export function isSchoolDay(cal: SchoolCalendar, grade: number, iso: string): boolean {
  if (iso < cal.yearStart || iso > cal.yearEnd) return false;
  if (isoWeekday(iso) > daysPerWeek(grade)) return false;
  return !isHoliday(cal.holidays, iso, grade);
}

/** All school days of a grade in [from, to]. */
export function schoolDays(cal: SchoolCalendar, grade: number, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isSchoolDay(cal, grade, d)) out.push(d);
  return out;
}

export function periodsFor(cal: SchoolCalendar, grade: number): StudyPeriodRange[] {
  return grade >= 10 ? cal.halfYears : cal.quarters;
}

export function periodIndexOf(periods: readonly StudyPeriodRange[], iso: string): number {
  return periods.findIndex((p) => p.startDate <= iso && iso <= p.endDate);
}
