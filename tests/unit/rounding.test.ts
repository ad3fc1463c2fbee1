import { describe, expect, it } from 'vitest';
import type { WeightedMark } from '../../lib/domain/averages';
import {
  describePolicy,
  proposePeriodMark,
  ROUNDING_PRESETS,
  validateRoundingPolicy,
  type RoundingPolicy,
} from '../../lib/domain/rounding';

const ones = (...values: number[]): WeightedMark[] => values.map((value) => ({ value, weight: 1 }));
const repeat = (value: number, n: number) => ones(...Array<number>(n).fill(value));
const { standard, strict } = ROUNDING_PRESETS;

describe('proposePeriodMark', () => {
  it('5, 4, 4 with weights 1, 1, 2 → 4,25 → «4» under the standard rule', () => {
    const marks = [
      { value: 5, weight: 1 },
      { value: 4, weight: 1 },
      { value: 4, weight: 2 },
    ];
    expect(proposePeriodMark(marks, standard)).toEqual({ kind: 'mark', value: 4, weightedAverage: 4.25 });
  });

  it('3,5 gives «4» under the standard rule and «3» under the strict one', () => {
    const marks = ones(4, 3, 4, 3);
    expect(proposePeriodMark(marks, standard)).toEqual({ kind: 'mark', value: 4, weightedAverage: 3.5 });
    expect(proposePeriodMark(marks, strict)).toEqual({ kind: 'mark', value: 3, weightedAverage: 3.5 });
  });

  it('4,5 gives «5» under standard, «4» under strict; 4,6 gives «5» under strict', () => {
    expect(proposePeriodMark(ones(5, 4, 5, 4), standard)).toMatchObject({ kind: 'mark', value: 5 });
    expect(proposePeriodMark(ones(5, 4, 5, 4), strict)).toMatchObject({ kind: 'mark', value: 4 });
    expect(proposePeriodMark(ones(5, 5, 5, 4, 4), strict)).toEqual({ kind: 'mark', value: 5, weightedAverage: 4.6 });
  });

  it('proposes «2» below 2,5 and «3» from 2,5', () => {
    expect(proposePeriodMark(ones(2, 2, 3), standard)).toEqual({ kind: 'mark', value: 2, weightedAverage: 2.33 });
    expect(proposePeriodMark(ones(2, 3, 2, 3), standard)).toEqual({ kind: 'mark', value: 3, weightedAverage: 2.5 });
    expect(proposePeriodMark(ones(2, 3, 2, 3), strict)).toMatchObject({ value: 2 });
  });

  it('compares the average the parent sees: 4,4999 is shown as 4,50 and gives «5»', () => {
    const marks = [
      { value: 5, weight: 4999 },
      { value: 4, weight: 5000 },
      { value: 4, weight: 1 },
    ];
    expect(proposePeriodMark(marks, standard)).toEqual({ kind: 'mark', value: 5, weightedAverage: 4.5 });
  });

  describe('with a teacher-decides band of 0,1 below 2,5 / 3,5 / 4,5', () => {
    const banded: RoundingPolicy = { ...standard, teacherDecidesBand: 0.1 };

    it('4,45 leaves the choice between «4» and «5» to the teacher', () => {
      const marks = [...repeat(5, 9), ...repeat(4, 11)]; // 89 / 20
      expect(proposePeriodMark(marks, banded)).toEqual({
        kind: 'teacher-decides',
        lower: 4,
        upper: 5,
        weightedAverage: 4.45,
      });
    });

    it('the band starts at 4,40 inclusive; 4,35 is plainly «4»', () => {
      expect(proposePeriodMark(ones(5, 5, 4, 4, 4), banded)).toMatchObject({ kind: 'teacher-decides', weightedAverage: 4.4 });
      const marks = [...repeat(5, 7), ...repeat(4, 13)]; // 87 / 20
      expect(proposePeriodMark(marks, banded)).toEqual({ kind: 'mark', value: 4, weightedAverage: 4.35 });
    });

    it('at the threshold itself the mark is the upper one', () => {
      expect(proposePeriodMark(ones(5, 4, 5, 4), banded)).toMatchObject({ kind: 'mark', value: 5 });
    });

    it('works at the lower thresholds too: 2,4 → «2» or «3»', () => {
      expect(proposePeriodMark(ones(2, 2, 2, 3, 3), banded)).toEqual({
        kind: 'teacher-decides',
        lower: 2,
        upper: 3,
        weightedAverage: 2.4,
      });
    });

    it('the preset with strict thresholds puts 4,50–4,59 in the band despite 4,6 − 0,1 being 4,4999… in binary', () => {
      expect(proposePeriodMark(ones(5, 4, 5, 4), ROUNDING_PRESETS.teacherDecides)).toMatchObject({
        kind: 'teacher-decides',
        lower: 4,
        upper: 5,
      });
    });
  });

  it('gives no proposal with fewer marks than the minimum', () => {
    expect(proposePeriodMark(ones(5, 5), standard)).toEqual({ kind: 'insufficient', count: 2, minMarks: 3 });
    expect(proposePeriodMark(ones(5, 5, 5), standard)).toMatchObject({ kind: 'mark', value: 5 });
  });

  it('gives no proposal without marks even when no minimum is set', () => {
    expect(proposePeriodMark([], { ...standard, minMarks: 0 })).toEqual({ kind: 'insufficient', count: 0, minMarks: 0 });
    expect(proposePeriodMark(ones(3), { ...standard, minMarks: 0 })).toMatchObject({ kind: 'mark', value: 3 });
  });
});

describe('describePolicy', () => {
  it('explains the standard rule with the exact ranges', () => {
    const text = describePolicy(standard);
    expect(text).toContain('от 4,50 — «5»');
    expect(text).toContain('от 3,50 до 4,49 — «4»');
    expect(text).toContain('от 2,50 до 3,49 — «3»');
    expect(text).toContain('ниже 2,50 — «2»');
    expect(text).toContain('не менее 3 отметок');
  });

  it('names the ranges where the teacher decides', () => {
    const text = describePolicy(ROUNDING_PRESETS.teacherDecides);
    expect(text).toContain('от 4,60 — «5»');
    expect(text).toContain('от 4,50 до 4,59 — «4» или «5» по решению учителя');
    expect(text).toContain('от 3,60 до 4,49 — «4»');
    expect(text).toContain('ниже 2,50 — «2»');
  });

  it('uses the right case for one mark and omits the minimum when there is none', () => {
    expect(describePolicy({ ...standard, minMarks: 1 })).toContain('не менее 1 отметки');
    expect(describePolicy({ ...standard, minMarks: 0 })).not.toContain('не менее');
  });
});

describe('validateRoundingPolicy', () => {
  it('accepts the presets', () => {
    for (const preset of Object.values(ROUNDING_PRESETS)) expect(validateRoundingPolicy(preset)).toEqual([]);
  });

  it('rejects thresholds out of order, a band wider than the gap and a fractional minimum', () => {
    expect(validateRoundingPolicy({ ...standard, thresholds: { 3: 3.5, 4: 2.5, 5: 4.5 } })).toHaveLength(1);
    expect(validateRoundingPolicy({ ...standard, teacherDecidesBand: 1 })).toHaveLength(1);
    expect(validateRoundingPolicy({ ...standard, teacherDecidesBand: -0.1 })).toHaveLength(1);
    expect(validateRoundingPolicy({ ...standard, minMarks: 2.5 })).toHaveLength(1);
  });
});

describe('describePolicy for the year', () => {
  it('says the year mark comes from all the year’s marks, not the term marks', () => {
    const text = describePolicy(standard, 'year');
    expect(text).toMatch(/^Годовая отметка — средневзвешенный балл всех отметок учебного года/);
    expect(text).toContain('Это не среднее отметок за четверти');
    expect(text).toContain('от 4,50 — «5»');
    expect(text).toContain('если за год не менее 3 отметок');
  });
});
