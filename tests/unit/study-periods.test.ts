import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import { droppedDays, nextYearDate, nextYearSpans, periodDatesProblem, yearCoverProblem } from '@/lib/domain/study-periods';

const year = { startDate: '2026-09-01', endDate: '2027-05-31' };
const others = [
  { name: '1 четверть', ordinal: 1, startDate: '2026-09-01', endDate: '2026-10-25' },
  { name: '3 четверть', ordinal: 3, startDate: '2027-01-11', endDate: '2027-03-21' },
];
const dropped = (before: { startDate: string; endDate: string }, after: { startDate: string; endDate: string }) =>
  droppedDays(before, after, (d) => addDays(d, -1), (d) => addDays(d, 1));

describe('periodDatesProblem', () => {
  it('accepts a quarter between its neighbours, holidays around it included', () => {
    expect(periodDatesProblem({ startDate: '2026-10-26', endDate: '2027-01-10' }, year, 2, others)).toBeNull();
  });
  it('refuses an overlap with the period before or after, naming it', () => {
    expect(periodDatesProblem({ startDate: '2026-10-25', endDate: '2026-12-27' }, year, 2, others)?.field).toBe('startDate');
    expect(periodDatesProblem({ startDate: '2026-11-05', endDate: '2027-01-11' }, year, 2, others)).toEqual({ field: 'endDate', error: 'Период должен заканчиваться до начала «3 четверть» (11.01.2027–21.03.2027)' });
  });
  it('refuses dates outside the year and a start after the end', () => {
    expect(periodDatesProblem({ startDate: '2026-11-05', endDate: '2027-06-01' }, year, 4, [])?.field).toBe('endDate');
    expect(periodDatesProblem({ startDate: '2026-11-05', endDate: '2026-11-04' }, year, 2, [])?.error).toBe('Начало периода позже его окончания');
  });
});

describe('droppedDays', () => {
  const q = { startDate: '2026-11-05', endDate: '2026-12-27' };
  it('gives the days left at either end, none when the period only grows', () => {
    expect(dropped(q, { startDate: '2026-11-09', endDate: '2026-12-25' })).toEqual([{ startDate: '2026-11-05', endDate: '2026-11-08' }, { startDate: '2026-12-26', endDate: '2026-12-27' }]);
    expect(dropped(q, { startDate: '2026-11-01', endDate: '2027-01-10' })).toEqual([]);
  });
  it('gives the whole period when it moves past itself', () => {
    expect(dropped(q, { startDate: '2027-01-01', endDate: '2027-01-10' })).toEqual([q]);
  });
});

describe('nextYearDate', () => {
  it('keeps the day a year on; the last day of February stays the last day of February', () => {
    expect(nextYearDate('2026-09-01')).toBe('2027-09-01');
    expect(nextYearDate('2027-02-28')).toBe('2028-02-29');
    expect(nextYearDate('2028-02-29')).toBe('2029-02-28');
    expect(nextYearDate('2028-02-28')).toBe('2029-02-28');
    expect(nextYearDate('2027-03-01')).toBe('2028-03-01');
  });
});

describe('nextYearSpans', () => {
  const next = (spans: { startDate: string; endDate: string }[]) => nextYearSpans(spans, (d) => addDays(d, 1));
  it('keeps adjacent trimesters adjacent across 29 February, both ways', () => {
    expect(next([{ startDate: '2026-12-01', endDate: '2027-02-28' }, { startDate: '2027-03-01', endDate: '2027-05-31' }]))
      .toEqual([{ startDate: '2027-12-01', endDate: '2028-02-29' }, { startDate: '2028-03-01', endDate: '2028-05-31' }]);
    expect(next([{ startDate: '2027-12-01', endDate: '2028-02-28' }, { startDate: '2028-02-29', endDate: '2028-05-31' }]))
      .toEqual([{ startDate: '2028-12-01', endDate: '2029-02-28' }, { startDate: '2029-03-01', endDate: '2029-05-31' }]);
  });
  it('keeps holidays between quarters', () => {
    expect(next([{ startDate: '2026-09-01', endDate: '2026-10-25' }, { startDate: '2026-11-05', endDate: '2026-12-27' }]))
      .toEqual([{ startDate: '2027-09-01', endDate: '2027-10-25' }, { startDate: '2027-11-05', endDate: '2027-12-27' }]);
  });
});

describe('yearCoverProblem', () => {
  const terms = [{ name: '1 четверть', ordinal: 1, startDate: '2026-09-01', endDate: '2026-10-25' }, { name: '4 четверть', ordinal: 4, startDate: '2027-03-30', endDate: '2027-05-31' }];
  const yearPeriod = { name: 'Учебный год', ordinal: 1, startDate: '2026-09-01', endDate: '2027-05-31' };
  it('refuses a year period that leaves out days of a term', () => {
    expect(yearCoverProblem({ startDate: '2026-09-01', endDate: '2027-05-25' }, 'YEAR', null, terms)?.field).toBe('endDate');
    expect(yearCoverProblem({ startDate: '2026-09-02', endDate: '2027-05-31' }, 'YEAR', null, terms)?.field).toBe('startDate');
    expect(yearCoverProblem({ startDate: '2026-08-31', endDate: '2027-06-01' }, 'YEAR', null, terms)).toBeNull();
  });
  it('refuses a term past the year period', () => {
    expect(yearCoverProblem({ startDate: '2027-03-30', endDate: '2027-06-01' }, 'TERM', yearPeriod, [])?.field).toBe('endDate');
    expect(yearCoverProblem({ startDate: '2027-03-30', endDate: '2027-05-31' }, 'TERM', yearPeriod, [])).toBeNull();
  });
});
