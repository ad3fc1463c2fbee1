// The pupil's school calendar: study periods of their classes' schemes, holidays, bell times
// (loaded with the pupil's context, context-sql.ts), and the rules for picking a term.
import type { HolidayRange } from '../../domain/calendar';
import type { DiaryEnrollment } from './context';

export type DiaryPeriod = {
  id: number;
  name: string;
  kind: 'TERM' | 'YEAR';
  ordinal: number;
  startDate: string;
  endDate: string;
  schemeId: number | null;
  academicYearId: number;
};

export type DiaryHoliday = HolidayRange & { gradeLevels: number[]; academicYearId: number };

export type BellTimes = Map<number, { start: string; end: string }>;

/** The terms of the enrollment's scheme in order, then the year. */
export function periodsOfEnrollment(periods: readonly DiaryPeriod[], enrollment: DiaryEnrollment | null): DiaryPeriod[] {
  if (!enrollment) return [];
  const terms = periods.filter((p) => p.kind === 'TERM' && p.schemeId === enrollment.periodSchemeId && p.academicYearId === enrollment.academicYearId);
  const year = periods.filter((p) => p.kind === 'YEAR' && p.academicYearId === enrollment.academicYearId);
  return [...terms.sort((a, b) => a.ordinal - b.ordinal), ...year];
}

/**
 * The term a span of days belongs to: the one containing `preferred` (today), else one containing
 * any of the days, else the last one ended before them (during holidays: the term just finished),
 * else the first.
 */
export function termFor(periods: readonly DiaryPeriod[], days: readonly string[], preferred?: string): DiaryPeriod | null {
  const terms = periods.filter((p) => p.kind === 'TERM');
  const contains = (d: string) => terms.find((p) => p.startDate <= d && d <= p.endDate);
  if (preferred && days.includes(preferred) && contains(preferred)) return contains(preferred)!;
  for (const d of days) if (contains(d)) return contains(d)!;
  const ended = terms.filter((p) => p.endDate < days[0]);
  return ended[ended.length - 1] ?? terms[0] ?? null;
}

/** Holidays that apply to the grade (the first graders' February week only to them). */
export function holidaysForGrade(holidays: readonly DiaryHoliday[], gradeLevel: number | undefined): DiaryHoliday[] {
  // A list column written without a value reads as null: that too means every grade.
  return holidays.filter((h) => !h.gradeLevels?.length || (gradeLevel !== undefined && h.gradeLevels.includes(gradeLevel)));
}
