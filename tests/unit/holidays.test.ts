import { describe, expect, it } from 'vitest';
import { holidayProblems, holidaySpan } from '@/lib/domain/holidays';
import { parseSettings } from '@/lib/domain/school-settings';

const year = { startDate: '2026-09-01', endDate: '2027-05-31' };
const span = holidaySpan(year);
const h = (startDate: string, endDate: string, gradeLevels: number[] = [], name = 'Каникулы') => ({ name, startDate, endDate, gradeLevels });

describe('holidayProblems', () => {
  it('takes the summer into the year that just ended', () => {
    expect(span).toEqual({ startDate: '2026-09-01', endDate: '2027-08-31' });
    expect(holidayProblems(h('2027-06-01', '2027-08-31'), span, [])).toBeNull();
    expect(holidayProblems(h('2027-08-31', '2027-09-01'), span, [])).toEqual({ field: 'endDate', error: 'Дата вне учебного года (01.09.2026–31.08.2027)' });
  });

  it('counts an overlap only among holidays of the same pupils', () => {
    const others = [h('2027-02-13', '2027-02-21', [1], 'Первоклассники')];
    expect(holidayProblems(h('2027-02-21', '2027-02-23', [1, 4]), span, others)?.field).toBe('startDate');
    expect(holidayProblems(h('2027-02-21', '2027-02-23', [2]), span, others)).toBeNull();
    expect(holidayProblems(h('2027-02-23', '2027-02-23'), span, others)).toBeNull(); // a day off for everyone
    expect(holidayProblems(h('2027-02-22', '2027-02-23', [1]), span, others)).toBeNull(); // the next day: no overlap
  });
});

describe('parseSettings', () => {
  const valid = {
    name: 'Школа', shortName: 'Школа', address: '', resultVisibilityHours: '0', schoolDaysPerWeek: '6', markEntryDays: '7', homeworkGraceMinutes: '120',
    forecastDayOfMonth: '1', threshold3: '2,5', threshold4: '3.5', threshold5: '4,50', teacherDecidesBand: '0', minMarks: '0',
  };

  it('reads decimals with a comma or a point into the rounding policy', () => {
    expect(parseSettings(valid)).toMatchObject({ ok: true, settings: { resultVisibilityHours: 0, roundingPolicy: { thresholds: { 3: 2.5, 4: 3.5, 5: 4.5 }, teacherDecidesBand: 0, minMarks: 0 } } });
  });

  it('refuses hours with a fraction and a threshold above 5', () => {
    expect(parseSettings({ ...valid, resultVisibilityHours: '1,5' })).toEqual({ ok: false, errors: { resultVisibilityHours: 'Задержка показа итогов — целое число от 0 до 72: по положению итоги доступны семьям не позже чем через 3 суток' } });
    expect(parseSettings({ ...valid, threshold5: '5,1' })).toMatchObject({ ok: false, errors: { policy: expect.stringContaining('Пороги должны возрастать') } });
  });
});
