import { describe, expect, it } from 'vitest';
import type { WeightedMark } from '../../lib/domain/averages';
import { countMarksRu, forecast, whatWouldChange } from '../../lib/domain/forecast';
import { ROUNDING_PRESETS, type RoundingPolicy } from '../../lib/domain/rounding';

const ones = (...values: number[]): WeightedMark[] => values.map((value) => ({ value, weight: 1 }));
const repeat = (value: number, n: number) => ones(...Array<number>(n).fill(value));
const sentences = (marks: WeightedMark[], policy: RoundingPolicy = ROUNDING_PRESETS.standard, options = {}) =>
  whatWouldChange(marks, policy, options).map((c) => c.sentence);

describe('countMarksRu', () => {
  it('names marks with the right number word and plural', () => {
    expect(countMarksRu(1, 5)).toBe('одна пятёрка');
    expect(countMarksRu(2, 2)).toBe('две двойки');
    expect(countMarksRu(4, 4)).toBe('четыре четвёрки');
    expect(countMarksRu(5, 3)).toBe('пять троек');
    expect(countMarksRu(11, 2)).toBe('11 двоек');
  });
});

describe('forecast', () => {
  it('5, 4, 4, 5, 4: one more five makes it «5»', () => {
    const f = forecast(ones(5, 4, 4, 5, 4), ROUNDING_PRESETS.standard);
    expect(f.proposal).toEqual({ kind: 'mark', value: 4, weightedAverage: 4.4 });
    expect(f.whatWouldChange[0]).toMatchObject({ value: 5, count: 1, direction: 'raise' });
    expect(f.whatWouldChange[0].sentence).toBe('Ещё одна пятёрка даст прогноз 5');
  });

  it('4, 4, 4: three fives raise it, four threes or two twos lower it', () => {
    // 4,4,4 + 5,5,5 = 27/6 = 4,50; with only two fives 22/5 = 4,40.
    // 4,4,4 + 2,2 = 16/5 = 3,20, while one two gives exactly 3,50 — still «4».
    // 4,4,4 + four 3s = 24/7 ≈ 3,43; three 3s give 3,50.
    expect(sentences(ones(4, 4, 4))).toEqual([
      'Ещё три пятёрки дадут прогноз 5',
      'Четыре тройки снизят прогноз до 3',
      'Две двойки снизят прогноз до 3',
    ]);
  });

  it('explains the weights and the arithmetic: 5, 4, 4 with weights 1, 1, 2', () => {
    const marks = [
      { value: 5, weight: 1 },
      { value: 4, weight: 1 },
      { value: 4, weight: 2 },
    ];
    const f = forecast(marks, ROUNDING_PRESETS.standard);
    expect(f.proposal).toEqual({ kind: 'mark', value: 4, weightedAverage: 4.25 });
    expect(f.explanation).toContain('5 (вес 1), 4 (вес 1), 4 (вес 2)');
    expect(f.explanation).toContain('средневзвешенный балл = 17 / 4 = 4,25');
    expect(f.explanation).toContain('Прогноз: 4.');
    expect(f.explanation).toContain('от 4,50 — «5»');
    // 2 fives: 27/6 = 4,50. 3 twos: 23/7 ≈ 3,29 (2 twos: 21/6 = 3,50). 7 threes: 38/11 ≈ 3,45.
    expect(f.whatWouldChange.map((c) => c.sentence)).toEqual([
      'Ещё две пятёрки дадут прогноз 5',
      'Семь троек снизят прогноз до 3',
      'Три двойки снизят прогноз до 3',
    ]);
  });

  it('marks an inexact average as approximate', () => {
    expect(forecast(ones(5, 4, 4), ROUNDING_PRESETS.standard).explanation).toContain('13 / 3 ≈ 4,33');
  });

  it('mentions the weight of the hypothetical marks when it is not 1', () => {
    // 4,4,4 + two fives of weight 2: 32/7 ≈ 4,57.
    expect(sentences(ones(4, 4, 4), ROUNDING_PRESETS.standard, { weight: 2, values: [5] })).toEqual([
      'Ещё две пятёрки с весом 2 дадут прогноз 5',
    ]);
  });

  it('says when the teacher will decide, and when «5» becomes certain', () => {
    // Strict thresholds with a 0,1 band: 4,50–4,59 is the teacher's choice.
    // 4,5,4,5,4 = 4,40; +1 five = 27/6 = 4,50; +3 fives = 37/8 ≈ 4,63.
    const f = forecast(ones(4, 5, 4, 5, 4), ROUNDING_PRESETS.teacherDecides);
    expect(f.whatWouldChange.slice(0, 2).map((c) => c.sentence)).toEqual([
      'Ещё одна пятёрка даст прогноз 4 или 5 (решает учитель)',
      'Ещё три пятёрки дадут прогноз 5',
    ]);
  });

  it('finds the certain mark also when the teacher\'s band takes several marks to reach', () => {
    // 4,4,4,4 + 4 fives = 36/8 = 4,50 (the teacher decides); 5 fives = 41/9 ≈ 4,56; 6 fives = 46/10 = 4,60.
    // 4,4,4,4 + 3 threes = 25/7 ≈ 3,57 and 4 threes = 3,50 (the teacher decides); 5 threes = 31/9 ≈ 3,44.
    expect(sentences(ones(4, 4, 4, 4), ROUNDING_PRESETS.teacherDecides, { values: [5, 3] })).toEqual([
      'Ещё четыре пятёрки дадут прогноз 4 или 5 (решает учитель)',
      'Ещё шесть пятёрок дадут прогноз 5',
      'Три тройки снизят прогноз до 3 или 4 (решает учитель)',
      'Пять троек снизят прогноз до 3',
    ]);
    // 5,5,5,5 + 3 fours = 32/7 ≈ 4,57 (the teacher decides); 5 fours = 40/9 ≈ 4,44.
    expect(sentences(repeat(5, 4), ROUNDING_PRESETS.teacherDecides, { values: [4] })).toEqual([
      'Три четвёрки снизят прогноз до 4 или 5 (решает учитель)',
      'Пять четвёрок снизят прогноз до 4',
    ]);
  });

  it('describes the teacher-decides proposal', () => {
    const f = forecast(ones(5, 4, 5, 4), ROUNDING_PRESETS.teacherDecides);
    expect(f.proposal).toMatchObject({ kind: 'teacher-decides', lower: 4, upper: 5 });
    expect(f.explanation).toContain('Прогноз: 4 или 5 — окончательную отметку выбирает учитель.');
  });

  it('a straight-A pupil gets no «raise» sentence, and only marks that can move the average appear', () => {
    // 30 fives: seven twos give 164/37 ≈ 4,43; threes need 11 (> 10 tried); fours need 31.
    const changes = whatWouldChange(repeat(5, 30), ROUNDING_PRESETS.standard);
    expect(changes.map((c) => c.sentence)).toEqual(['Семь двоек снизят прогноз до 4']);
    expect(changes.every((c) => c.direction === 'lower')).toBe(true);
  });

  it('looks further when asked to', () => {
    const changes = whatWouldChange(repeat(5, 30), ROUNDING_PRESETS.standard, { maxAdditional: 11, values: [3] });
    expect(changes.map((c) => c.sentence)).toEqual(['11 троек снизят прогноз до 4']);
  });

  it('with too few marks tells how many are missing and what the next marks would give', () => {
    const f = forecast(ones(5), ROUNDING_PRESETS.standard);
    expect(f.proposal).toEqual({ kind: 'insufficient', count: 1, minMarks: 3 });
    expect(f.explanation).toContain('в периоде 1 отметка, нужно ещё 2 отметки');
    // 5 + 3 + 3 = 11/3 ≈ 3,67 → «4»; 5 + 2 + 2 = 3,00 → «3».
    expect(f.whatWouldChange.map((c) => c.sentence)).toEqual([
      'Ещё две пятёрки дадут прогноз 5',
      'Ещё две четвёрки дадут прогноз 4',
      'Ещё две тройки дадут прогноз 4',
      'Ещё две двойки дадут прогноз 3',
    ]);
    expect(f.whatWouldChange.every((c) => c.direction === 'reach')).toBe(true);
  });

  it('agrees «нужна» with a single missing mark', () => {
    expect(forecast(ones(5, 4), ROUNDING_PRESETS.standard).explanation).toContain('в периоде 2 отметки, нужна ещё 1 отметка');
  });

  it('without any marks says so', () => {
    const f = forecast([], ROUNDING_PRESETS.standard);
    expect(f.explanation).toContain('в периоде 0 отметок, нужно ещё 3 отметки');
    expect(f.whatWouldChange[0].sentence).toBe('Ещё три пятёрки дадут прогноз 5');
  });
});
