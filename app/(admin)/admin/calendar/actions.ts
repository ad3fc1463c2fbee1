'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isIsoDate } from '@/lib/domain/calendar';
import { idField, optionalIdField } from '@/lib/ids';
import { deleteHoliday, saveHoliday } from '@/lib/data/calendar';
import { fieldErrors } from '@/lib/form-errors';
import { deleteById, type DeleteState } from '@/lib/delete-action';

export type HolidayTyped = { name: string; startDate: string; endDate: string; gradeLevels: string[] };
/** values: what the form held, sent back with an error so that nothing typed is lost. */
export type HolidayFormState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: HolidayTyped };

const date = (missing: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, missing).refine(isIsoDate, 'Такой даты нет в календаре');

const schema = z.object({
  id: optionalIdField('Каникулы не найдены'),
  academicYearId: idField('Учебный год не найден'),
  name: z.string().trim().min(1, 'Укажите название каникул').max(100, 'Название — не длиннее 100 символов'),
  startDate: date('Укажите дату начала'),
  endDate: date('Укажите дату окончания'),
  // Each checked grade arrives as its own value; anything but 1–11 is refused, not dropped.
  gradeLevels: z.array(z.string().regex(/^\d{1,2}$/, 'Классы — от 1 до 11').transform(Number).refine((g) => g >= 1 && g <= 11, 'Классы — от 1 до 11')),
});


const formError = (form: string): HolidayFormState => ({ errors: { form } });

export async function saveHolidayAction(_prev: HolidayFormState, form: FormData): Promise<HolidayFormState> {
  const state = await answerErrors('saveHolidayAction', formError, async (): Promise<HolidayFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return formError(SESSION_ENDED);
    const parsed = schema.safeParse({
      id: form.get('id'), academicYearId: form.get('academicYearId'), name: form.get('name') ?? '',
      startDate: form.get('startDate') ?? '', endDate: form.get('endDate') ?? '', gradeLevels: form.getAll('gradeLevels').map(String),
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['id', 'academicYearId']) };
    const gradeLevels = [...new Set(parsed.data.gradeLevels)].sort((a, b) => a - b);
    const result = await saveHoliday(actor, { ...parsed.data, gradeLevels });
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/calendar');
    return { ok: true, message: parsed.data.id ? 'Каникулы изменены' : 'Каникулы добавлены' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['name', 'startDate', 'endDate'], ['gradeLevels']) };
}

export type { DeleteState };

export async function deleteHolidayAction(_prev: DeleteState, form: FormData): Promise<DeleteState> {
  return deleteById(form, { action: 'deleteHolidayAction', field: 'id', notFound: 'Каникулы не найдены', path: '/admin/calendar' }, deleteHoliday);
}
