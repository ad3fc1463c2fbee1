// Rules for a study period's dates as the school sets them (приказ директора): inside its
// academic year, starting before it ends, and in order with the other periods of its scheme:
// holidays may lie between two quarters, an overlap may not (a day would belong to two quarters,
// and the journal would not know which one a mark counts for). Pure: no database.
import { formatDateRu } from './calendar';

export type DateSpan = { startDate: string; endDate: string };
export type NeighbourPeriod = DateSpan & { name: string; ordinal: number };
export type PeriodDatesProblem = { error: string; field: 'startDate' | 'endDate' };

const span = (s: DateSpan) => `${formatDateRu(s.startDate)}–${formatDateRu(s.endDate)}`;

/**
 * The first problem of `dates` for the period `ordinal` of a scheme whose other periods are
 * `others`, in Russian; null when the dates may be saved.
 */
export function periodDatesProblem(dates: DateSpan, year: DateSpan, ordinal: number, others: readonly NeighbourPeriod[]): PeriodDatesProblem | null {
  if (dates.startDate < year.startDate || dates.startDate > year.endDate) return { error: `Дата вне учебного года (${span(year)})`, field: 'startDate' };
  if (dates.endDate < year.startDate || dates.endDate > year.endDate) return { error: `Дата вне учебного года (${span(year)})`, field: 'endDate' };
  if (dates.startDate > dates.endDate) return { error: 'Начало периода позже его окончания', field: 'endDate' };
  const before = others.filter((o) => o.ordinal < ordinal).sort((a, b) => b.ordinal - a.ordinal)[0];
  const after = others.filter((o) => o.ordinal > ordinal).sort((a, b) => a.ordinal - b.ordinal)[0];
  if (before && dates.startDate <= before.endDate) {
    return { error: `Период должен начинаться после окончания «${before.name}» (${span(before)})`, field: 'startDate' };
  }
  if (after && dates.endDate >= after.startDate) {
    return { error: `Период должен заканчиваться до начала «${after.name}» (${span(after)})`, field: 'endDate' };
  }
  return null;
}

/** Whether `iso` is the last day of February (28th of a common year, 29th of a leap year). */
const lastOfFebruary = (iso: string) => iso.slice(5) === '02-29' || (iso.slice(5) === '02-28' && !isLeap(Number(iso.slice(0, 4))));
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The same day a year later. The last day of February stays the last day of February (28.02.2027
 * → 29.02.2028, 29.02.2028 → 28.02.2029): a term ending with February and the next starting on
 * 1 March stay adjacent, with no day of the leap year left in no term.
 */
export function nextYearDate(iso: string): string {
  const year = Number(iso.slice(0, 4)) + 1;
  const monthDay = lastOfFebruary(iso) ? (isLeap(year) ? '02-29' : '02-28') : iso.slice(5);
  return `${year}-${monthDay}`;
}

/**
 * The periods of one scheme (in order) a year on: each date by nextYearDate, and a period that
 * began the day after its predecessor ended still does (28.02 and 29.02 of a leap year would
 * otherwise both become 28.02, an overlap).
 */
export function nextYearSpans<S extends DateSpan>(spans: readonly S[], dayAfter: (iso: string) => string): S[] {
  const out: S[] = [];
  spans.forEach((s, i) => {
    const adjacent = i > 0 && s.startDate === dayAfter(spans[i - 1].endDate);
    out.push({ ...s, startDate: adjacent ? dayAfter(out[i - 1].endDate) : nextYearDate(s.startDate), endDate: nextYearDate(s.endDate) });
  });
  return out;
}

/**
 * The whole-year period (no scheme) and the terms must agree: the year period covers every term,
 * else closing the year leaves the days outside it open and the year view leaves them out.
 * For the year period, `terms` are all the year's terms; for a term, `yearPeriod` is the year's.
 */
export function yearCoverProblem(dates: DateSpan, kind: 'YEAR' | 'TERM', yearPeriod: NeighbourPeriod | null, terms: readonly NeighbourPeriod[]): PeriodDatesProblem | null {
  if (kind === 'YEAR') {
    const first = [...terms].sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    const last = [...terms].sort((a, b) => b.endDate.localeCompare(a.endDate))[0];
    if (first && dates.startDate > first.startDate) return { error: `Учебный год должен включать «${first.name}» (${span(first)}): начало не позже ${formatDateRu(first.startDate)}`, field: 'startDate' };
    if (last && dates.endDate < last.endDate) return { error: `Учебный год должен включать «${last.name}» (${span(last)}): окончание не раньше ${formatDateRu(last.endDate)}`, field: 'endDate' };
    return null;
  }
  if (!yearPeriod) return null;
  if (dates.startDate < yearPeriod.startDate) return { error: `Период должен быть внутри периода «${yearPeriod.name}» (${span(yearPeriod)})`, field: 'startDate' };
  if (dates.endDate > yearPeriod.endDate) return { error: `Период должен быть внутри периода «${yearPeriod.name}» (${span(yearPeriod)})`, field: 'endDate' };
  return null;
}

/** The days of `before` that `after` no longer covers (at most one span at each end). */
export function droppedDays(before: DateSpan, after: DateSpan, dayBefore: (iso: string) => string, dayAfter: (iso: string) => string): DateSpan[] {
  const dropped: DateSpan[] = [];
  if (after.startDate > before.startDate) dropped.push({ startDate: before.startDate, endDate: after.startDate > before.endDate ? before.endDate : dayBefore(after.startDate) });
  if (after.endDate < before.endDate) dropped.push({ startDate: after.endDate < before.startDate ? before.startDate : dayAfter(after.endDate), endDate: before.endDate });
  return dropped;
}

/** «2027/2028»: the label of the year beginning in `startYear`. */
export const yearLabel = (startYear: number) => `${startYear}/${startYear + 1}`;

export type YearPeriod = NeighbourPeriod & { closed: boolean };

/**
 * The first problem of new dates for an academic year beginning in `startYear`, in Russian; null
 * when they may be saved as far as the year itself and its periods go. The year runs from its
 * start year into the next, ending by 31 August (as a new year is created), and keeps every study
 * period inside: a period is moved first (a closed one by the management opening it), else days
 * of that period would lie outside the year and the journal would count them in no year.
 */
export function yearDatesProblem(dates: DateSpan, startYear: number, periods: readonly YearPeriod[]): PeriodDatesProblem | null {
  if (!dates.startDate.startsWith(`${startYear}-`)) return { error: `Учебный год ${yearLabel(startYear)} начинается в ${startYear} году`, field: 'startDate' };
  if (dates.endDate <= dates.startDate) return { error: 'Окончание года раньше его начала', field: 'endDate' };
  const lastDay = `${startYear + 1}-08-31`;
  if (dates.endDate > lastDay) return { error: `Учебный год заканчивается не позже ${formatDateRu(lastDay)}`, field: 'endDate' };
  // A closed period first: it is the one the administrator cannot move.
  const first = periods.filter((p) => p.startDate < dates.startDate).sort((a, b) => Number(b.closed) - Number(a.closed) || a.startDate.localeCompare(b.startDate))[0];
  const last = periods.filter((p) => p.endDate > dates.endDate).sort((a, b) => Number(b.closed) - Number(a.closed) || b.endDate.localeCompare(a.endDate))[0];
  const outside = (p: YearPeriod, side: string) => p.closed
    ? `Период «${p.name}» (${span(p)}) закрыт и ${side}: его даты не меняются, пока руководство школы не откроет период`
    : `Период «${p.name}» (${span(p)}) ${side}: сначала измените его даты`;
  if (first) return { error: outside(first, `начинается раньше ${formatDateRu(dates.startDate)}`), field: 'startDate' };
  if (last) return { error: outside(last, `заканчивается позже ${formatDateRu(dates.endDate)}`), field: 'endDate' };
  return null;
}
