'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField } from '@/lib/ids';
import { addNote } from '@/lib/data/notes';

export type NoteFormState = { ok?: boolean; errors?: Record<string, string> };

const schema = z.object({
  kind: z.enum(['MEDICAL', 'PSYCHOLOGICAL'], { message: 'Выберите вид записи' }),
  classId: idField('Выберите класс'),
  lastName: z.string().trim().min(1, 'Укажите фамилию ученика'),
  firstName: z.string().trim().min(1, 'Укажите имя ученика'),
  text: z.string().trim().min(1, 'Запись пуста').max(5000, 'Не длиннее 5000 символов'),
});

export async function addNoteAction(_prev: NoteFormState, form: FormData): Promise<NoteFormState> {
  return answerErrors('addNoteAction', (form): NoteFormState => ({ errors: { form } }), async () => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return { errors };
    }
    const result = await addNote(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/office/notes');
    return { ok: true };
  });
}
