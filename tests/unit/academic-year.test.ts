import { describe, expect, it } from 'vitest';
import { academicYearOf, defaultHalfYears, defaultHolidays, defaultQuarters } from '../../lib/domain/academic-year';
import { addDays, isoWeekday } from '../../lib/domain/calendar';

describe('academicYearOf', () => {
  it('November 2026 is in 2026/2027', () => {
    expect(academicYearOf('2026-11-23')).toEqual({
      startYear: 2026,
      label: '2026/2027',
      startDate: '2026-09-01',
      endDate: '2027-05-31',
    });
  });

  it('spring and the following summer belong to the year that started the previous September', () => {
    expect(academicYearOf('2027-05-20').label).toBe('2026/2027');
    expect(academicYearOf('2027-07-15').label).toBe('2026/2027');
    expect(academicYearOf('2026-08-31').label).toBe('2025/2026');
    expect(academicYearOf('2027-09-01').label).toBe('2027/2028');
  });
});

describe('default calendar', () => {
  it('reproduces the federal calendar of 2023/2024', () => {
    const h = defaultHolidays(2023);
    const range = (name: string) => {
      const x = h.find((d) => d.name.startsWith(name));
      return x && [x.startDate, x.endDate];
    };
    expect(range('Осенние')).toEqual(['2023-10-28', '2023-11-05']);
    expect(range('Зимние')).toEqual(['2023-12-30', '2024-01-08']);
    expect(range('Дополнительные')).toEqual(['2024-02-17', '2024-02-25']);
    expect(range('Весенние')).toEqual(['2024-03-23', '2024-03-31']);
  });

  it('2026/2027 quarters', () => {
    expect(defaultQuarters(2026)).toEqual([
      { name: '1 четверть', ordinal: 1, startDate: '2026-09-01', endDate: '2026-10-30' },
      { name: '2 четверть', ordinal: 2, startDate: '2026-11-09', endDate: '2026-12-30' },
      { name: '3 четверть', ordinal: 3, startDate: '2027-01-11', endDate: '2027-03-19' },
      { name: '4 четверть', ordinal: 4, startDate: '2027-03-29', endDate: '2027-05-31' },
    ]);
  });

  it('the February week is for first graders only', () => {
    const feb = defaultHolidays(2026).find((h) => h.gradeLevels);
    expect(feb).toMatchObject({ startDate: '2027-02-20', endDate: '2027-02-28', gradeLevels: [1] });
  });

  for (let startYear = 2024; startYear <= 2032; startYear++) {
    describe(`${startYear}/${startYear + 1}`, () => {
      const quarters = defaultQuarters(startYear);
      const halves = defaultHalfYears(startYear);
      const holidays = defaultHolidays(startYear);
      const schoolWide = holidays.filter((h) => !h.gradeLevels);

      it('no quarter overlaps a school-wide holiday', () => {
        for (const q of quarters) {
          for (const h of schoolWide) expect(q.endDate < h.startDate || h.endDate < q.startDate).toBe(true);
        }
      });

      it('quarters run from 1 September to 31 May with only holidays between them', () => {
        expect(quarters[0].startDate).toBe(`${startYear}-09-01`);
        expect(quarters[3].endDate).toBe(`${startYear + 1}-05-31`);
        for (let i = 0; i < 3; i++) {
          const gap = schoolWide.find((h) => h.startDate === addDays(quarters[i].endDate, 1));
          expect(gap && addDays(gap.endDate, 1)).toBe(quarters[i + 1].startDate);
        }
      });

      it('autumn and spring breaks run Saturday to Sunday, autumn covers 4 November', () => {
        const autumn = holidays.find((h) => h.name === 'Осенние каникулы')!;
        const spring = holidays.find((h) => h.name === 'Весенние каникулы')!;
        expect(isoWeekday(autumn.startDate)).toBe(6);
        expect(isoWeekday(spring.startDate)).toBe(6);
        expect(isoWeekday(spring.endDate)).toBe(7);
        expect(autumn.startDate <= `${startYear}-11-04` && `${startYear}-11-04` <= autumn.endDate).toBe(true);
      });

      it('winter holidays cover 31 December to 8 January and school resumes on a Monday to Wednesday', () => {
        const winter = holidays.find((h) => h.name === 'Зимние каникулы')!;
        expect(winter.startDate <= `${startYear}-12-31`).toBe(true);
        expect(winter.endDate >= `${startYear + 1}-01-08`).toBe(true);
        expect(isoWeekday(addDays(winter.endDate, 1))).toBeLessThanOrEqual(3);
      });

      it('the first graders’ February week lies inside the third quarter', () => {
        const feb = holidays.find((h) => h.gradeLevels)!;
        expect(feb.startDate > quarters[2].startDate && feb.endDate < quarters[2].endDate).toBe(true);
      });

      it('half-years are split by the winter holidays', () => {
        expect(halves.map((p) => p.name)).toEqual(['1 полугодие', '2 полугодие']);
        expect(halves[0].startDate).toBe(quarters[0].startDate);
        expect(halves[0].endDate).toBe(quarters[1].endDate);
        expect(halves[1].startDate).toBe(quarters[2].startDate);
        expect(halves[1].endDate).toBe(quarters[3].endDate);
      });
    });
  }
});
