import { describe, expect, it } from 'vitest';
import { isStudyDay, planRange, takesPlace, type CourseCalendar } from '../../lib/domain/planned-lessons';
import type { ChangeInput } from '../../lib/domain/diary-day';

// Monday 23 November 2026 … Sunday 29 November.
const calendar: CourseCalendar = {
  terms: [{ startDate: '2026-11-09', endDate: '2026-12-27' }],
  year: { startDate: '2026-09-01', endDate: '2027-05-31' },
  holidays: [
    { name: 'День здоровья', startDate: '2026-11-25', endDate: '2026-11-25' },
    { name: 'Первоклассникам', startDate: '2026-11-26', endDate: '2026-11-26', gradeLevels: [1] },
  ],
  gradeLevel: 5,
};
const change = (c: Partial<ChangeInput> & Pick<ChangeInput, 'date' | 'slot' | 'kind'>): ChangeInput => ({
  courseId: 1, substitute: null, newDate: null, newSlot: null, room: null, reason: null, ...c,
});
const daily = [1, 2, 3, 4, 5].map((weekday) => ({ courseId: 1, weekday, slot: 1, room: null, validFrom: '2026-09-01', validTo: null }));
const keys = (list: { date: string; slot: number; status: string }[]) => list.map((p) => `${p.date}:${p.slot}:${p.status}`);

describe('study days of a course', () => {
  it('are inside a term and outside the holidays of its grade', () => {
    expect(isStudyDay(calendar, '2026-11-24')).toBe(true);
    expect(isStudyDay(calendar, '2026-11-25')).toBe(false);
    expect(isStudyDay(calendar, '2026-11-26')).toBe(true); // the first graders' day off only
    expect(isStudyDay({ ...calendar, gradeLevel: 1 }, '2026-11-26')).toBe(false);
    expect(isStudyDay(calendar, '2026-11-02')).toBe(false); // between the terms
  });

  it('are the whole year when the scheme has no terms', () => {
    expect(isStudyDay({ ...calendar, terms: [] }, '2026-11-02')).toBe(true);
    expect(isStudyDay({ ...calendar, terms: [] }, '2027-06-01')).toBe(false);
  });
});

describe('planRange', () => {
  it('plans each study day with its changes and held lessons', () => {
    const planned = planRange(
      '2026-11-23',
      '2026-11-29',
      daily,
      [
        change({ date: '2026-11-23', slot: 1, kind: 'CANCELLED' }),
        change({ date: '2026-11-24', slot: 1, kind: 'MOVED', newDate: '2026-11-28', newSlot: 2 }),
        // Nothing to substitute on a holiday.
        change({ date: '2026-11-25', slot: 1, kind: 'SUBSTITUTION', substitute: 'Заменова З.' }),
      ],
      [{ courseId: 1, date: '2026-11-26', slot: 1 }],
      () => calendar,
    );
    expect(keys(planned)).toEqual([
      '2026-11-23:1:cancelled', '2026-11-24:1:moved-away', '2026-11-26:1:regular', '2026-11-27:1:regular', '2026-11-28:2:moved-in',
    ]);
    expect(planned.filter(takesPlace).map((p) => [p.date, p.lesson !== null])).toEqual([
      ['2026-11-26', true], ['2026-11-27', false], ['2026-11-28', false],
    ]);
  });

  it('a course without a calendar has no study days', () => {
    expect(planRange('2026-11-23', '2026-11-29', daily, [], [], () => undefined)).toEqual([]);
  });
});
