// The school's rounding policy: how a weighted average becomes a period mark proposal
// on the five-point scale (DOMAIN.md «Period mark proposal»). The policy is a school
// setting; the teacher still sets the final mark, this only proposes it.

import { weightedAverage, type WeightedMark } from './averages';
import { formatDecimalRu, pluralRu, roundTo } from './russian';

export type PeriodMarkValue = 2 | 3 | 4 | 5;

export type RoundingPolicy = {
  /** Lowest average (inclusive) that gives the mark: e.g. { 3: 2.5, 4: 3.5, 5: 4.5 }. */
  thresholds: { 3: number; 4: number; 5: number };
  /** Width just below each threshold where the teacher chooses between the two marks; 0 = none. */
  teacherDecidesBand: number;
  /** Fewer marks than this in the period → no proposal (the pupil is not attested yet). */
  minMarks: number;
};

export const ROUNDING_PRESETS = {
  /** Arithmetic rounding: 4,50 is already «5». */
  standard: { thresholds: { 3: 2.5, 4: 3.5, 5: 4.5 }, teacherDecidesBand: 0, minMarks: 3 },
  /** The next mark needs a clear margin: 4,50 is still «4», «5» from 4,60. */
  strict: { thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0, minMarks: 3 },
  /** Strict thresholds, but from 4,50 to 4,59 (and alike) the teacher decides. */
  teacherDecides: { thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 3 },
} as const satisfies Record<string, RoundingPolicy>;

export type RoundingPresetName = keyof typeof ROUNDING_PRESETS;

export const ROUNDING_PRESET_LABELS: Record<RoundingPresetName, string> = {
  standard: 'Стандартное округление (2,5 / 3,5 / 4,5)',
  strict: 'Строгое округление (2,6 / 3,6 / 4,6)',
  teacherDecides: 'Строгое округление, пограничные случаи решает учитель',
};

export type PeriodMarkProposal =
  | { kind: 'mark'; value: PeriodMarkValue; weightedAverage: number }
  | { kind: 'teacher-decides'; lower: PeriodMarkValue; upper: PeriodMarkValue; weightedAverage: number }
  | { kind: 'insufficient'; count: number; minMarks: number };

const PASSING: readonly (3 | 4 | 5)[] = [3, 4, 5];

/** Threshold minus band, cleaned of floating-point noise (4.6 − 0.1 = 4.499999…). */
function bandStart(threshold: number, band: number): number {
  return roundTo(threshold - band, 6);
}

/**
 * Proposes the period mark from the weighted average.
 * The average is rounded to hundredths before comparing, because that is the number
 * the pupil and parent see in the diary: a shown «4,50» must never yield «4» under a
 * 4,5 threshold just because the exact value was 4.4999.
 */
export function proposePeriodMark(marks: readonly WeightedMark[], policy: RoundingPolicy): PeriodMarkProposal {
  const count = marks.length;
  const exact = weightedAverage(marks);
  if (exact === null || count < policy.minMarks) {
    return { kind: 'insufficient', count, minMarks: policy.minMarks };
  }
  const avg = roundTo(exact, 2);

  let value: PeriodMarkValue = 2;
  for (const m of PASSING) if (avg >= policy.thresholds[m]) value = m;

  if (value < 5 && policy.teacherDecidesBand > 0) {
    const upper = (value + 1) as 3 | 4 | 5;
    if (avg >= bandStart(policy.thresholds[upper], policy.teacherDecidesBand)) {
      return { kind: 'teacher-decides', lower: value, upper, weightedAverage: avg };
    }
  }
  return { kind: 'mark', value, weightedAverage: avg };
}

/** Problems with a policy entered in school settings, in Russian; empty when it is usable. */
export function validateRoundingPolicy(policy: RoundingPolicy): string[] {
  const errors: string[] = [];
  const { 3: t3, 4: t4, 5: t5 } = policy.thresholds;
  const thresholdsOk = [t3, t4, t5].every(Number.isFinite) && 2 < t3 && t3 < t4 && t4 < t5 && t5 <= 5;
  if (!thresholdsOk) {
    errors.push('Пороги должны возрастать: 2 < порог «3» < порог «4» < порог «5» ≤ 5.');
  }
  const band = policy.teacherDecidesBand;
  const smallestGap = Math.min(t3 - 2, t4 - t3, t5 - t4);
  if (!Number.isFinite(band) || band < 0) {
    errors.push('Ширина зоны решения учителя не может быть отрицательной.');
  } else if (thresholdsOk && band >= smallestGap) {
    errors.push('Зона решения учителя должна быть уже промежутка между соседними порогами.');
  }
  if (!Number.isInteger(policy.minMarks) || policy.minMarks < 0) {
    errors.push('Минимальное число отметок должно быть целым неотрицательным числом.');
  }
  return errors;
}

const fmt = (n: number) => formatDecimalRu(n, 2);

/**
 * Russian explanation of the rule, listing the exact ranges of the average
 * (rounded to hundredths) for every outcome, top to bottom. `period`: a term (четверть,
 * триместр, полугодие) or the year. The year is a study period like a term (DOMAIN.md «Period
 * mark proposal»): its mark is proposed from all the year's marks, not from the term marks,
 * and the text says so, since a teacher may expect the other way.
 */
export function describePolicy(policy: RoundingPolicy, period: 'term' | 'year' = 'term'): string {
  const band = policy.teacherDecidesBand;
  const parts: string[] = [];
  // Lower edge of the range of the mark above the current one (where the current range ends).
  let ceiling: number | null = null;
  for (const m of [5, 4, 3] as const) {
    const t = policy.thresholds[m];
    parts.push(ceiling === null ? `от ${fmt(t)} — «${m}»` : `от ${fmt(t)} до ${fmt(ceiling - 0.01)} — «${m}»`);
    ceiling = t;
    if (band > 0) {
      const start = bandStart(t, band);
      parts.push(`от ${fmt(start)} до ${fmt(t - 0.01)} — «${m - 1}» или «${m}» по решению учителя`);
      ceiling = start;
    }
  }
  parts.push(`ниже ${fmt(ceiling as number)} — «2»`);

  const min = policy.minMarks;
  const marks = `${min} ${pluralRu(min, 'отметки', 'отметок', 'отметок')}`;
  const minText = min <= 0 ? '' : period === 'year'
    ? ` Годовая отметка предлагается, если за год не менее ${marks}.`
    : ` Отметка за период предлагается, если в нём не менее ${marks}.`;
  const lead = period === 'year'
    ? 'Годовая отметка — средневзвешенный балл всех отметок учебного года (сумма «отметка × вес», делённая на сумму весов), '
    : 'Отметка за период — средневзвешенный балл (сумма «отметка × вес», делённая на сумму весов), ';
  const notTerms = period === 'year' ? ' Это не среднее отметок за четверти (триместры, полугодия).' : '';
  return `${lead}округлённый до сотых: ${parts.join('; ')}.${notTerms}${minText}`;
}
