// A pupil's figures in one subject for a period, as the diary shows them: the plain and weighted
// averages and the forecast with its explanation. The proposal comes from the same
// proposePeriodMark the journal uses (through forecast()), so both always agree.
import { average, weightedAverage, type WeightedMark } from './averages';
import { forecast, type Forecast } from './forecast';
import type { GradingScaleKind } from './grading';
import type { RoundingPolicy } from './rounding';

export type DiaryMarkInput = { numericValue: number | null; weight: number };

export type SubjectFigures = {
  /** All marks, numeric or not (зач/незач count here but not in the averages). */
  count: number;
  average: number | null;
  weightedAverage: number | null;
  /** Only on the five-point scale: the rounding policy speaks of 2–5. */
  forecast: Forecast | null;
};

/** Numeric marks with their weights, in the order given (the explanation lists them so). */
export function weightedMarks(marks: readonly DiaryMarkInput[]): WeightedMark[] {
  return marks
    .filter((m): m is { numericValue: number; weight: number } => m.numericValue !== null)
    .map((m) => ({ value: m.numericValue, weight: m.weight }));
}

export function subjectFigures(marks: readonly DiaryMarkInput[], policy: RoundingPolicy, scale: GradingScaleKind): SubjectFigures {
  const numeric = weightedMarks(marks);
  return {
    count: marks.length,
    average: average(numeric.map((m) => m.value)),
    weightedAverage: weightedAverage(numeric),
    forecast: scale === 'FIVE_POINT' ? forecast(numeric, policy) : null,
  };
}

export type AttendanceCodeName = 'ABSENT' | 'ILL' | 'EXCUSED' | 'LATE';

export type AttendanceCounts = Record<AttendanceCodeName, number> & {
  /** Lessons missed: every code but LATE. */
  missed: number;
};

export const EMPTY_ATTENDANCE: AttendanceCounts = { ABSENT: 0, ILL: 0, EXCUSED: 0, LATE: 0, missed: 0 };

/** Counts attendance codes per period; a date outside every period is left out. */
export function attendanceByPeriod<P extends { id: number; startDate: string; endDate: string }>(
  rows: readonly { code: AttendanceCodeName; date: string }[],
  periods: readonly P[],
): Map<number, AttendanceCounts> {
  const out = new Map<number, AttendanceCounts>(periods.map((p) => [p.id, { ...EMPTY_ATTENDANCE }]));
  for (const r of rows) {
    for (const p of periods) {
      if (r.date < p.startDate || r.date > p.endDate) continue;
      const c = out.get(p.id)!;
      c[r.code]++;
      if (r.code !== 'LATE') c.missed++;
    }
  }
  return out;
}
