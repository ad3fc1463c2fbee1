import { describe, expect, it } from 'vitest';
import { GRADING_SCALES, isPassingMark, isValidMarkValue, markNumericValue, normalizeMarkValue } from '../../lib/domain/grading';

describe('grading scales', () => {
  it('lists the values a teacher can put in the journal', () => {
    expect(GRADING_SCALES.FIVE_POINT.values).toEqual(['1', '2', '3', '4', '5']);
    expect(GRADING_SCALES.TEN_POINT.values).toHaveLength(10);
    expect(GRADING_SCALES.TEN_POINT.values.at(-1)).toBe('10');
    expect(GRADING_SCALES.PASS_FAIL.values).toEqual(['зач', 'незач']);
    expect(GRADING_SCALES.PASS_FAIL.numeric).toBe(false);
    expect(GRADING_SCALES.FIVE_POINT.label).toBe('Пятибалльная');
  });

  it('accepts only values of the chosen scale', () => {
    expect(isValidMarkValue('FIVE_POINT', '5')).toBe(true);
    expect(isValidMarkValue('FIVE_POINT', ' 4 ')).toBe(true);
    expect(isValidMarkValue('FIVE_POINT', '6')).toBe(false);
    expect(isValidMarkValue('FIVE_POINT', '0')).toBe(false);
    expect(isValidMarkValue('FIVE_POINT', '4+')).toBe(false);
    expect(isValidMarkValue('FIVE_POINT', '')).toBe(false);
    expect(isValidMarkValue('FIVE_POINT', 'зач')).toBe(false);
    expect(isValidMarkValue('TEN_POINT', '10')).toBe(true);
    expect(isValidMarkValue('TEN_POINT', '11')).toBe(false);
    expect(isValidMarkValue('PASS_FAIL', '5')).toBe(false);
  });

  it('accepts «Зач.» as typed, and stores it canonically', () => {
    expect(isValidMarkValue('PASS_FAIL', 'Зач.')).toBe(true);
    expect(normalizeMarkValue('PASS_FAIL', 'Зач.')).toBe('зач');
    expect(normalizeMarkValue('PASS_FAIL', 'НЕЗАЧ')).toBe('незач');
    expect(normalizeMarkValue('PASS_FAIL', 'зачёт')).toBeNull();
  });

  it('gives a number to average only for numeric scales', () => {
    expect(markNumericValue('FIVE_POINT', '4')).toBe(4);
    expect(markNumericValue('TEN_POINT', '10')).toBe(10);
    expect(markNumericValue('FIVE_POINT', '7')).toBeNull();
    expect(markNumericValue('PASS_FAIL', 'зач')).toBeNull();
  });

  it('knows which marks are satisfactory', () => {
    expect(isPassingMark('FIVE_POINT', '3')).toBe(true);
    expect(isPassingMark('FIVE_POINT', '2')).toBe(false);
    expect(isPassingMark('TEN_POINT', '4')).toBe(true);
    expect(isPassingMark('TEN_POINT', '3')).toBe(false);
    expect(isPassingMark('PASS_FAIL', 'зач')).toBe(true);
    expect(isPassingMark('PASS_FAIL', 'незач')).toBe(false);
    expect(isPassingMark('FIVE_POINT', '9')).toBeNull();
  });
});
