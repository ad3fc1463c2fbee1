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

/** The same day a year later; 29 February becomes 28 February. */
export function nextYearDate(iso: string): string {
  const year = Number(iso.slice(0, 4)) + 1;
  const monthDay = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${year}-${monthDay}`;
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
