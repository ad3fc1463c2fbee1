'use server';
// Final marks: set one pupil's mark (value, special value or deferral) and publish the drafts.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isIsoDate } from '@/lib/domain/calendar';
import { idField } from '@/lib/ids';
import { MESSAGES } from '@/lib/data/journal/result';
import { publishFinalMarks, setFinalMark } from '@/lib/data/journal/final-marks';
import { formatInstantRu } from '@/lib/domain/diary-format';

/**
 * field: the input the error is about, when it is about one. values: what the row's form held,
 * sent back with an error so that a typed deferral is not lost (React empties the form).
 */
export type FinalFormState = { ok?: boolean; message?: string; error?: string; field?: string; values?: FinalTyped };
type FinalTyped = { choice: string; until: string; reason: string };

const failed = (error: string): FinalFormState => ({ error });

const target = { courseId: idField(MESSAGES.courseNotFound), periodId: idField(MESSAGES.courseNotFound) };
const base = { ...target, studentId: idField(MESSAGES.pupilNotInCourse), expectedVersion: z.coerce.number().int().min(0) };
const schema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('value'), value: z.string().trim().min(1, 'Выберите отметку').max(10, 'Такой отметки нет в шкале') }),
  z.object({ ...base, kind: z.literal('special'), special: z.enum(['NOT_ATTESTED', 'EXEMPT', 'PASSED']) }),
  z.object({ ...base, kind: z.literal('deferral'), until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Укажите дату отсрочки').refine(isIsoDate, 'Такой даты нет в календаре'), reason: z.string().trim().min(3, 'Укажите причину').max(300, 'Причина — не длиннее 300 символов') }),
]);

export async function setFinalMarkAction(_prev: FinalFormState, form: FormData): Promise<FinalFormState> {
  const state = await answerErrors('setFinalMarkAction', failed, async (): Promise<FinalFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const choice = String(form.get('choice') ?? '');
    const [kind, rest] = choice.startsWith('special:') ? ['special', choice.slice(8)] : choice === 'deferral' ? ['deferral', ''] : ['value', choice];
    const parsed = schema.safeParse({
      courseId: form.get('courseId'), periodId: form.get('periodId'), studentId: form.get('studentId'), expectedVersion: form.get('expectedVersion'),
      kind, value: rest, special: rest, until: form.get('until'), reason: form.get('reason') ?? '',
    });
    if (!parsed.success) return { error: parsed.error.issues[0].message, field: String(parsed.error.issues[0].path[0] ?? 'choice') };
    const { courseId, periodId, ...input } = parsed.data;
    const r = await setFinalMark(actor, { courseId, periodId }, input);
    if (!r.ok) return r.field ? { error: r.error, field: r.field } : { error: r.error };
    if (!r.changed) return { ok: true, message: 'Без изменений: эта отметка уже сохранена' };
    revalidatePath(`/journal/courses/${courseId}/final`);
    return { ok: true, message: 'Сохранено (черновик)' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['choice', 'until', 'reason']) };
}

export async function publishFinalMarksAction(_prev: FinalFormState, form: FormData): Promise<FinalFormState> {
  return answerErrors('publishFinalMarksAction', failed, async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const parsed = z.object(target).safeParse({ courseId: form.get('courseId'), periodId: form.get('periodId') });
    if (!parsed.success) return { error: 'Неверный запрос' };
    const r = await publishFinalMarks(actor, parsed.data);
    if (!r.ok) return { error: r.error };
    revalidatePath(`/journal/courses/${parsed.data.courseId}/final`);
    const when = formatInstantRu(r.visibleFrom, actor.timeZone);
    return { ok: true, message: `Опубликовано: ${r.published}. Семьи увидят отметки не позже ${when}.` };
  });
}
