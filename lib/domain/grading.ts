// Grading scales as data. A school may use several scales at once (seed 002 §2.2),
// so a mark is stored as the string shown in the journal plus the scale it belongs to.

export type GradingScaleKind = 'FIVE_POINT' | 'TEN_POINT' | 'PASS_FAIL';

export interface GradingScale {
  kind: GradingScaleKind;
  /** Russian name shown in settings. */
  label: string;
  /** Allowed values in ascending order, exactly as written in the journal. */
  values: readonly string[];
  /** Whether the values are numbers that can be averaged. */
  numeric: boolean;
  /** Lowest numeric value that counts as a pass (satisfactory). */
  passMin?: number;
}

export const PASS_VALUE = 'зач';
export const FAIL_VALUE = 'незач';

export const GRADING_SCALES: Record<GradingScaleKind, GradingScale> = {
  FIVE_POINT: {
    kind: 'FIVE_POINT',
    label: 'Пятибалльная',
    values: ['1', '2', '3', '4', '5'],
    numeric: true,
    passMin: 3,
  },
  TEN_POINT: {
    kind: 'TEN_POINT',
    label: 'Десятибалльная',
    values: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    numeric: true,
    // On the usual ten-point conversion 1–3 correspond to «неудовлетворительно».
    passMin: 4,
  },
  PASS_FAIL: {
    kind: 'PASS_FAIL',
    label: 'Зачёт / незачёт',
    values: [PASS_VALUE, FAIL_VALUE],
    numeric: false,
  },
};

/**
 * Brings a typed value to the canonical form of the scale, or null if it is not
 * a value of that scale. Surrounding spaces are ignored; pass/fail also accepts
 * any letter case and the abbreviation dot teachers habitually type («Зач.»).
 */
export function normalizeMarkValue(kind: GradingScaleKind, value: string): string | null {
  let v = value.trim();
  if (kind === 'PASS_FAIL') v = v.toLowerCase().replace(/\.$/, '');
  return GRADING_SCALES[kind].values.includes(v) ? v : null;
}

export function isValidMarkValue(kind: GradingScaleKind, value: string): boolean {
  return normalizeMarkValue(kind, value) !== null;
}

/** The number to average, or null for invalid values and non-numeric scales. */
export function markNumericValue(kind: GradingScaleKind, value: string): number | null {
  const v = normalizeMarkValue(kind, value);
  if (v === null || !GRADING_SCALES[kind].numeric) return null;
  return Number(v);
}

/** Whether a valid mark counts as satisfactory; null for invalid values. */
export function isPassingMark(kind: GradingScaleKind, value: string): boolean | null {
  const v = normalizeMarkValue(kind, value);
  if (v === null) return null;
  const scale = GRADING_SCALES[kind];
  if (!scale.numeric) return v === PASS_VALUE;
  return Number(v) >= (scale.passMin ?? -Infinity);
}

/** Where a mark stands on its scale: «отлично», «хорошо», «удовлетворительно», «неудовлетворительно». */
export type MarkLevel = 'excellent' | 'good' | 'satisfactory' | 'unsatisfactory';

/**
 * Lowest value of «отлично», «хорошо» and «удовлетворительно» on each numeric scale. A ten-point
 * «5» is satisfactory, not a five-point excellent mark: on the usual ten-point conversion 9–10 are
 * «отлично», 7–8 «хорошо», 4–6 «удовлетворительно» (its passMin), 1–3 «неудовлетворительно».
 */
const LEVEL_FLOORS: Partial<Record<GradingScaleKind, readonly [number, number, number]>> = {
  FIVE_POINT: [5, 4, 3],
  TEN_POINT: [9, 7, 4],
};

/** The level of a valid mark on its scale; null for invalid values and pass/fail. */
export function markLevel(kind: GradingScaleKind, value: string): MarkLevel | null {
  const n = markNumericValue(kind, value);
  const floors = LEVEL_FLOORS[kind];
  if (n === null || !floors) return null;
  const [excellent, good, satisfactory] = floors;
  return n >= excellent ? 'excellent' : n >= good ? 'good' : n >= satisfactory ? 'satisfactory' : 'unsatisfactory';
}
