// ГИА results (state final exams): which exam a class sits and what a result may hold. ОГЭ is
// sat in grade 9, ЕГЭ in grade 11, ГВЭ (the exam in another form) in either. ЕГЭ is scored
// 0–100 (the base-level mathematics exam gets a mark instead); ОГЭ and ГВЭ give a mark 2–5, with
// ОГЭ's primary score beside it. Both fields empty: the pupil did not sit the exam (absent).
import type { ExamKindName } from './diary-format';

export const EXAM_GRADES: Record<ExamKindName, readonly number[]> = { OGE: [9], EGE: [11], GVE: [9, 11] };

export const examFitsGrade = (kind: ExamKindName, gradeLevel: number): boolean => EXAM_GRADES[kind].includes(gradeLevel);

/** The largest score: ЕГЭ's test score is 0–100; primary scores of ОГЭ/ГВЭ stay below it too. */
const MAX_SCORE = 100;
const MARKS = ['2', '3', '4', '5'];

export type ExamEntry = { score: number | null; mark: string | null };
export type ExamEntryErrors = { score?: string; mark?: string };

/** A result as the table shows it (empty strings: not sat); the form sends it back to detect changes. */
export const examShown = (r: ExamEntry | null | undefined) => ({ score: r?.score?.toString() ?? '', mark: r?.mark ?? '' });

/** Whether a stored (or typed) result is the one the table showed. */
export const sameAsShown = (r: ExamEntry | null | undefined, shown: { score: string; mark: string }) => {
  const s = examShown(r);
  return s.score === shown.score.trim() && s.mark === shown.mark.trim();
};

export const CHANGED_MEANWHILE = 'Результат уже изменил другой пользователь';

/** One pupil's typed result: the values to store (null both: not sat), or Russian errors per field. */
export function parseExamEntry(kind: ExamKindName, rawScore: string, rawMark: string): { ok: true; entry: ExamEntry } | { ok: false; errors: ExamEntryErrors } {
  const s = rawScore.trim();
  const m = rawMark.trim();
  const errors: ExamEntryErrors = {};
  let score: number | null = null;
  if (s !== '') {
    if (!/^\d{1,3}$/.test(s)) errors.score = 'Балл — целое неотрицательное число';
    else if (Number(s) > MAX_SCORE) errors.score = `Балл — от 0 до ${MAX_SCORE}`;
    else score = Number(s);
  }
  const mark = m === '' ? null : m;
  if (mark !== null && !MARKS.includes(mark)) errors.mark = 'Отметка — от 2 до 5';
  // ОГЭ and ГВЭ are marked on the five-point scale: a score without the mark is half a result.
  if (!errors.mark && mark === null && score !== null && kind !== 'EGE') errors.mark = 'Укажите отметку (2–5)';
  if (errors.score || errors.mark) return { ok: false, errors };
  return { ok: true, entry: { score, mark } };
}
