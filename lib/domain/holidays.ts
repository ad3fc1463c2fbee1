// Rules for a holiday (каникулы) entered by the school: its dates lie in its academic year, start
// before they end, and do not overlap another holiday of the same grades. Pure: no database.
import { formatDateRu } from './calendar';

export type HolidayInput = { name: string; startDate: string; endDate: string; gradeLevels: number[] };
export type HolidayProblem = { error: string; field: 'name' | 'startDate' | 'endDate' | 'gradeLevels' };

export const GRADE_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

/**
 * The days a year's holidays may take: from the year's first day to the day before the next
 * year's 1 September. The summer belongs to the year that just ended (academicYearOf), and the
 * summer holidays are that year's, although its last study day is in May.
 */
export function holidaySpan(year: { startDate: string; endDate: string }): { startDate: string; endDate: string } {
  const summerEnd = `${Number(year.startDate.slice(0, 4)) + 1}-08-31`;
  return { startDate: year.startDate, endDate: year.endDate > summerEnd ? year.endDate : summerEnd };
}

/**
 * Whether two holidays are for the same pupils. Two school-wide holidays are; two for named grades
 * are when they share a grade. A school-wide holiday and one for named grades are not: the extra
 * February week for first graders may well contain 23 February, a day off for everyone.
 */
function sameGrades(a: readonly number[], b: readonly number[]): boolean {
  if (!a.length || !b.length) return !a.length && !b.length;
  return a.some((g) => b.includes(g));
}

const gradesText = (grades: readonly number[]) => (grades.length ? `для ${grades.join(', ')} кл.` : 'для всей школы');

/** The first problem of `input` among the year's other holidays, in Russian; null when it may be saved. */
export function holidayProblems(
  input: HolidayInput,
  span: { startDate: string; endDate: string },
  others: readonly HolidayInput[],
): HolidayProblem | null {
  if (!input.name.trim()) return { error: 'Укажите название каникул', field: 'name' };
  if (input.gradeLevels.some((g) => !Number.isInteger(g) || g < 1 || g > 11)) return { error: 'Классы — от 1 до 11', field: 'gradeLevels' };
  const range = `${formatDateRu(span.startDate)}–${formatDateRu(span.endDate)}`;
  if (input.startDate < span.startDate || input.startDate > span.endDate) return { error: `Дата вне учебного года (${range})`, field: 'startDate' };
  if (input.endDate < span.startDate || input.endDate > span.endDate) return { error: `Дата вне учебного года (${range})`, field: 'endDate' };
  if (input.startDate > input.endDate) return { error: 'Начало каникул позже их окончания', field: 'endDate' };
  const clash = others.find((o) => o.startDate <= input.endDate && input.startDate <= o.endDate && sameGrades(o.gradeLevels, input.gradeLevels));
  if (clash) {
    return {
      error: `Пересекается с «${clash.name}» ${gradesText(clash.gradeLevels)} (${formatDateRu(clash.startDate)}–${formatDateRu(clash.endDate)})`,
      field: 'startDate',
    };
  }
  return null;
}
