import { describe, expect, it } from 'vitest';
import { average, formatAverage, weightedAverage } from '../../lib/domain/averages';

describe('average', () => {
  it('is the plain mean of marks', () => {
    expect(average([5, 4, 4])).toBeCloseTo(4.3333, 4);
    expect(average([3])).toBe(3);
  });

  it('is null when there are no marks', () => {
    expect(average([])).toBeNull();
  });
});

describe('weightedAverage', () => {
  it('lets a test with weight 2 count twice: 5, 4, 4 with weights 1, 1, 2 → 4,25', () => {
    expect(
      weightedAverage([
        { value: 5, weight: 1 },
        { value: 4, weight: 1 },
        { value: 4, weight: 2 },
      ]),
    ).toBe(4.25);
  });

  it('equals the plain mean when all weights are equal', () => {
    expect(weightedAverage([5, 4, 4].map((value) => ({ value, weight: 1.5 })))).toBeCloseTo(13 / 3, 10);
  });

  it('supports fractional weights: 5 (вес 0,5) and 3 (вес 1,5) → 3,5', () => {
    expect(
      weightedAverage([
        { value: 5, weight: 0.5 },
        { value: 3, weight: 1.5 },
      ]),
    ).toBe(3.5);
  });

  it('is null when there are no marks', () => {
    expect(weightedAverage([])).toBeNull();
  });

  it('refuses a zero or negative weight instead of silently ignoring the mark', () => {
    expect(() => weightedAverage([{ value: 5, weight: 0 }])).toThrow(RangeError);
    expect(() => weightedAverage([{ value: 5, weight: -1 }])).toThrow(RangeError);
    expect(() => weightedAverage([{ value: 5, weight: Number.NaN }])).toThrow(RangeError);
  });
});

describe('formatAverage', () => {
  it('shows two decimals with a comma', () => {
    expect(formatAverage(13 / 3)).toBe('4,33');
    expect(formatAverage(4.25)).toBe('4,25');
    expect(formatAverage(5)).toBe('5,00');
    expect(formatAverage(11 / 3)).toBe('3,67');
  });

  it('rounds a half up as a teacher would', () => {
    expect(formatAverage(4.325)).toBe('4,33');
    expect(formatAverage(4.495)).toBe('4,50');
  });

  it('shows a dash when there is no average', () => {
    expect(formatAverage(null)).toBe('—');
  });
});
