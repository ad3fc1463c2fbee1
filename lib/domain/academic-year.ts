// The academic year and a default calendar to prefill school settings. The dates follow
// the pattern of the federal calendar (ФОП) of recent years — week-long breaks from a
// Saturday to a Sunday around 4 November and late March, New Year holidays until the
// first full school week after 8 January, an extra February week for first graders —
// and are computed from weekdays so they work for any year. The school edits them.

import { addDays, isoWeekday } from './calendar';

export type AcademicYear = {
  startYear: number;
  /** '2026/2027' */
  label: string;
  /** 1 September — the law fixes the start of the school year. */
  startDate: string;
  /** 31 May — the end of the last study period by default. */
  endDate: string;
};

export type StudyPeriodRange = { name: string; ordinal: number; startDate: string; endDate: string };

export type HolidayDefinition = {
  name: string;
  startDate: string;
  endDate: string;
  /** Only for these grade levels; absent = the whole school. */
  gradeLevels?: number[];
};

/** The academic year a date belongs to; the summer belongs to the year that just ended. */
export function academicYearOf(isoDate: string): AcademicYear {
  const [year, month] = isoDate.split('-').map(Number);
  const startYear = month >= 9 ? year : year - 1;
  return {
    startYear,
    label: `${startYear}/${startYear + 1}`,
    startDate: `${startYear}-09-01`,
    endDate: `${startYear + 1}-05-31`,
  };
}

/** First date on or after `iso` falling on ISO weekday `weekday`. */
function onOrAfter(iso: string, weekday: number): string {
  return addDays(iso, (weekday - isoWeekday(iso) + 7) % 7);
}

const SATURDAY = 6;
const MONDAY = 1;

function autumnHoliday(startYear: number): HolidayDefinition {
  // The last Saturday of October, for nine days; stretched to cover 4 November
  // (День народного единства) when that falls right after.
  const start = addDays(onOrAfter(`${startYear}-11-01`, SATURDAY), -7);
  let end = addDays(start, 8);
  const unityDay = `${startYear}-11-04`;
  if (end < unityDay) end = unityDay;
  return { name: 'Осенние каникулы', startDate: start, endDate: end };
}

function winterHoliday(startYear: number): HolidayDefinition {
  // From 31 December, or from the weekend before it if it falls on a Sunday or Monday.
  const dec31 = `${startYear}-12-31`;
  const wd = isoWeekday(dec31);
  const start = wd === 7 ? addDays(dec31, -1) : wd === 1 ? addDays(dec31, -2) : dec31;
  // 1–8 January are public holidays. School resumes on the first weekday after them,
  // unless that leaves a one- or two-day week (Thursday, Friday): then the next Monday.
  let resume = addDays(`${startYear + 1}-01-08`, 1);
  while (isoWeekday(resume) > 5) resume = addDays(resume, 1);
  if (isoWeekday(resume) >= 4) resume = onOrAfter(resume, MONDAY);
  return { name: 'Зимние каникулы', startDate: start, endDate: addDays(resume, -1) };
}

function springHoliday(startYear: number): HolidayDefinition {
  const start = onOrAfter(`${startYear + 1}-03-20`, SATURDAY);
  return { name: 'Весенние каникулы', startDate: start, endDate: addDays(start, 8) };
}

function firstGradeFebruaryHoliday(startYear: number): HolidayDefinition {
  const start = onOrAfter(`${startYear + 1}-02-14`, SATURDAY);
  return {
    name: 'Дополнительные каникулы для первоклассников',
    startDate: start,
    endDate: addDays(start, 8),
    gradeLevels: [1],
  };
}

export function defaultHolidays(startYear: number): HolidayDefinition[] {
  return [
    autumnHoliday(startYear),
    winterHoliday(startYear),
    firstGradeFebruaryHoliday(startYear),
    springHoliday(startYear),
    { name: 'Летние каникулы', startDate: `${startYear + 1}-06-01`, endDate: `${startYear + 1}-08-31` },
  ];
}

/**
 * Four quarters separated by the school-wide holidays, so no quarter overlaps them.
 * The first graders' February week lies inside the third quarter, as in the federal calendar.
 */
export function defaultQuarters(startYear: number): StudyPeriodRange[] {
  const year = academicYearOf(`${startYear}-09-01`);
  const autumn = autumnHoliday(startYear);
  const winter = winterHoliday(startYear);
  const spring = springHoliday(startYear);
  return [
    { name: '1 четверть', ordinal: 1, startDate: year.startDate, endDate: addDays(autumn.startDate, -1) },
    { name: '2 четверть', ordinal: 2, startDate: addDays(autumn.endDate, 1), endDate: addDays(winter.startDate, -1) },
    { name: '3 четверть', ordinal: 3, startDate: addDays(winter.endDate, 1), endDate: addDays(spring.startDate, -1) },
    { name: '4 четверть', ordinal: 4, startDate: addDays(spring.endDate, 1), endDate: year.endDate },
  ];
}

/** Two half-years split by the winter holidays (used in senior grades). */
export function defaultHalfYears(startYear: number): StudyPeriodRange[] {
  const year = academicYearOf(`${startYear}-09-01`);
  const winter = winterHoliday(startYear);
  return [
    { name: '1 полугодие', ordinal: 1, startDate: year.startDate, endDate: addDays(winter.startDate, -1) },
    { name: '2 полугодие', ordinal: 2, startDate: addDays(winter.endDate, 1), endDate: year.endDate },
  ];
}
