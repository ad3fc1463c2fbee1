import { describe, expect, it } from 'vitest';
import { attendanceByPeriod, subjectFigures, weightedMarks } from '../../lib/domain/diary-marks';
import { forecast } from '../../lib/domain/forecast';
import { pupilFigures } from '../../lib/domain/journal-grid';
import { ROUNDING_PRESETS } from '../../lib/domain/rounding';
import { formatRangeRu, groupLabel, shortPersonName } from '../../lib/domain/diary-format';

const marks = [
  { numericValue: 5, weight: 1 },
  { numericValue: 4, weight: 2 },
  { numericValue: null, weight: 1 },
  { numericValue: 3, weight: 1 },
];

describe('subjectFigures', () => {
  it('averages the numeric marks and forecasts exactly as lib/domain does', () => {
    const f = subjectFigures(marks, ROUNDING_PRESETS.standard, 'FIVE_POINT');
    expect(f.count).toBe(4);
    expect(f.average).toBe(4);
    expect(f.weightedAverage).toBe(4);
    expect(f.forecast).toEqual(forecast(weightedMarks(marks), ROUNDING_PRESETS.standard));
    expect(f.forecast?.explanation).toContain('средневзвешенный балл = 16 / 4 = 4,00');
  });

  it('gives the same proposal as the journal grid', () => {
    for (const policy of Object.values(ROUNDING_PRESETS)) {
      const journal = pupilFigures(marks, policy, 'FIVE_POINT');
      expect(subjectFigures(marks, policy, 'FIVE_POINT').forecast?.proposal).toEqual(journal.proposal);
    }
  });

  it('does not forecast on a ten-point or pass/fail scale', () => {
    expect(subjectFigures(marks, ROUNDING_PRESETS.standard, 'TEN_POINT').forecast).toBeNull();
    expect(subjectFigures([{ numericValue: null, weight: 1 }], ROUNDING_PRESETS.standard, 'PASS_FAIL')).toMatchObject({ average: null, forecast: null });
  });
});

describe('attendanceByPeriod', () => {
  it('counts codes per period; lateness is not a missed lesson', () => {
    const periods = [
      { id: 1, startDate: '2026-09-01', endDate: '2026-10-23' },
      { id: 2, startDate: '2026-11-09', endDate: '2026-12-30' },
    ];
    const counts = attendanceByPeriod(
      [
        { code: 'ABSENT', date: '2026-09-10' },
        { code: 'LATE', date: '2026-09-11' },
        { code: 'ILL', date: '2026-11-10' },
        { code: 'ILL', date: '2026-11-11' },
        { code: 'EXCUSED', date: '2026-10-30' },
      ],
      periods,
    );
    expect(counts.get(1)).toEqual({ ABSENT: 1, ILL: 0, EXCUSED: 0, LATE: 1, missed: 1 });
    expect(counts.get(2)).toEqual({ ABSENT: 0, ILL: 2, EXCUSED: 0, LATE: 0, missed: 2 });
  });
});

describe('diary wording', () => {
  it('names teachers briefly and spans weeks in Russian', () => {
    expect(shortPersonName({ lastName: 'Петрова', firstName: 'Анна', middleName: 'Ивановна' })).toBe('Петрова А. И.');
    expect(formatRangeRu('2026-11-23', '2026-11-28')).toBe('23–28 ноября 2026');
    expect(formatRangeRu('2026-11-30', '2026-12-05')).toBe('30 ноября – 5 декабря 2026');
    expect(formatRangeRu('2026-12-28', '2027-01-02')).toBe('28 декабря 2026 – 2 января 2027');
  });

  it('drops the subject repeated in a group name', () => {
    expect(groupLabel('Английский язык', 'Английский язык, 2 группа')).toBe('2 группа');
    expect(groupLabel('Физика', 'Поток 10-х классов')).toBe('Поток 10-х классов');
    expect(groupLabel('Физика', null)).toBeNull();
  });
});
