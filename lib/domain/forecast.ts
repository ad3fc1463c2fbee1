// Forecast of the period mark for pupils and parents (seeds 001 §6, 002 §3.2): the proposal,
// how it was computed, and what the next marks would change. The point is transparency —
// a parent should be able to redo the arithmetic from the explanation.

import type { WeightedMark } from './averages';
import { capitalizeRu, formatDecimalRu, numberWordRu, pluralRu, roundTo } from './russian';
import { describePolicy, proposePeriodMark, type PeriodMarkProposal, type PeriodMarkValue, type RoundingPolicy } from './rounding';

export type ForecastChange = {
  /** Value of the hypothetical additional marks. */
  value: PeriodMarkValue;
  weight: number;
  /** Smallest number of such marks that changes the forecast. */
  count: number;
  /** 'reach': the forecast becomes computable (there were too few marks). */
  direction: 'raise' | 'lower' | 'reach';
  result: Exclude<PeriodMarkProposal, { kind: 'insufficient' }>;
  /** Russian sentence, e.g. «Ещё одна пятёрка даст прогноз 5». */
  sentence: string;
};

export type Forecast = {
  proposal: PeriodMarkProposal;
  explanation: string;
  whatWouldChange: ForecastChange[];
};

export type ForecastOptions = {
  /** Weight of the hypothetical marks; the weight of an ordinary answer by default. */
  weight?: number;
  /** Do not look further than this many additional marks. */
  maxAdditional?: number;
  /** Which hypothetical mark values to try, in the order sentences are listed. */
  values?: readonly PeriodMarkValue[];
};

const MARK_NOUNS: Record<PeriodMarkValue, [string, string, string]> = {
  5: ['пятёрка', 'пятёрки', 'пятёрок'],
  4: ['четвёрка', 'четвёрки', 'четвёрок'],
  3: ['тройка', 'тройки', 'троек'],
  2: ['двойка', 'двойки', 'двоек'],
};

/** «одна пятёрка», «две четвёрки», «пять троек». */
export function countMarksRu(count: number, value: PeriodMarkValue): string {
  const [one, few, many] = MARK_NOUNS[value];
  return `${numberWordRu(count, 'feminine')} ${pluralRu(count, one, few, many)}`;
}

/** Orders outcomes so that «4 или 5 по решению учителя» sits between 4 and 5. */
function rank(p: Exclude<PeriodMarkProposal, { kind: 'insufficient' }>): number {
  return p.kind === 'mark' ? p.value : p.lower + 0.5;
}

function outcomeRu(p: Exclude<PeriodMarkProposal, { kind: 'insufficient' }>): string {
  return p.kind === 'mark' ? String(p.value) : `${p.lower} или ${p.upper} (решает учитель)`;
}

function changeSentence(c: Omit<ForecastChange, 'sentence'>): string {
  const marks = countMarksRu(c.count, c.value) + (c.weight === 1 ? '' : ` с весом ${formatPlain(c.weight)}`);
  const single = pluralRu(c.count, 'one', 'few', 'many') === 'one';
  if (c.direction === 'lower') {
    return `${capitalizeRu(marks)} ${single ? 'снизит' : 'снизят'} прогноз до ${outcomeRu(c.result)}`;
  }
  return `Ещё ${marks} ${single ? 'даст' : 'дадут'} прогноз ${outcomeRu(c.result)}`;
}

/** A weight, mark or sum without trailing zeros: 2 → '2', 1.5 → '1,5'. */
function formatPlain(n: number): string {
  return Number.isInteger(n) ? String(n) : formatDecimalRu(n, 2).replace(/,?0+$/, '');
}

/**
 * Smallest number (1..maxAdditional) of extra marks of `value` and `weight` that changes
 * the forecast, or null if none does. `beyond` (a change already found) lets the caller look
 * past the teacher's band to the first definite mark: the search goes on after its count and
 * compares with its result instead of the current forecast (fewer marks lie between the two).
 */
function firstChange(
  marks: readonly WeightedMark[],
  policy: RoundingPolicy,
  value: PeriodMarkValue,
  weight: number,
  maxAdditional: number,
  current: PeriodMarkProposal,
  beyond?: Omit<ForecastChange, 'sentence'>,
): Omit<ForecastChange, 'sentence'> | null {
  const extra: WeightedMark[] = [];
  for (let count = 1; count <= maxAdditional; count++) {
    extra.push({ value, weight });
    if (beyond && count <= beyond.count) continue;
    const result = proposePeriodMark([...marks, ...extra], policy);
    if (result.kind === 'insufficient') continue;
    if (current.kind === 'insufficient') return { value, weight, count, direction: 'reach', result };
    const before = beyond ? rank(beyond.result) : rank(current);
    if (rank(result) > before) return { value, weight, count, direction: 'raise', result };
    if (rank(result) < before) return { value, weight, count, direction: 'lower', result };
  }
  return null;
}

/** Hypothetical futures: for each value, how many such marks would move the forecast. */
export function whatWouldChange(
  marks: readonly WeightedMark[],
  policy: RoundingPolicy,
  options: ForecastOptions = {},
): ForecastChange[] {
  const weight = options.weight ?? 1;
  const maxAdditional = options.maxAdditional ?? 10;
  const values = options.values ?? ([5, 4, 3, 2] as const);
  const current = proposePeriodMark(marks, policy);
  const changes: ForecastChange[] = [];
  for (const value of values) {
    const first = firstChange(marks, policy, value, weight, maxAdditional, current);
    if (!first) continue;
    changes.push({ ...first, sentence: changeSentence(first) });
    // «Ещё две пятёрки дадут 4 или 5 (решает учитель)» is useful, but so is when «5» becomes certain.
    if (first.direction !== 'reach' && first.result.kind === 'teacher-decides') {
      const definite = firstChange(marks, policy, value, weight, maxAdditional, current, first);
      if (definite && definite.direction === first.direction) {
        changes.push({ ...definite, sentence: changeSentence(definite) });
      }
    }
  }
  return changes;
}

function explain(marks: readonly WeightedMark[], policy: RoundingPolicy, proposal: PeriodMarkProposal): string {
  const rule = describePolicy(policy);
  if (proposal.kind === 'insufficient') {
    const needed = proposal.minMarks - proposal.count;
    const have = `${proposal.count} ${pluralRu(proposal.count, 'отметка', 'отметки', 'отметок')}`;
    const need =
      needed > 0
        ? `${pluralRu(needed, 'нужна', 'нужно', 'нужно')} ещё ${needed} ${pluralRu(needed, 'отметка', 'отметки', 'отметок')}`
        : 'нужна хотя бы одна отметка';
    return `Прогноз пока нельзя рассчитать: в периоде ${have}, ${need}. ${rule}`;
  }
  const list = marks.map((m) => `${formatPlain(m.value)} (вес ${formatPlain(m.weight)})`).join(', ');
  const sum = marks.reduce((s, m) => s + m.value * m.weight, 0);
  const weights = marks.reduce((s, m) => s + m.weight, 0);
  const avg = formatDecimalRu(proposal.weightedAverage, 2);
  const approx = roundTo(sum / weights, 2) === sum / weights ? '=' : '≈';
  const outcome =
    proposal.kind === 'mark'
      ? `Прогноз: ${proposal.value}.`
      : `Прогноз: ${proposal.lower} или ${proposal.upper} — окончательную отметку выбирает учитель.`;
  return (
    `Отметки и их веса: ${list}. ` +
    `Сумма «отметка × вес» = ${formatPlain(sum)}, сумма весов = ${formatPlain(weights)}, ` +
    `средневзвешенный балл = ${formatPlain(sum)} / ${formatPlain(weights)} ${approx} ${avg}. ` +
    `${outcome} ${rule}`
  );
}

/** The forecast shown in the diary: proposal, explanation and what the next marks would change. */
export function forecast(marks: readonly WeightedMark[], policy: RoundingPolicy, options: ForecastOptions = {}): Forecast {
  const proposal = proposePeriodMark(marks, policy);
  return {
    proposal,
    explanation: explain(marks, policy, proposal),
    whatWouldChange: whatWouldChange(marks, policy, options),
  };
}
