'use server';
// Management enters a class's ГИА results for one exam and publishes them (lib/data/exams.ts).
import { revalidatePath } from 'next/cache';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { publishExamResults, saveExamResults } from '@/lib/data/exams';
import type { ExamEntryErrors } from '@/lib/domain/exams';
import { fieldErrors } from '@/lib/form-errors';
import { examTargetSchema } from './params';

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
    if (!actor) return { error: SESSION_ENDED };
    const field = (name: string) => { const v = form.get(name); return v === null ? null : String(v); };
    const rows = form.getAll('studentId').map((raw) => {
      const studentId = parseId(raw) ?? 0;
      // shown-*: the row as the table showed it, to write only what the user changed.
      return { studentId, score: field(`score-${raw}`) ?? '', mark: field(`mark-${raw}`) ?? '', shownScore: field(`shown-score-${raw}`), shownMark: field(`shown-mark-${raw}`) };
    });
    const values = Object.fromEntries(rows.map((r) => [r.studentId, { score: r.score, mark: r.mark }]));
    const target = targetOf(form);
    if (!target.success) return { error: 'Проверьте класс, экзамен и дату', fields: fieldErrors(target.error.issues), values };
    if (rows.some((r) => r.studentId === 0)) return { error: 'Ученик не найден', values };
    if (rows.some((r) => r.shownScore === null || r.shownMark === null)) return { error: 'Таблица устарела: обновите страницу и внесите результаты снова', values };
    const r = await saveExamResults(actor, target.data, rows.map((row) => ({ ...row, shownScore: row.shownScore ?? '', shownMark: row.shownMark ?? '' })));
    if (!r.ok) {
      if ('rowErrors' in r) return { error: r.error, rowErrors: r.rowErrors, values };
      return { error: r.error, fields: r.field ? { [r.field]: r.error } : undefined, values };
    }
    revalidatePath('/journal/exams');
    if (r.conflicts) {
      // The refused rows now show the other person's values (the page is reloaded), not what was typed.
      const refused = Object.keys(r.conflicts).length;
      return {
        error: `${r.saved ? `Сохранено результатов: ${r.saved}. ` : ''}Не сохранено: ${refused} — их уже изменил другой пользователь, пока таблица была открыта. Проверьте отмеченные строки и при необходимости внесите изменение снова.`,
        rowErrors: r.conflicts,
      };
    }
    return { ok: true, message: r.saved ? `Сохранено результатов: ${r.saved}. Семьи увидят их после публикации.` : 'Изменений нет' };
  });
}

export async function publishExamResultsAction(_prev: ExamFormState, form: FormData): Promise<ExamFormState> {
  return answerErrors('publishExamResultsAction', failed, async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const target = targetOf(form);
    if (!target.success) return { error: 'Проверьте класс, экзамен и дату', fields: fieldErrors(target.error.issues) };
    const r = await publishExamResults(actor, target.data);
    if (!r.ok) return { error: r.error };
    revalidatePath('/journal/exams');
    return { ok: true, message: `Опубликовано результатов: ${r.published}` };
  });
}
