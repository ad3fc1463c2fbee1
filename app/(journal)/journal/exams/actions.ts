'use server';
// Management enters a class's ГИА results for one exam and publishes them (lib/data/exams.ts).
import { revalidatePath } from 'next/cache';
import { answerErrors } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { publishExamResults, saveExamResults } from '@/lib/data/exams';
import type { ExamEntryErrors } from '@/lib/domain/exams';
import { examTargetSchema, fieldErrors } from './params';

export type ExamFormState = {
  ok?: boolean;
  message?: string;
  error?: string;
  /** Errors of the exam's own fields (classId, kind, subjectId, date). */
  fields?: Record<string, string>;
  rowErrors?: Record<number, ExamEntryErrors>;
  /** What was typed, per pupil, to show again after an error. */
  values?: Record<number, { score: string; mark: string }>;
};

const failed = (error: string): ExamFormState => ({ error });

function targetOf(form: FormData) {
  return examTargetSchema.safeParse({ classId: form.get('classId'), kind: form.get('kind'), subjectId: form.get('subjectId'), date: String(form.get('date') ?? '') });
}

export async function saveExamResultsAction(_prev: ExamFormState, form: FormData): Promise<ExamFormState> {
  return answerErrors('saveExamResultsAction', failed, async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: 'Сеанс истёк. Войдите снова.' };
    const rows = form.getAll('studentId').map((raw) => {
      const studentId = parseId(raw) ?? 0;
      return { studentId, score: String(form.get(`score-${raw}`) ?? ''), mark: String(form.get(`mark-${raw}`) ?? '') };
    });
    const values = Object.fromEntries(rows.map((r) => [r.studentId, { score: r.score, mark: r.mark }]));
    const target = targetOf(form);
    if (!target.success) return { error: 'Проверьте класс, экзамен и дату', fields: fieldErrors(target.error.issues), values };
    if (rows.some((r) => r.studentId === 0)) return { error: 'Ученик не найден', values };
    const r = await saveExamResults(actor, target.data, rows);
    if (!r.ok) {
      if ('rowErrors' in r) return { error: r.error, rowErrors: r.rowErrors, values };
      return { error: r.error, fields: r.field ? { [r.field]: r.error } : undefined, values };
    }
    revalidatePath('/journal/exams');
    return { ok: true, message: r.saved ? `Сохранено результатов: ${r.saved}. Семьи увидят их после публикации.` : 'Изменений нет' };
  });
}

export async function publishExamResultsAction(_prev: ExamFormState, form: FormData): Promise<ExamFormState> {
  return answerErrors('publishExamResultsAction', failed, async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: 'Сеанс истёк. Войдите снова.' };
    const target = targetOf(form);
    if (!target.success) return { error: 'Проверьте класс, экзамен и дату', fields: fieldErrors(target.error.issues) };
    const r = await publishExamResults(actor, target.data);
    if (!r.ok) return { error: r.error };
    revalidatePath('/journal/exams');
    return { ok: true, message: `Опубликовано результатов: ${r.published}` };
  });
}
