// Calendar dates as ISO strings 'YYYY-MM-DD'. A lesson date is a day on the school's
// calendar, not an instant, so we never put it into a local-time Date: arithmetic goes
// through UTC midnight, where no timezone or daylight-saving shift can move the day.

export { toSchoolDate } from './timezone';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 86_400_000;

/**
 * A real calendar day in the years a school can mean, 1900–2999: a date typed into an address
 * such as ?week=9999-12-31 would otherwise run past year 9999 in the week's arithmetic.
 */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m || Number(m[1]) < 1900 || Number(m[1]) > 2999) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Both directions are remembered: a diary week or a journal grid asks for the same few hundred
 * dates thousands of times, and on the server every Date goes through Next's instrumented
 * constructor. (addDays results stay day-aligned, so the caches hold whole days only.)
 */
const utcMsOf = new Map<string, number>();

function toUtcMs(iso: string): number {
  const known = utcMsOf.get(iso);
  if (known !== undefined) return known;
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  const [y, m, d] = iso.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, d);
  if (utcMsOf.size >= 50_000) utcMsOf.clear();
  utcMsOf.set(iso, ms);
  return ms;
}

const isoOf = new Map<number, string>();

function fromUtcMs(ms: number): string {
  let iso = isoOf.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString().slice(0, 10);
    if (isoOf.size >= 50_000) isoOf.clear();
    isoOf.set(ms, iso);
  }
  return iso;
}

export function addDays(iso: string, n: number): string {
  return fromUtcMs(toUtcMs(iso) + n * DAY_MS);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((Math.floor(toUtcMs(iso) / DAY_MS) + 3) % 7 + 7) % 7 + 1;
}

/** Monday of the week containing the date (Russian weeks start on Monday). */
export function weekStart(iso: string): string {
  return addDays(iso, 1 - isoWeekday(iso));
}

/**
 * The last school day of the week from `monday` on the school's week (schools.school_days_per_week):
 * Friday on a five-day week, Saturday on a six-day one. The diary's week, and so the extract
 * printed from it, runs to this day, and the weekly digest goes out on its evening.
 */
export function lastSchoolDay(monday: string, schoolDaysPerWeek: number): string {
  return addDays(monday, Math.min(Math.max(schoolDaysPerWeek, 1), 7) - 1);
}

/** The school days of a week from its Monday; six by default, since many schools study on Saturday. */
export function weekDays(isoMonday: string, days = 6): string[] {
  return Array.from({ length: days }, (_, i) => addDays(isoMonday, i));
}

/** Monday-first, so that WEEKDAY_NAMES_RU[isoWeekday(d) - 1] names the day. */
export const WEEKDAY_NAMES_RU = [
  'понедельник',
  'вторник',
  'среда',
  'четверг',
  'пятница',
  'суббота',
  'воскресенье',
] as const;

export const WEEKDAY_SHORT_RU = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'] as const;

/** Genitive month names, as used after a day number: «23 ноября». */
export const MONTH_NAMES_GENITIVE_RU = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

/** Nominative month names, for headers like «Ноябрь 2026». */
export const MONTH_NAMES_RU = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

/** '2026-11-23' → '23.11.2026'. */
export function formatDateRu(iso: string): string {
  toUtcMs(iso); // validates
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** '2026-11-23' → '23 ноября'. */
export function formatDayMonthRu(iso: string): string {
  toUtcMs(iso);
  const [, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTH_NAMES_GENITIVE_RU[m - 1]}`;
}

/** '2026-11-23' → 'понедельник, 23 ноября' (a day column in the diary). */
export function formatDayHeaderRu(iso: string): string {
  return `${WEEKDAY_NAMES_RU[isoWeekday(iso) - 1]}, ${formatDayMonthRu(iso)}`;
}

/** Inclusive on both ends; ISO strings compare correctly as text. */
export function isWithin(iso: string, startDate: string, endDate: string): boolean {
  return startDate <= iso && iso <= endDate;
}

/** The study period (четверть, полугодие…) containing the date, or null (e.g. holidays). */
export function findStudyPeriod<P extends { id: string | number; startDate: string; endDate: string }>(
  periods: readonly P[],
  iso: string,
): P | null {
  return periods.find((p) => isWithin(iso, p.startDate, p.endDate)) ?? null;
}

export type HolidayRange = { startDate: string; endDate: string; name: string; gradeLevels?: readonly number[] };

/**
 * The holiday containing the date, or null. A holiday with `gradeLevels` (the extra
 * February week for first graders) applies only when the caller names one of those
 * grades; without a grade only school-wide holidays count.
 */
export function findHoliday<H extends HolidayRange>(holidays: readonly H[], iso: string, gradeLevel?: number): H | null {
  return holidays.find((h) => isWithin(iso, h.startDate, h.endDate) && holidayCoversGrade(h, gradeLevel ?? null)) ?? null;
}

/** Whether a holiday applies to a grade: one of no grades is school-wide; a pupil of no grade (a stream) has only those. */
export function holidayCoversGrade(h: { gradeLevels?: readonly number[] }, gradeLevel: number | null): boolean {
  return !h.gradeLevels || h.gradeLevels.length === 0 || (gradeLevel !== null && h.gradeLevels.includes(gradeLevel));
}

export function isHoliday(holidays: readonly HolidayRange[], iso: string, gradeLevel?: number): boolean {
  return findHoliday(holidays, iso, gradeLevel) !== null;
}
