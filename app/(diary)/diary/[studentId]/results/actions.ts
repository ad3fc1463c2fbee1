'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField } from '@/lib/ids';
import { acknowledgeFinalMarks, MESSAGE_MAX_LENGTH } from '@/lib/data/diary/acknowledge';

/** values: the message as typed, sent back with an error so that the parent does not write it again. */
export type AckFormState = { ok?: boolean; message?: string; errors?: { form?: string; message?: string }; values?: { message: string } };

const ackSchema = z.object({
  studentId: idField('Ученик не найден'),
  periodId: idField('Учебный период не найден'),
  message: z.string().max(MESSAGE_MAX_LENGTH, `Сообщение не длиннее ${MESSAGE_MAX_LENGTH} символов`).default(''),
});

/** The parent acknowledges a period's final marks, with an optional message to the class teacher. */
export async function acknowledgeAction(_prev: AckFormState, form: FormData): Promise<AckFormState> {
  const state = await answerErrors('acknowledgeAction', (form): AckFormState => ({ errors: { form } }), async (): Promise<AckFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = ackSchema.safeParse({ studentId: form.get('studentId'), periodId: form.get('periodId'), message: form.get('message') ?? '' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { errors: issue.path[0] === 'message' ? { message: issue.message } : { form: 'Неверный запрос. Обновите страницу.' } };
    }
    const result = await acknowledgeFinalMarks(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath(`/diary/${parsed.data.studentId}/results`);
    return {
      ok: true,
      message: result.messageSent
        ? 'Спасибо! Подтверждение и сообщение отправлены классному руководителю.'
        : 'Подтверждение сохранено. У класса нет классного руководителя, поэтому сообщение не отправлено.',
    };
  });
  // React empties the form after an action: an error answer brings back what was typed.
  return state.ok ? state : { ...state, values: typedValues(form, ['message']) };
}
