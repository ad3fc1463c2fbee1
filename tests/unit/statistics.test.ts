import { describe, expect, it } from 'vitest';
import { classStatistics, type FinalResult } from '../../lib/domain/statistics';

const mark = (value: number): FinalResult => ({ value });

describe('classStatistics', () => {
  it('a class of 10 with one exempt, one н/а and one pupil without a mark', () => {
    const results: FinalResult[] = [
      mark(5),
      mark(5),
      mark(4),
      mark(4),
      mark(4),
      mark(3),
      mark(2),
      { special: 'НА' },
      { special: 'ОСВ' },
      null,
    ];
    expect(classStatistics(results)).toEqual({
      pupils: 10,
      nExempt: 1,
      nNoMark: 1,
      nPass: 0,
      N: 8, // 10 − осв. − no mark; н/а stays in
      n5: 2,
      n4: 3,
      n3: 1,
      n2: 1,
      nNA: 1,
      successRate: 75, // (2 + 3 + 1) / 8
      qualityRate: 62.5, // (2 + 3) / 8
      sou: 56.4, // (200 + 192 + 36 + 16 + 7) / 8 = 56,375
      averageMark: 3.86, // 27 / 7, н/а is not a number
    });
  });

  it('counts зач. as passed but not as quality, and leaves it out of СОУ', () => {
    const s = classStatistics([{ special: 'ЗАЧ' }, mark(5), mark(3), { special: 'НА' }]);
    expect(s.N).toBe(4);
    expect(s.nPass).toBe(1);
    expect(s.successRate).toBe(75); // зач., 5, 3 of 4
    expect(s.qualityRate).toBe(25); // only the 5
    expect(s.sou).toBe(47.7); // (100 + 36 + 7) / 3
    expect(s.averageMark).toBe(4);
  });

  it('a class of only зач. has full success, no quality and no СОУ or average', () => {
    const s = classStatistics([{ special: 'ЗАЧ' }, { special: 'ЗАЧ' }]);
    expect(s).toMatchObject({ N: 2, successRate: 100, qualityRate: 0, sou: null, averageMark: null });
  });

  it('rounds percentages to one decimal: 1 of 3 is 33,3 %', () => {
    const s = classStatistics([mark(5), mark(2), mark(2)]);
    expect(s.successRate).toBe(33.3);
    expect(s.qualityRate).toBe(33.3);
    expect(s.sou).toBe(44); // (100 + 16 + 16) / 3
  });

  it('all fives give 100 % everywhere', () => {
    expect(classStatistics([mark(5), mark(5)])).toMatchObject({
      successRate: 100,
      qualityRate: 100,
      sou: 100,
      averageMark: 5,
    });
  });

  it('everything is null when nobody is counted', () => {
    const s = classStatistics([{ special: 'ОСВ' }, null]);
    expect(s).toMatchObject({ N: 0, successRate: null, qualityRate: null, sou: null, averageMark: null });
    expect(classStatistics([]).N).toBe(0);
  });

  it('a «1» is unsatisfactory like a «2»', () => {
    const s = classStatistics([mark(1), mark(4)]);
    expect(s.n2).toBe(1);
    expect(s.successRate).toBe(50);
    expect(s.averageMark).toBe(2.5);
  });

  it('refuses values that are not five-point final marks', () => {
    expect(() => classStatistics([mark(6)])).toThrow(RangeError);
    expect(() => classStatistics([mark(4.5)])).toThrow(RangeError);
  });
});
