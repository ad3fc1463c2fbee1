'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isIsoDate } from '@/lib/domain/calendar';
import { idField } from '@/lib/ids';
import { addTimetableEntry, endTimetableEntry } from '@/lib/data/timetable/entries';
import { fieldErrors } from '@/lib/form-errors';

const ADD_FIELDS = ['courseId', 'weekday', 'slot', 'room', 'validFrom'] as const;

/** values: what the form held, sent back with an error so that nothing chosen is lost. */
export type AddEntryState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: Record<(typeof ADD_FIELDS)[number], string> };
export type EndEntryState = { ok?: boolean; message?: string; errors?: Record<string, string> };

const date = (missing: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, missing).refine(isIsoDate, 'Такой даты нет в календаре');
const whole = (message: string, max: number) => z.string().regex(/^\d{1,2}$/, message).transform(Number).refine((n) => n >= 1 && n <= max, message);

const addSchema = z.object({
  classId: idField('Класс не найден'),
  courseId: idField('Выберите предмет этого класса или его группы', 'Выберите предмет'),
  weekday: whole('Выберите день недели', 7),
  slot: whole('Выберите урок из расписания звонков', 20),
  room: z.string().trim().max(20, 'Кабинет — не длиннее 20 символов').transform((s) => s || null),
  validFrom: date('Укажите, с какой даты действует урок'),
});

const endSchema = z.object({
  entryId: idField('Запись расписания не найдена'),
  endDate: date('Укажите дату, с которой урока больше нет'),
});

export async function addEntryAction(_prev: AddEntryState, form: FormData): Promise<AddEntryState> {
  const state = await answerErrors('addEntryAction', (message): AddEntryState => ({ errors: { form: message } }), async (): Promise<AddEntryState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = addSchema.safeParse(typedValues(form, ['classId', ...ADD_FIELDS]));
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['classId']) };
    const result = await addTimetableEntry(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/schedule');
    return { ok: true, message: 'Урок добавлен в расписание' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ADD_FIELDS) };
}

export async function endEntryAction(_prev: EndEntryState, form: FormData): Promise<EndEntryState> {
  return answerErrors('endEntryAction', (message): EndEntryState => ({ errors: { form: message } }), async (): Promise<EndEntryState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = endSchema.safeParse(typedValues(form, ['entryId', 'endDate']));
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['entryId']) };
    const result = await endTimetableEntry(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/schedule');
    return { ok: true, message: 'Урок снят с расписания' };
  });
}
