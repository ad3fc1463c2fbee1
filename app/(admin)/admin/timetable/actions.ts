'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField, optionalIdField } from '@/lib/ids';
import { isIsoDate } from '@/lib/domain/calendar';
import { recordTimetableChange, removeTimetableChange } from '@/lib/data/timetable/changes';
import { fieldErrors } from '@/lib/form-errors';
import { deleteById, type DeleteState } from '@/lib/delete-action';

const FIELDS = ['lesson', 'kind', 'substituteTeacherId', 'newDate', 'newSlot', 'room', 'reason'] as const;
type Typed = Record<(typeof FIELDS)[number], string>;

/** values: what the form held, sent back with an error so that nothing chosen is lost. */
export type ChangeFormState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: Typed };
export type RemoveState = DeleteState;

const slotNumber = (message: string) => z.coerce.number(message).int(message).min(1, message).max(20, message);
const text = z.string().trim().transform((s) => s || null);

const schema = z.object({
  date: z.string().refine(isIsoDate, 'Такой даты нет в календаре'),
  // «courseId:slot»: a lesson of the day as the page lists it.
  lesson: z.string().regex(/^\d{1,10}:\d{1,2}$/, 'Выберите урок'),
  kind: z.enum(['SUBSTITUTION', 'CANCELLED', 'MOVED', 'ROOM'], 'Выберите вид изменения'),
  substituteTeacherId: optionalIdField('Замещающий учитель не найден'),
  newDate: z.union([z.literal('').transform(() => null), z.string().refine(isIsoDate, 'Такой даты нет в календаре')]),
  newSlot: z.union([z.literal('').transform(() => null), slotNumber('Номер урока — целое число от 1 до 20')]),
  room: text,
  reason: text,
});


export async function recordChangeAction(_prev: ChangeFormState, form: FormData): Promise<ChangeFormState> {
  const state = await answerErrors('recordChangeAction', (message): ChangeFormState => ({ errors: { form: message } }), async (): Promise<ChangeFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const raw = Object.fromEntries(['date', ...FIELDS].map((f) => [f, String(form.get(f) ?? '')]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const [course, slot] = parsed.data.lesson.split(':');
    const courseId = idField('Урок не найден').safeParse(course);
    if (!courseId.success) return { errors: { lesson: 'Урок не найден' } };
    const { lesson: _lesson, ...rest } = parsed.data;
    const result = await recordTimetableChange(actor, { ...rest, courseId: courseId.data, slot: Number(slot) });
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/timetable');
    return { ok: true, message: 'Изменение записано' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, FIELDS) };
}

export async function removeChangeAction(_prev: RemoveState, form: FormData): Promise<RemoveState> {
  return deleteById(form, { action: 'removeChangeAction', field: 'changeId', notFound: 'Изменение не найдено', path: '/admin/timetable' }, removeTimetableChange);
}
