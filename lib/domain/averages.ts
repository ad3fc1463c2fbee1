// Plain and weighted averages of marks (DOMAIN.md «Средний балл», «средневзвешенный»).

import { formatDecimalRu } from './russian';

/** A numeric mark with the weight of its work type (контрольная weighs more than устный ответ). */
export type WeightedMark = { value: number; weight: number };

/** Σ values / count; null when there are no values. */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Σ(value × weight) / Σ weight; null when there are no marks.
 * A weight must be a positive finite number: a zero weight would make a mark
 * silently not count, so callers must leave such marks out explicitly.
 */
export function weightedAverage(marks: readonly WeightedMark[]): number | null {
  if (marks.length === 0) return null;
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    if (!(Number.isFinite(m.weight) && m.weight > 0)) {
      throw new RangeError(`Mark weight must be a positive number, got ${m.weight}`);
    }
    sum += m.value * m.weight;
    weights += m.weight;
  }
  return sum / weights;
}

/** Average for display: two decimals with a comma ('4,33'); a dash when there is none. */
export function formatAverage(n: number | null): string {
  return n === null ? '—' : formatDecimalRu(n, 2);
}
