// The forecast as the term table and the marks page print it in one word.
import { describe, expect, it } from 'vitest';
import { forecastShort } from '../../components/diary/forecast-text';
import { forecast } from '../../lib/domain/forecast';
import { ROUNDING_PRESETS } from '../../lib/domain/rounding';

describe('forecastShort', () => {
  it('prints the five-point forecast, or that marks are too few', () => {
    const policy = ROUNDING_PRESETS.standard;
    expect(forecastShort({ scale: 'FIVE_POINT', forecast: forecast([{ value: 5, weight: 1 }, { value: 4, weight: 1 }, { value: 5, weight: 2 }], policy) })).toBe('5');
    expect(forecastShort({ scale: 'FIVE_POINT', forecast: forecast([{ value: 5, weight: 1 }], policy) })).toBe('мало отметок');
  });

  it('promises nothing on a pass/fail subject, even with «незач» marks only', () => {
    expect(forecastShort({ scale: 'PASS_FAIL', forecast: null })).toBe('—');
  });
});
