import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import { droppedDays, nextYearDate, periodDatesProblem } from '@/lib/domain/study-periods';

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
  it('keeps the day a year on; 29 February becomes 28 February', () => {
    expect(nextYearDate('2026-09-01')).toBe('2027-09-01');
    expect(nextYearDate('2028-02-29')).toBe('2029-02-28');
  });
});
