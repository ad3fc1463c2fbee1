'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField } from '@/lib/ids';
import { fieldErrors } from '@/lib/form-errors';
import { REPLY_ERRORS, REPLY_MAX_LENGTH, replyToParent } from '@/lib/data/diary/class-reply';

/** values: the answer as typed, sent back with an error so that the class teacher does not write it again. */
export type ReplyFormState = { ok?: boolean; errors?: { form?: string; body?: string }; values?: { body: string } };

const replySchema = z.object({
  classId: idField('Класс не найден'),
  messageId: idField('Сообщение не найдено'),
  body: z.string().trim().min(1, REPLY_ERRORS.empty).max(REPLY_MAX_LENGTH, REPLY_ERRORS.tooLong),
});

/** The class teacher answers a parent's message shown on the class's acknowledgements page. */
export async function replyAction(_prev: ReplyFormState, form: FormData): Promise<ReplyFormState> {
  const state = await answerErrors('replyAction', (form): ReplyFormState => ({ errors: { form } }), async (): Promise<ReplyFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = replySchema.safeParse({ classId: form.get('classId'), messageId: form.get('messageId'), body: form.get('body') ?? '' });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['classId', 'messageId']) };
    const result = await replyToParent(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath(`/class/${parsed.data.classId}/acknowledgements`);
    return { ok: true };
  });
  // React empties the form after an action: an error answer brings back what was typed.
  return state.ok ? state : { ...state, values: typedValues(form, ['body']) };
}
