// A mark's colour says its level on its own scale: a ten-point «5» is satisfactory, not the green
// of an excellent five-point mark.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { markLevel } from '../../lib/domain/grading';
import { MarkBadge, markTone } from '../../components/diary/mark-badge';

const GREEN = 'bg-[#e4f3ea]';
const BLUE = 'bg-accent-soft';
const AMBER = 'bg-[#fdf1dc]';
const RED = 'bg-[#fbe6e3]';

describe('markLevel', () => {
  it('reads a five-point mark as before: 5 excellent, 4 good, 3 satisfactory, 2 and 1 unsatisfactory', () => {
    expect(['5', '4', '3', '2', '1'].map((v) => markLevel('FIVE_POINT', v))).toEqual(['excellent', 'good', 'satisfactory', 'unsatisfactory', 'unsatisfactory']);
  });

  it('reads a ten-point mark in its own bands: 9–10, 7–8, 4–6, 1–3', () => {
    expect(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1'].map((v) => markLevel('TEN_POINT', v))).toEqual([
      'excellent', 'excellent', 'good', 'good', 'satisfactory', 'satisfactory', 'satisfactory', 'unsatisfactory', 'unsatisfactory', 'unsatisfactory',
    ]);
  });

  it('gives no level to pass/fail or to a value off the scale', () => {
    expect(markLevel('PASS_FAIL', 'зач')).toBeNull();
    expect(markLevel('FIVE_POINT', '10')).toBeNull();
  });
});

describe('markTone and MarkBadge colour by the scale', () => {
  it('a ten-point «5» is amber like a satisfactory mark, a five-point «5» green', () => {
    expect(markTone('TEN_POINT', '5')).toContain(AMBER);
    expect(markTone('FIVE_POINT', '5')).toContain(GREEN);
    expect(markTone('TEN_POINT', '10')).toContain(GREEN);
    expect(markTone('TEN_POINT', '8')).toContain(BLUE);
    expect(markTone('TEN_POINT', '3')).toContain(RED);
    expect(markTone('FIVE_POINT', '3')).toContain(AMBER);
  });

  it('the week’s badge carries the level, not the digit, for the stylesheet', () => {
    const badge = (scale: 'FIVE_POINT' | 'TEN_POINT' | null, value: string) => renderToStaticMarkup(createElement(MarkBadge, { value, scale, workType: 'Ответ', weight: 1 }));
    expect(badge('TEN_POINT', '5')).toContain('data-level="satisfactory"');
    expect(badge('FIVE_POINT', '5')).toContain('data-level="excellent"');
    expect(badge(null, '5')).not.toContain('data-level');
  });
});
